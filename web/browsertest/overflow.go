package browsertest

import (
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// PhoneWidths are the viewport widths, in CSS pixels, at which every page a
// test visits must fit without scrolling sideways: the narrowest phones still
// in use (320) and the most common one (375).
var PhoneWidths = []int64{320, 375}

// Overflow is how a page fits one viewport width.
type Overflow struct {
	Width       int64 // the emulated viewport width
	ClientWidth int   // document.documentElement.clientWidth
	ScrollWidth int   // document.documentElement.scrollWidth
	// Widest names the innermost element that sticks out farthest (no child
	// of it sticks out), the one to fix; Outermost the outermost element that
	// sticks out, which holds it. Both are empty when the page fits.
	Widest, Outermost OverflowElement
}

// OverflowElement is an element that sticks out of the viewport.
type OverflowElement struct {
	Desc  string  `json:"desc"`  // tag#id.class[data-testid] "text…"
	Right float64 `json:"right"` // its right edge, in CSS pixels from the page's left
}

// Fits reports whether the page has no horizontal scroll at this width.
func (o Overflow) Fits() bool { return o.ScrollWidth <= o.ClientWidth }

func (o Overflow) String() string {
	if o.Fits() {
		return fmt.Sprintf("fits %d px", o.Width)
	}
	s := fmt.Sprintf("scrolls sideways at %d px wide: the page is %d px wide, the viewport %d px", o.Width, o.ScrollWidth, o.ClientWidth)
	if o.Widest.Desc != "" {
		s += fmt.Sprintf("; the widest element is %s (right edge at %.0f px)", o.Widest.Desc, o.Widest.Right)
	}
	if o.Outermost.Desc != "" && o.Outermost.Desc != o.Widest.Desc {
		s += fmt.Sprintf(", inside %s (right edge at %.0f px)", o.Outermost.Desc, o.Outermost.Right)
	}
	return s
}

// measureOverflow waits until the viewport has the width W, then measures the
// document and, when it is wider than the viewport, finds what sticks out.
// Elements inside a container that clips or scrolls sideways (such as
// .app-table-scroll) do not widen the page and are not named.
const measureOverflow = `(async (W) => {
	const de = document.documentElement;
	const frame = () => new Promise(r => requestAnimationFrame(() => r()));
	for (let i = 0; i < 30 && de.clientWidth !== W; i++) await frame();
	const cw = de.clientWidth, sw = de.scrollWidth;
	const out = {clientWidth: cw, scrollWidth: sw, widest: {desc: '', right: 0}, outermost: {desc: '', right: 0}};
	if (sw <= cw || !document.body) return out;
	// Whether a container that clips or scrolls holds el. An absolutely positioned element
	// escapes the containers below its containing block (its offsetParent), as it does in
	// layout; a fixed one escapes them all.
	const clipped = el => {
		const pos = getComputedStyle(el).position;
		if (pos === 'fixed') return false;
		for (let p = pos === 'absolute' ? el.offsetParent : el.parentElement; p && p !== document.body && p !== de; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== 'visible') return true;
		}
		return false;
	};
	const desc = el => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += '#' + el.id;
		for (const c of Array.from(el.classList).slice(0, 3)) s += '.' + c;
		const tid = el.getAttribute('data-testid');
		if (tid) s += '[data-testid="' + tid + '"]';
		const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
		if (text) s += ' "' + (text.length > 40 ? text.slice(0, 40) + '…' : text) + '"';
		return s;
	};
	// An element's right edge, or that of its content when it overflows the element (text
	// that cannot wrap is no element of its own).
	const right = el => {
		const rect = el.getBoundingClientRect();
		const content = getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth || 0 : 0;
		return rect.left + Math.max(rect.width, content) + window.scrollX;
	};
	const sticking = new Set();
	for (const el of document.body.querySelectorAll('*')) {
		const rect = el.getBoundingClientRect();
		if (rect.width === 0 && rect.height === 0) continue;
		if (right(el) > cw + 0.5 && !clipped(el)) sticking.add(el);
	}
	// The outermost is the outermost element whose own box sticks out (a table), or else whose
	// content does (a box with a word too long for it).
	const boxOut = el => el && el.getBoundingClientRect().right + window.scrollX > cw + 0.5;
	let widest = null, wr = 0, outer = null, or = 0, byContent = null, cr = 0;
	for (const el of sticking) {
		const r = right(el);
		const leaf = !Array.from(el.children).some(c => sticking.has(c));
		if (leaf && r > wr) { widest = el; wr = r; }
		if (boxOut(el) && !(sticking.has(el.parentElement) && boxOut(el.parentElement)) && r > or) { outer = el; or = r; }
		if (!sticking.has(el.parentElement) && r > cr) { byContent = el; cr = r; }
	}
	if (!outer) { outer = byContent; or = cr; }
	if (widest) out.widest = {desc: desc(widest), right: wr};
	if (outer) out.outermost = {desc: desc(outer), right: or};
	return out;
})(%d)`

type overflowResult struct {
	ClientWidth int             `json:"clientWidth"`
	ScrollWidth int             `json:"scrollWidth"`
	Widest      OverflowElement `json:"widest"`
	Outermost   OverflowElement `json:"outermost"`
}

// MeasureOverflow lays the current page out at each width, measures whether
// it scrolls sideways, and restores the browser's viewport. The layout
// viewport is exactly that wide (desktop metrics, scrollbars hidden as New
// starts chromium), which is what a phone shows of a page whose viewport meta
// says width=device-width, as every portal page does; a page without one is
// measured at that width all the same, not zoomed out to 980 px. A page that is not HTML, such
// as a PDF, is not measured and gives no result.
func (b *Browser) MeasureOverflow(widths ...int64) []Overflow {
	b.t.Helper()
	html, err := runAction(b, chromedp.Evaluate[bool](`document.contentType === 'text/html' && !!document.body`))
	if err != nil {
		b.fatalf("check the document of %s: %v", b.URL(), err)
	}
	if !html {
		return nil
	}
	defer b.restoreViewport()
	var out []Overflow
	for _, w := range widths {
		if err := b.do(chromedp.EmulateViewport(w, b.cfg.height)); err != nil {
			b.fatalf("set the viewport to %d px: %v", w, err)
		}
		r, err := runAction(b, chromedp.Evaluate[overflowResult](fmt.Sprintf(measureOverflow, w), chromedp.EvalAwaitPromise))
		if err != nil {
			b.fatalf("measure %s at %d px: %v", b.URL(), w, err)
		}
		out = append(out, Overflow{Width: w, ClientWidth: r.ClientWidth, ScrollWidth: r.ScrollWidth, Widest: r.Widest, Outermost: r.Outermost})
	}
	return out
}

// restoreViewport sets the viewport New set.
func (b *Browser) restoreViewport() {
	b.t.Helper()
	vp := []chromedp.EmulateViewportOption{}
	if b.cfg.mobile {
		vp = append(vp, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := b.do(chromedp.EmulateViewport(b.cfg.width, b.cfg.height, vp...)); err != nil {
		b.fatalf("restore the viewport: %v", err)
	}
}

// checkOverflow is run on every page that Navigate and ClickNavigate reach:
// the page must fit each of PhoneWidths. A page that does not marks the test
// failed, naming the page, the width and what sticks out, with a screenshot at
// that width, and the journey goes on.
func (b *Browser) checkOverflow() {
	b.t.Helper()
	var bad []string
	for _, o := range b.MeasureOverflow(PhoneWidths...) {
		if o.Fits() {
			continue
		}
		msg := o.String()
		if path, err := b.screenshotAt(o.Width, fmt.Sprintf("overflow-%d", o.Width)); err == nil {
			msg += "\n\tscreenshot at that width: " + path
		}
		bad = append(bad, msg)
	}
	if len(bad) > 0 {
		b.t.Errorf("browsertest: %s %s", b.URL(), strings.Join(bad, "\n\t"))
	}
}

// screenshotAt saves a screenshot of the page laid out at width, then
// restores the viewport.
func (b *Browser) screenshotAt(width int64, step string) (string, error) {
	defer b.restoreViewport()
	if err := b.do(chromedp.EmulateViewport(width, b.cfg.height)); err != nil {
		return "", err
	}
	return b.saveScreenshot(step)
}
