package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// AxePath is where axe-core's browser build is, under the repository root.
// `npm ci` installs it at the version that package-lock.json pins.
const AxePath = "node_modules/axe-core/axe.min.js"

// Violation is one axe-core rule that the page breaks, with the elements that
// break it.
type Violation struct {
	ID      string          `json:"id"`     // the axe rule, such as "image-alt"
	Impact  string          `json:"impact"` // "serious" or "critical"
	Help    string          `json:"help"`   // what the rule asks for
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks a rule.
type ViolationNode struct {
	// Target is the CSS selector of the element; inside an iframe or a shadow
	// root, the selectors of each level joined by " >>> ".
	Target string `json:"target"`
	HTML   string `json:"html"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t- %s  %s", n.Target, n.HTML)
	}
	return b.String()
}

// axeRun runs axe on the whole document and keeps what a test needs of each
// violation. Runtime.evaluate is not subject to the page's
// Content-Security-Policy, so this works on the portal's real pages.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || '',
	help: v.help,
	helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(' >>> '),
		html: n.html,
	})),
})))`

// Axe runs axe-core on the current page and returns the violations whose
// impact is serious or critical. It injects node_modules/axe-core/axe.min.js
// into the page first, and fails t when that file is missing (run `npm ci`).
func (b *Browser) Axe(t testing.TB) []Violation {
	t.Helper()
	b = b.WithT(t)
	path := filepath.Join(b.root, filepath.FromSlash(AxePath))
	src, err := os.ReadFile(path) //nolint:gosec // G304: the repository's own node_modules, found from the module root
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("browsertest: axe-core is not installed: %s is missing; run `npm ci` at the repository root (%s)", AxePath, b.root)
	}
	if err != nil {
		t.Fatalf("browsertest: read axe-core: %v", err)
	}

	// A new page has no axe; inject it once per document.
	loaded, err := runAction(b, chromedp.Evaluate[bool](`typeof window.axe === 'object' && typeof window.axe.run === 'function'`))
	if err != nil {
		b.fatalf("check for axe-core in %s: %v", b.URL(), err)
	}
	if !loaded {
		if _, err := runAction(b, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			b.fatalf("inject axe-core into %s: %v", b.URL(), err)
		}
	}

	ctx, cancel := context.WithTimeout(b.ctx, max(b.cfg.actionTimeout, 30*time.Second))
	defer cancel()
	all, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fatalf("run axe-core on %s: %v", b.URL(), err)
	}
	var out []Violation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			out = append(out, v)
		}
	}
	return out
}

// AssertAccessible runs Axe and marks t failed, listing each serious or
// critical violation, when there is any. The test goes on, so a journey reports
// the problems of every page.
func (b *Browser) AssertAccessible(t testing.TB) {
	t.Helper()
	b = b.WithT(t)
	vs := b.Axe(t)
	if len(vs) == 0 {
		return
	}
	msgs := make([]string, len(vs))
	for i, v := range vs {
		msgs[i] = v.String()
	}
	t.Errorf("browsertest: %s has %d serious or critical accessibility violations:\n%s", b.URL(), len(vs), strings.Join(msgs, "\n"))
}
