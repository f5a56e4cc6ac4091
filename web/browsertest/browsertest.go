// Package browsertest drives Debian's chromium through the portal's pages in
// tests: one fresh headless browser per test, helpers for the steps of a
// journey, full-page screenshots of each step for review, and axe-core
// accessibility checks.
//
// A journey reads like this:
//
//	b := browsertest.New(t)
//	b.Navigate(srv.URL + "/")
//	b.Screenshot("landing")
//	b.AssertAccessible(t)
//	b.ClickNavigate(browsertest.TestID("sign-in"))
//	if got := b.Text(browsertest.TestID("user-name")); got != "Nguyễn Văn An" { … }
//
// Every helper that talks to the browser fails the test (t.Fatal) on an error,
// after it saved a screenshot of the page as it was, so a journey needs no error
// handling. For anything the helpers do not cover, use chromedp directly with
// b.Ctx().
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultChromiumPath is the browser that Debian's chromium package installs.
// The environment variable CHROMIUM_PATH overrides it.
const DefaultChromiumPath = "/usr/bin/chromium"

// Browser is one headless chromium with one tab, owned by one test.
type Browser struct {
	t testing.TB // the test that the helpers fail
	*session
}

// session is the browser itself, shared by the Browser values that WithT
// makes.
type session struct {
	ctx     context.Context // the tab
	cfg     config
	root    string
	shotDir string
	shots   int

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

type config struct {
	width, height int64
	mobile        bool
	timeout       time.Duration
	actionTimeout time.Duration
	label         string
}

// Option changes how New starts the browser.
type Option func(*config)

// Mobile emulates a phone: a 390×844 viewport, mobile metrics and touch
// events, for the mobile-first layout.
func Mobile() Option {
	return func(c *config) {
		c.width, c.height, c.mobile = 390, 844, true
	}
}

// Viewport sets the size of the page's viewport in CSS pixels. The default is
// 1280×900.
func Viewport(width, height int64) Option {
	return func(c *config) {
		c.width, c.height = width, height
	}
}

// Timeout limits the life of the browser, and so of the test's browser work.
// The default is 60 seconds, shortened to the deadline of `go test -timeout`
// when that comes first.
func Timeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// ActionTimeout limits each helper call, such as waiting for a selector. The
// default is 10 seconds, so a missing element fails the test quickly.
func ActionTimeout(d time.Duration) Option {
	return func(c *config) { c.actionTimeout = d }
}

// Label names the browser when a test starts more than one, for example a
// citizen and a staff member: its screenshots go into a subfolder of that name.
// Without it, a second browser of the same test would overwrite the
// screenshots of the first.
func Label(name string) Option {
	return func(c *config) { c.label = name }
}

// New starts a fresh headless chromium for the test and stops it when the test
// ends. The browser is ExecPath CHROMIUM_PATH or /usr/bin/chromium, with a new
// profile under t.TempDir(), so tests share no cookies or storage. When the
// binary is missing, New fails the test with the command that installs it:
// the browser journeys are part of `make test` everywhere, never skipped.
func New(t testing.TB, opts ...Option) *Browser {
	t.Helper()
	cfg := config{width: 1280, height: 900, timeout: 60 * time.Second, actionTimeout: 10 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}

	execPath := os.Getenv("CHROMIUM_PATH")
	if execPath == "" {
		execPath = DefaultChromiumPath
	}
	if _, err := os.Stat(execPath); err != nil { //nolint:gosec // G703: the browser the developer or CI names to run the tests
		t.Fatalf("browsertest: no browser at %s (%v); install it with `apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH", execPath, err)
	}

	profile := filepath.Join(t.TempDir(), "chromium-profile")
	if err := os.Mkdir(profile, 0o700); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	// chromedp's defaults (headless, no first run, quiet background work,
	// /tmp instead of /dev/shm, …) plus what a test on this machine needs.
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(int(cfg.width), int(cfg.height)),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "vi-VN"),
	)
	if os.Geteuid() == 0 {
		allocOpts = append(allocOpts, chromedp.NoSandbox)
	}

	timeout := cfg.timeout
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if dl, ok := d.Deadline(); ok {
			// Leave a few seconds to stop the browser and report.
			if left := time.Until(dl) - 5*time.Second; left > 0 && left < timeout {
				timeout = left
			}
		}
	}
	lifeCtx, cancelLife := context.WithTimeout(context.Background(), timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(lifeCtx, allocOpts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)

	b := &Browser{t: t, session: &session{ctx: tabCtx, cfg: cfg, root: RepoRoot(t)}}
	b.shotDir = screenshotDir(b.root, t.Name(), cfg.label)

	t.Cleanup(func() {
		// Close the browser gracefully, then make sure it is gone before its
		// profile folder is removed: its child processes can still write
		// there for a moment after it exits.
		_ = chromedp.Cancel(tabCtx)
		cancelTab()
		cancelAlloc() // waits for the browser process to end
		cancelLife()
		removeAllRetry(profile)
	})

	// Start the browser and the tab now, so a browser that cannot start fails
	// here, with a clear message, and not in the first step of the journey.
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("browsertest: start %s: %v", execPath, err)
	}
	b.collectConsole()
	vp := []chromedp.EmulateViewportOption{}
	if cfg.mobile {
		vp = append(vp, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(tabCtx, chromedp.EmulateViewport(cfg.width, cfg.height, vp...)); err != nil {
		t.Fatalf("browsertest: set the viewport: %v", err)
	}
	removeOldScreenshots(t, b.shotDir)
	return b
}

// WithT returns the same browser, whose helpers fail t instead of the test
// that called New. Use it in subtests that share one browser: a test may only
// be failed from its own goroutine.
//
//	t.Run("SignIn", func(t *testing.T) {
//		b := b.WithT(t)
//		b.ClickNavigate(browsertest.TestID("sign-in"))
//	})
func (b *Browser) WithT(t testing.TB) *Browser {
	return &Browser{t: t, session: b.session}
}

// Ctx returns the context of the browser's tab, for chromedp.Do and
// chromedp.Run. It ends when the test ends or the browser's timeout passes.
func (b *Browser) Ctx() context.Context {
	return b.ctx
}

// collectConsole records every console message, uncaught exception and
// browser log entry of the tab, for ConsoleErrors.
func (b *Browser) collectConsole() {
	messages := chromedp.Console(b.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
}

// ConsoleErrors returns the errors that the pages wrote to the console so far:
// uncaught exceptions, console.error calls and browser log errors, such as a
// script or style that the Content-Security-Policy refused or a 404 for an
// asset. The messages arrive asynchronously, so read them after the page
// settled (any helper call is enough).
func (b *Browser) ConsoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.console {
		if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException {
			continue
		}
		// The browser asks for /favicon.ico by itself; a page that has no
		// icon is not an error of the page.
		if strings.HasSuffix(m.URL, "/favicon.ico") {
			continue
		}
		s := m.String()
		if m.URL != "" {
			s += fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
		}
		out = append(out, s)
	}
	return out
}

// RepoRoot returns the folder that holds go.mod, walking up from the test's
// working directory, which `go test` sets to the package's folder.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		} else if !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("browsertest: %v", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("browsertest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// removeAllRetry removes dir, trying again while the browser's last child
// processes still write into it.
func removeAllRetry(dir string) {
	for range 50 {
		if err := os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
