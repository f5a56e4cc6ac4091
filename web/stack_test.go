package web_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	clientID          = "motlan-portal"
	clientSecret      = "test-portal-secret"
	staffClientID     = "motlan-staff"
	staffClientSecret = "test-staff-secret"
)

// stack is a portal on a fresh database, in front of an identity provider, over real HTTP.
type stack struct {
	portalURL string
	issuerURL string
	sim       *vneid.Server // nil when the provider is a fake
	db        *pgxpool.Pool // the portal's database, for assertions
	dbURL     string
}

// listen reserves a loopback port, so URLs are known before the servers are built.
func listen(t *testing.T) (net.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return ln, "http://" + ln.Addr().String()
}

func serve(t *testing.T, ln net.Listener, h http.Handler) {
	t.Helper()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
}

// startStack runs the VNeID simulator and the portal.
func startStack(t *testing.T) *stack {
	t.Helper()
	return startStackWith(t, nil)
}

// startPortal runs the portal against the provider at issuer; adjust may change its config.
func startPortal(t *testing.T, ln net.Listener, base, issuer string, adjust func(*web.Config)) *stack {
	t.Helper()
	dbURL := dbtest.URL(t)
	seed(t, dbURL)
	return startPortalOn(t, ln, base, issuer, dbURL, adjust)
}

// startPortalOn runs a portal on an existing, seeded database (a second replica, say).
func startPortalOn(t *testing.T, ln net.Listener, base, issuer, dbURL string, adjust func(*web.Config)) *stack {
	t.Helper()
	return startPortalLogged(t, ln, base, issuer, dbURL, adjust, quietLogger())
}

// startPortalLogged is startPortalOn with the portal's logger, for a test that waits for what
// the portal logs.
func startPortalLogged(t *testing.T, ln net.Listener, base, issuer, dbURL string, adjust func(*web.Config), log *slog.Logger) *stack {
	t.Helper()
	cfg, err := web.LoadConfig(func(k string) string {
		switch k {
		case "DATABASE_URL":
			return dbURL
		case "PORTAL_BASE_URL":
			return base
		case "OIDC_ISSUER":
			return issuer
		case "OIDC_CLIENT_ID":
			return clientID
		case "OIDC_CLIENT_SECRET":
			return clientSecret
		case "STAFF_OIDC_CLIENT_ID":
			return staffClientID
		case "STAFF_OIDC_CLIENT_SECRET":
			return staffClientSecret
		}
		return ""
	})
	require.NoError(t, err)
	cfg.MailDir = t.TempDir()
	cfg.SMSDir = t.TempDir()
	if adjust != nil {
		adjust(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := web.New(ctx, cfg, log)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
		app.Close()
	})
	pool, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return &stack{portalURL: base, issuerURL: issuer, db: pool, dbURL: dbURL}
}

// seed loads the catalogue, agencies and calendar, as `portal seed` does.
func seed(t *testing.T, dbURL string) {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	defer pool.Close()
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	_, err = calendar.Seed(ctx, pool)
	require.NoError(t, err)
	_, err = staff.New(pool, nil).SeedDemo(ctx)
	require.NoError(t, err)
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// browser is an HTTP client with a cookie jar that does not follow redirects by itself, so
// tests can look at each hop.
type browser struct {
	t      *testing.T
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &browser{t: t, client: &http.Client{
		// Its own transport, so that no other test closing the default transport's idle
		// connections (httptest.Server.Close does) breaks a request of this one.
		Transport: http.DefaultTransport.(*http.Transport).Clone(),
		Jar:       jar,
		Timeout:   15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

// page is a fetched response with its body read.
type page struct {
	status   int
	location string
	header   http.Header
	body     string
	url      *url.URL
}

func (p page) doc(t *testing.T) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(p.body))
	require.NoError(t, err)
	return d
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	resp, err := b.client.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), header: resp.Header, body: string(body), url: req.URL}
}

func (b *browser) get(u string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(b.t, err)
	return b.do(req)
}

func (b *browser) post(u string, form url.Values) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// follow fetches u and follows redirects (at most 10), returning the last page.
func (b *browser) follow(u string) page {
	b.t.Helper()
	p := b.get(u)
	for i := 0; i < 10 && p.location != ""; i++ {
		p = b.get(p.url.ResolveReference(mustParse(b.t, p.location)).String())
	}
	return p
}

func (b *browser) followFrom(p page) page {
	b.t.Helper()
	if p.location == "" {
		return p
	}
	return b.follow(p.url.ResolveReference(mustParse(b.t, p.location)).String())
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

// cookie returns the value of the named cookie the browser would send to u.
func (b *browser) cookie(u, name string) string {
	for _, c := range b.client.Jar.Cookies(mustParse(b.t, u)) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// submitLogin fills and posts the simulator's login form on p, returning the response to the post.
func (b *browser) submitLogin(p page, username, password string) page {
	b.t.Helper()
	form := p.doc(b.t).Find("form[data-testid=login-form]")
	require.Equal(b.t, 1, form.Length(), "simulator login form on %s", p.url)
	values := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		values.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	values.Set("username", username)
	values.Set("password", password)
	action := p.url.ResolveReference(mustParse(b.t, form.AttrOr("action", ""))).String()
	return b.post(action, values)
}

// signIn runs the whole code flow for username and returns the page it ends on.
func (b *browser) signIn(s *stack, username string) page {
	b.t.Helper()
	login := b.follow(s.portalURL + "/auth/login")
	require.Equal(b.t, http.StatusOK, login.status)
	return b.followFrom(b.submitLogin(login, username, vneid.DemoPassword))
}

// sessionCount counts server-side sessions.
func (s *stack) sessionCount(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM sessions`).Scan(&n))
	return n
}

// requireSignInError checks p is the sign-in error page with the given message key.
func requireSignInError(t *testing.T, p page, key string) {
	t.Helper()
	doc := p.doc(t)
	require.Equal(t, 1, doc.Find("[data-testid=signin-error]").Length(), "want the sign-in error page, got %d:\n%s", p.status, p.body)
	require.Equal(t, key, doc.Find("[data-testid=error-message]").AttrOr("data-error", ""))
	require.NotContains(t, p.body, "goroutine")
	require.GreaterOrEqual(t, p.status, 400)
}
