package browsertest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/motlan/portal/web/browsertest"
)

// phonePage is a page with the portal's viewport meta and body.
func phonePage(body string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1"><title>Trang thử</title>` +
		`<style>body{margin:8px;font:16px sans-serif} .scroll{overflow-x:auto}</style></head><body><main><h1>Hồ sơ</h1>` +
		body + `<p><a href="/wide" data-testid="to-wide">Bảng rộng</a></p></main></body></html>`
}

const wideTable = `<table data-testid="cases"><tr><td>Mã hồ sơ</td><td>` +
	`<span class="code" data-testid="code" style="display:inline-block;width:460px">000.00.00.H01-261127-0001</span></td></tr></table>`

func newOverflowServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, phonePage(body)) // the browser under test reads it
		}
	}
	mux.HandleFunc("GET /{$}", page(`<p>Một trang vừa màn hình điện thoại.</p>`))
	mux.HandleFunc("GET /wide", page(wideTable))
	mux.HandleFunc("GET /scrolled", page(`<div class="scroll">`+wideTable+`</div>`))
	mux.HandleFunc("GET /at350", page(`<div style="width:350px" data-testid="box">350</div>`))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// recordingT records what the overflow check reports instead of failing the test.
type recordingT struct {
	*testing.T
	mu     sync.Mutex
	errors []string
}

func (r *recordingT) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingT) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.errors
	r.errors = nil
	return e
}

// TestOverflowCheck: every page that Navigate or ClickNavigate reaches is laid out at 320 and
// 375 px; one that scrolls sideways fails the test with the page, the width and what sticks out.
func TestOverflowCheck(t *testing.T) {
	t.Parallel()
	srv := newOverflowServer(t)
	for _, tc := range []struct {
		name      string
		opts      []browsertest.Option
		wantWidth int
	}{
		{"Desktop", nil, 1280},
		{"Mobile", []browsertest.Option{browsertest.Mobile()}, 390},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingT{T: t}
			b := browsertest.New(t, tc.opts...).WithT(rec)

			b.Navigate(srv.URL + "/")
			if errs := rec.take(); len(errs) != 0 {
				t.Errorf("a page that fits was reported: %q", errs)
			}
			if w := browsertest.Evaluate[int](b, `document.documentElement.clientWidth`); w != tc.wantWidth {
				t.Errorf("after the check the viewport is %d px wide, want %d again", w, tc.wantWidth)
			}

			b.ClickNavigate(browsertest.TestID("to-wide"))
			errs := rec.take()
			if len(errs) != 1 {
				t.Fatalf("a page 470 px wide after a click: %d reports %q, want 1", len(errs), errs)
			}
			for _, want := range []string{srv.URL + "/wide", "at 320 px", "at 375 px", `[data-testid="code"]`, `table[data-testid="cases"]`, "screenshot"} {
				if !strings.Contains(errs[0], want) {
					t.Errorf("the report lacks %q:\n%s", want, errs[0])
				}
			}
			if w := browsertest.Evaluate[int](b, `document.documentElement.clientWidth`); w != tc.wantWidth {
				t.Errorf("after the check the viewport is %d px wide, want %d again", w, tc.wantWidth)
			}

			b.Navigate(srv.URL + "/at350")
			errs = rec.take()
			if len(errs) != 1 || !strings.Contains(errs[0], "at 320 px") || strings.Contains(errs[0], "at 375 px") {
				t.Errorf("a page 358 px wide: got %q, want one report at 320 px only", errs)
			}

			b.Navigate(srv.URL + "/scrolled")
			if errs := rec.take(); len(errs) != 0 {
				t.Errorf("a wide table in a scroll container keeps the page narrow, yet: %q", errs)
			}
			for _, o := range b.MeasureOverflow(320) {
				if !o.Fits() || o.ClientWidth != 320 {
					t.Errorf("MeasureOverflow(320) on a page that fits: %+v", o)
				}
			}
		})
	}
}
