package browsertest

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chromedp/chromedp"
)

// The helpers below take CSS selectors. Each call waits for its element up to
// the action timeout (10 s by default) and fails the test on an error.

// TestID returns the CSS selector of the element with that data-testid, the
// attribute that the portal's tests look for.
func TestID(id string) string {
	b, _ := json.Marshal(id) // a JSON string is a valid CSS string
	return "[data-testid=" + string(b) + "]"
}

// Navigate loads url, waits for its load event, and returns the HTTP status
// of the document. The page must fit a phone's width (checkOverflow).
func (b *Browser) Navigate(url string) int {
	b.t.Helper()
	resp, err := runAction(b, chromedp.NavigateResponse(url))
	if err != nil {
		b.fatalf("navigate to %s: %v", url, err)
	}
	b.checkOverflow()
	return int(resp.Status)
}

// NavigateAndWait loads url and waits until the element sel is visible. It
// returns the HTTP status of the document.
func (b *Browser) NavigateAndWait(url, sel string) int {
	b.t.Helper()
	status := b.Navigate(url)
	b.WaitVisible(sel)
	return status
}

// WaitVisible waits until the element sel is in the page and visible.
func (b *Browser) WaitVisible(sel string) {
	b.t.Helper()
	if err := b.do(chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		b.fatalf("wait for %s to be visible: %v", sel, err)
	}
}

// Click clicks the element sel, without waiting for a navigation. Use it for
// what changes the page in place, such as a details element or an accordion.
func (b *Browser) Click(sel string) {
	b.t.Helper()
	if err := b.do(chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.fatalf("click %s: %v", sel, err)
	}
}

// ClickNavigate clicks the element sel, such as a link or a form's submit
// button, waits until the page that it leads to has loaded, and returns that
// page's HTTP status (after any redirects). The page must fit a phone's width
// (checkOverflow).
func (b *Browser) ClickNavigate(sel string) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, b.cfg.actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.fatalf("click %s and wait for the next page: %v", sel, err)
	}
	if resp == nil {
		b.fatalf("click %s: no page loaded", sel)
	}
	b.checkOverflow()
	return int(resp.Status)
}

// SetValue sets the value of the form field sel, replacing what it held. It
// does not type, so no key events fire; use SendKeys for scripts that listen.
func (b *Browser) SetValue(sel, value string) {
	b.t.Helper()
	if err := b.do(chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		b.fatalf("set the value of %s: %v", sel, err)
	}
}

// SendKeys focuses the element sel and types keys into it, after what it
// holds.
func (b *Browser) SendKeys(sel, keys string) {
	b.t.Helper()
	if err := b.do(chromedp.SendKeys(chromedp.CSS(sel), keys)); err != nil {
		b.fatalf("type into %s: %v", sel, err)
	}
}

// Check ticks the checkbox or selects the radio button sel, if it is not
// already.
func (b *Browser) Check(sel string) {
	b.t.Helper()
	if err := b.do(chromedp.SetJavascriptAttribute(chromedp.CSS(sel), "checked", "true")); err != nil {
		b.fatalf("check %s: %v", sel, err)
	}
}

// Text returns the visible text of the element sel, as a user reads it.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	s, err := runAction(b, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.fatalf("read the text of %s: %v", sel, err)
	}
	return s
}

// Value returns the current value of the form field sel.
func (b *Browser) Value(sel string) string {
	b.t.Helper()
	s, err := runAction(b, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.fatalf("read the value of %s: %v", sel, err)
	}
	return s
}

// Attribute returns the value of the attribute name of the element sel, and
// whether the element has it.
func (b *Browser) Attribute(sel, name string) (string, bool) {
	b.t.Helper()
	r, err := runAction(b, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		b.fatalf("read the attribute %s of %s: %v", name, sel, err)
	}
	return r.Value, r.Exists
}

// Count returns how many elements match sel now, without waiting. It is the
// way to check that something is absent: Count(sel) == 0.
func (b *Browser) Count(sel string) int {
	b.t.Helper()
	arg, _ := json.Marshal(sel)
	n, err := runAction(b, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%s).length`, arg)))
	if err != nil {
		b.fatalf("count %s: %v", sel, err)
	}
	return n
}

// URL returns the address of the current page.
func (b *Browser) URL() string {
	b.t.Helper()
	u, err := runAction(b, chromedp.Location())
	if err != nil {
		b.fatalf("read the location: %v", err)
	}
	return u
}

// Title returns the title of the current page.
func (b *Browser) Title() string {
	b.t.Helper()
	s, err := runAction(b, chromedp.Title())
	if err != nil {
		b.fatalf("read the title: %v", err)
	}
	return s
}

// do runs actions that return nothing, within the action timeout.
func (b *Browser) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, b.cfg.actionTimeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// runAction runs one action that returns a value, within the action timeout.
// (A method cannot have type parameters.)
func runAction[T any](b *Browser, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, b.cfg.actionTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// fatalf saves a screenshot of the page as it is, to show what went wrong,
// then fails the test.
func (b *Browser) fatalf(format string, args ...any) {
	b.t.Helper()
	msg := fmt.Sprintf(format, args...)
	if path, err := b.saveScreenshot("failed"); err == nil {
		msg += "\n\tscreenshot of the page: " + path
	}
	b.t.Fatal("browsertest: " + msg)
}

// Evaluate runs the JavaScript expression in the current page and returns its
// value decoded as T (from JSON). A promise is awaited.
func Evaluate[T any](b *Browser, expression string) T {
	b.t.Helper()
	v, err := runAction(b, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fatalf("evaluate %q: %v", expression, err)
	}
	return v
}

// Upload sets the files of the file input sel, as choosing them in the file dialog would.
func (b *Browser) Upload(sel string, paths ...string) {
	b.t.Helper()
	if err := b.do(chromedp.SetUploadFiles(chromedp.CSS(sel), paths)); err != nil {
		b.fatalf("choose files for %s: %v", sel, err)
	}
}
