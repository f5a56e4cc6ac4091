package browsertest_test

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/motlan/portal/web/browsertest"
)

const accessiblePage = `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trang thử</title></head>
<body>
<header><p>Một Lần</p></header>
<main>
  <h1>Xin chào, Việt Nam</h1>
  <p data-testid="intro">Dịch vụ công trực tuyến.</p>
  <img src="/pixel.png" alt="Một điểm ảnh" width="1" height="1">
  <form action="/echo" method="get">
    <label for="name">Họ và tên</label>
    <input id="name" name="name" type="text">
    <button type="submit" data-testid="send">Gửi</button>
  </form>
  <p><a href="/next" data-testid="next">Trang tiếp</a></p>
</main>
</body>
</html>`

// inaccessiblePage breaks axe rules with serious or critical impact: no lang
// on <html>, an image without alt text, an input without a label, and light grey
// text on white.
const inaccessiblePage = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Trang lỗi</title></head>
<body>
<main>
  <h1>Trang lỗi</h1>
  <img src="/pixel.png">
  <input type="text" name="q">
  <p style="color:#ccc;background:#fff">Khó đọc</p>
</main>
</body>
</html>`

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, body) // the browser under test reads it; a failed write fails that test
		}
	}
	mux.HandleFunc("GET /{$}", page(accessiblePage))
	mux.HandleFunc("GET /bad", page(inaccessiblePage))
	mux.HandleFunc("GET /next", page(`<!DOCTYPE html><html lang="vi"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tiếp</title></head><body><main><h1 data-testid="heading">Trang tiếp theo</h1></main></body></html>`))
	mux.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = fmt.Fprintf(w, `<!DOCTYPE html><html lang="vi"><head><title>Kết quả</title></head><body><main><h1>Kết quả</h1><p data-testid="echo">%s</p></main></body></html>`,
			html.EscapeString(r.URL.Query().Get("name")))
	})
	mux.HandleFunc("GET /throws", page(`<!DOCTYPE html><html lang="vi"><head><title>Lỗi JS</title><script src="/throws.js"></script></head><body><main><h1>Lỗi JS</h1></main></body></html>`))
	mux.HandleFunc("GET /throws.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		_, _ = io.WriteString(w, `throw new Error("boom from throws.js")`)
	})
	mux.HandleFunc("GET /pixel.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		img := image.NewGray(image.Rect(0, 0, 1, 1))
		_ = png.Encode(w, img) // as above: the page's test sees a broken image
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAxe(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	b := browsertest.New(t)

	t.Run("OK", func(t *testing.T) {
		b := b.WithT(t)
		b.Navigate(srv.URL + "/")
		if vs := b.Axe(t); len(vs) != 0 {
			t.Errorf("accessible page: got %d violations, want none:\n%v", len(vs), vs)
		}
	})

	t.Run("ErrViolations", func(t *testing.T) {
		b := b.WithT(t)
		b.Navigate(srv.URL + "/bad")
		vs := b.Axe(t)
		var ids []string
		for _, v := range vs {
			ids = append(ids, v.ID)
			if v.Impact != "serious" && v.Impact != "critical" {
				t.Errorf("violation %s has impact %q; Axe must return serious and critical ones only", v.ID, v.Impact)
			}
			if len(v.Nodes) == 0 || v.Nodes[0].Target == "" {
				t.Errorf("violation %s names no element", v.ID)
			}
		}
		for _, want := range []string{"html-has-lang", "image-alt", "label", "color-contrast"} {
			if !slices.Contains(ids, want) {
				t.Errorf("inaccessible page: violations %v lack %q", ids, want)
			}
		}
	})

	t.Run("AxeOncePerDocument", func(t *testing.T) {
		b := b.WithT(t)
		// A second run on the same page must reuse the injected axe.
		b.Navigate(srv.URL + "/bad")
		first, second := len(b.Axe(t)), len(b.Axe(t))
		if first == 0 || first != second {
			t.Errorf("two runs on one page found %d and %d violations", first, second)
		}
	})
}

func TestScreenshot(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

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
			b := browsertest.New(t, tc.opts...)
			b.Navigate(srv.URL + "/")
			b.Screenshot("start page")
			b.Navigate(srv.URL + "/next")
			b.Screenshot("next")

			dir := b.ScreenshotDir()
			wantDir := filepath.Join(browsertest.RepoRoot(t), "test-output", "screenshots", "TestScreenshot", tc.name)
			if dir != wantDir {
				t.Errorf("screenshot folder %s, want %s", dir, wantDir)
			}
			for _, name := range []string{"01-start_page.png", "02-next.png"} {
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatalf("screenshot not written: %v", err)
				}
				cfg, err := png.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s is not a PNG: %v", name, err)
				}
				if cfg.Width != tc.wantWidth || cfg.Height < 100 {
					t.Errorf("%s is %d×%d, want %d wide", name, cfg.Width, cfg.Height, tc.wantWidth)
				}
				if _, err := png.Decode(bytes.NewReader(data)); err != nil {
					t.Errorf("%s does not decode: %v", name, err)
				}
			}
		})
	}
}

func TestJourneyHelpers(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	b := browsertest.New(t)

	if status := b.NavigateAndWait(srv.URL+"/", "h1"); status != http.StatusOK {
		t.Errorf("status %d, want 200", status)
	}
	if got := b.Text("h1"); got != "Xin chào, Việt Nam" {
		t.Errorf("h1 text %q", got)
	}
	if got := b.Text(browsertest.TestID("intro")); got != "Dịch vụ công trực tuyến." {
		t.Errorf("intro text %q", got)
	}
	if got := b.Title(); got != "Trang thử" {
		t.Errorf("title %q", got)
	}
	if got, ok := b.Attribute("html", "lang"); !ok || got != "vi" {
		t.Errorf("lang attribute %q, %v", got, ok)
	}
	if n := b.Count(browsertest.TestID("missing")); n != 0 {
		t.Errorf("Count of a missing element: %d", n)
	}
	if n := b.Count("input"); n != 1 {
		t.Errorf("Count(input) = %d, want 1", n)
	}

	b.SetValue("#name", "Nguyễn Văn ")
	b.SendKeys("#name", "An")
	if got := b.Value("#name"); got != "Nguyễn Văn An" {
		t.Errorf("field value %q", got)
	}
	if status := b.ClickNavigate(browsertest.TestID("send")); status != http.StatusOK {
		t.Errorf("form submit status %d", status)
	}
	if got := b.Text(browsertest.TestID("echo")); got != "Nguyễn Văn An" {
		t.Errorf("server received %q", got)
	}
	if u := b.URL(); !strings.HasPrefix(u, srv.URL+"/echo?") {
		t.Errorf("URL after submit %s", u)
	}

	b.Navigate(srv.URL + "/")
	b.ClickNavigate(browsertest.TestID("next"))
	if u := b.URL(); u != srv.URL+"/next" {
		t.Errorf("URL after the link %s, want %s/next", u, srv.URL)
	}
	if got := b.Text(browsertest.TestID("heading")); got != "Trang tiếp theo" {
		t.Errorf("heading %q", got)
	}

	if status := b.Navigate(srv.URL + "/nowhere"); status != http.StatusNotFound {
		t.Errorf("status of a missing page %d, want 404", status)
	}
}

func TestConsoleErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	b := browsertest.New(t)

	b.NavigateAndWait(srv.URL+"/", "h1")
	if errs := b.ConsoleErrors(); len(errs) != 0 {
		t.Errorf("clean page: console errors %q", errs)
	}
	b.NavigateAndWait(srv.URL+"/throws", "h1")
	errs := b.ConsoleErrors()
	if !slices.ContainsFunc(errs, func(s string) bool { return strings.Contains(s, "boom from throws.js") }) {
		t.Errorf("console errors %q lack the exception of throws.js", errs)
	}
}

func TestLabelSeparatesBrowsers(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	citizen := browsertest.New(t, browsertest.Label("citizen"))
	staff := browsertest.New(t, browsertest.Label("staff"))
	citizen.Navigate(srv.URL + "/")
	staff.Navigate(srv.URL + "/next")
	citizen.Screenshot("home")
	staff.Screenshot("home")
	if citizen.ScreenshotDir() == staff.ScreenshotDir() {
		t.Fatalf("both browsers write to %s", citizen.ScreenshotDir())
	}
	for _, b := range []*browsertest.Browser{citizen, staff} {
		if _, err := os.Stat(filepath.Join(b.ScreenshotDir(), "01-home.png")); err != nil {
			t.Error(err)
		}
	}
	// The two tabs are separate browsers: a change in one is not in the other.
	if citizen.Title() == staff.Title() {
		t.Errorf("both browsers show %q", citizen.Title())
	}
}
