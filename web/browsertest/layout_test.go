package browsertest_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/motlan/portal/static"
	"github.com/motlan/portal/web/browsertest"
)

// layoutPage is the page skeleton that views/layouts should produce, with one
// example of each app- class, so the theme is checked as the portal uses it.
const layoutPage = `<!DOCTYPE html>
<html lang="vi" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>Trang chủ – Một Lần</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="theme-color" content="#a4161a">
  <link rel="stylesheet" href="/static/dist/app.css">
  <script type="module" src="/static/js/app.js"></script>
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Chuyển đến nội dung chính</a>
  <header class="app-header" data-testid="site-header">
    <div class="govuk-width-container app-header__container">
      <a class="app-header__brand" href="/">
        <span class="app-header__title">Một Lần</span>
        <span class="app-header__subtitle">Cổng dịch vụ công trực tuyến</span>
      </a>
      <div class="app-header__actions">
        <form class="app-lang-switch" method="post" action="/language" aria-label="Ngôn ngữ" data-testid="lang-switch">
          <input type="hidden" name="csrf_token" value="test-token">
          <input type="hidden" name="next" value="/">
          <span class="app-lang-switch__current" aria-current="true" lang="vi">Tiếng Việt</span>
          <button class="app-link-button app-lang-switch__button" type="submit" name="lang" value="en" lang="en" data-testid="lang-en">English</button>
        </form>
      </div>
    </div>
  </header>
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">
      <div class="app-hero" data-testid="hero">
        <h1 class="app-hero__title">Dịch vụ công, một lần là xong</h1>
        <p class="app-hero__lead">Nộp hồ sơ, theo dõi tiến độ và nhận kết quả trực tuyến. Thông tin của bạn được lấy từ cơ sở dữ liệu quốc gia, không phải khai lại.</p>
        <a class="govuk-button govuk-button--inverse govuk-button--start app-hero__button" href="/dang-nhap" role="button" draggable="false" data-module="govuk-button">Đăng nhập bằng VNeID</a>
      </div>
      <section class="app-user-summary" aria-labelledby="user-summary-name" data-testid="user-summary">
        <div class="app-user-summary__header">
          <h2 class="app-user-summary__name" id="user-summary-name">Nguyễn Thị Ánh Tuyết</h2>
          <strong class="app-badge" data-testid="loa">LoA2</strong>
          <strong class="app-badge app-badge--success">Đã xác thực</strong>
          <strong class="app-badge app-badge--neutral">Công dân</strong>
        </div>
        <p class="app-user-summary__meta">Số định danh: ••••••••1234</p>
        <dl class="govuk-summary-list govuk-summary-list--no-border app-user-summary__list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Ngày sinh</dt>
            <dd class="govuk-summary-list__value">12/03/1988</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Nơi thường trú</dt>
            <dd class="govuk-summary-list__value">Phường Điện Biên, Quận Ba Đình, Hà Nội</dd>
          </div>
        </dl>
        <div class="app-user-summary__actions">
          <a class="govuk-link" href="/ho-so">Hồ sơ của tôi</a>
          <form method="post" action="/dang-xuat"><input type="hidden" name="csrf_token" value="test-token"><button class="app-link-button" type="submit">Đăng xuất</button></form>
        </div>
      </section>
      <h2 class="govuk-heading-m">Thủ tục thường dùng</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li><a class="govuk-link" href="/thu-tuc/khai-sinh">Đăng ký khai sinh</a></li>
        <li><a class="govuk-link" href="/thu-tuc/thuong-tru">Đăng ký thường trú</a></li>
      </ul>
      <details class="govuk-details">
        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Cần hỗ trợ?</span></summary>
        <div class="govuk-details__text">Gọi tổng đài 1900 0000 (miễn phí).</div>
      </details>
      <div class="govuk-form-group">
        <label class="govuk-label" for="search">Tìm thủ tục</label>
        <input class="govuk-input govuk-!-width-two-thirds" id="search" name="q" type="text">
      </div>
      <button type="submit" class="govuk-button" data-module="govuk-button">Tìm kiếm</button>
    </main>
  </div>
  <footer class="govuk-footer">
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <h2 class="govuk-visually-hidden">Liên kết hỗ trợ</h2>
          <ul class="govuk-footer__inline-list">
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/tro-giup">Trợ giúp</a></li>
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/quyen-rieng-tu">Quyền riêng tư</a></li>
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/tiep-can">Khả năng tiếp cận</a></li>
          </ul>
          <p class="govuk-footer__licence-description">Một Lần – Cổng dịch vụ công trực tuyến.</p>
        </div>
      </div>
    </div>
  </footer>
</body>
</html>`

// csp is as strict as the portal's: no inline script or style anywhere.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func newLayoutServer(t *testing.T) *httptest.Server {
	t.Helper()
	requireBuilt(t)
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static.FS)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, layoutPage) // the browser under test reads it; a failed write fails that test
	})
	mux.HandleFunc("POST /language", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("lang") != "en" || r.FormValue("csrf_token") != "test-token" {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, r.FormValue("next")+"?lang=en", http.StatusSeeOther)
	})
	srv := httptest.NewServer(withCSP(mux))
	t.Cleanup(srv.Close)
	return srv
}

func withCSP(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		h.ServeHTTP(w, r)
	})
}

// TestThemedLayout loads the recommended layout with the built theme, under
// the portal's CSP, on a desktop and on a phone.
func TestThemedLayout(t *testing.T) {
	t.Parallel()
	srv := newLayoutServer(t)

	for _, tc := range []struct {
		name string
		opts []browsertest.Option
	}{
		{"Desktop", nil},
		{"Mobile", []browsertest.Option{browsertest.Mobile()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := browsertest.New(t, tc.opts...)
			b.Navigate(srv.URL + "/")
			// app.js adds the class once GOV.UK Frontend's module has loaded.
			b.WaitVisible("body.govuk-frontend-supported")
			b.Screenshot("landing")

			b.AssertAccessible(t)
			if errs := b.ConsoleErrors(); len(errs) != 0 {
				t.Errorf("console errors (a CSP violation or a missing asset?): %q", errs)
			}
			if got := browsertest.Evaluate[string](b, `getComputedStyle(document.querySelector('.app-header')).backgroundColor`); got != "rgb(164, 22, 26)" {
				t.Errorf("header background %s, want the brand red rgb(164, 22, 26)", got)
			}
			font := browsertest.Evaluate[string](b, `getComputedStyle(document.querySelector('.govuk-heading-m')).fontFamily`)
			if !strings.HasPrefix(font, "system-ui") || strings.Contains(font, "GDS Transport") {
				t.Errorf("heading font %s, want the system stack", font)
			}
			if w := browsertest.Evaluate[int](b, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
				t.Errorf("the page scrolls sideways by %dpx", w)
			}

			b.Click(".govuk-details__summary")
			b.WaitVisible(".govuk-details__text")
			b.Screenshot("details open")

			if status := b.ClickNavigate(browsertest.TestID("lang-en")); status != http.StatusOK {
				t.Errorf("language switch: status %d", status)
			}
			if u := b.URL(); u != srv.URL+"/?lang=en" {
				t.Errorf("language switch led to %s", u)
			}
		})
	}
}

// requireBuilt fails the test when `npm run build` has not run: `make test`
// builds the assets first, and a journey without its styles proves nothing.
func requireBuilt(t *testing.T) {
	t.Helper()
	if _, err := fs.Stat(static.FS, "dist/app.css"); err != nil {
		t.Fatal("static/dist is not built: run `npm ci && npm run build` (or `make assets`) before the tests")
	}
}
