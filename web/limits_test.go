package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// startStackEnv runs the identity and exchange simulators and a portal on a fresh, seeded
// database, configured as `portal serve` is, from the environment: the test's defaults and env.
// adjust (nil for none) then changes the configuration, e.g. its clock; log is the portal's
// logger (nil for a quiet one).
func startStackEnv(t *testing.T, env map[string]string, adjust func(*web.Config), log *slog.Logger) *stack {
	t.Helper()
	_, exchangeURL := startNDXP(t)
	simLn, issuer := listen(t)
	portalLn, base := listen(t)
	sim := startSim(t, simLn, issuer, base, nil)
	dbURL := dbtest.URL(t)
	seed(t, dbURL)
	vars := map[string]string{
		"DATABASE_URL": dbURL, "PORTAL_BASE_URL": base, "OIDC_ISSUER": issuer,
		"OIDC_CLIENT_ID": clientID, "OIDC_CLIENT_SECRET": clientSecret,
		"STAFF_OIDC_CLIENT_ID": staffClientID, "STAFF_OIDC_CLIENT_SECRET": staffClientSecret,
		"NDXP_URL": exchangeURL, "NDXP_CLIENT_ID": clientID, "NDXP_CLIENT_SECRET": ndxpSecret,
		"REGISTRY_TIMEOUT": "5s", "MAIL_DIR": t.TempDir(),
	}
	maps.Copy(vars, env)
	cfg, err := web.LoadConfig(func(k string) string { return vars[k] })
	require.NoError(t, err)
	if adjust != nil {
		adjust(&cfg)
	}
	if log == nil {
		log = quietLogger()
	}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := web.New(ctx, cfg, log)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, portalLn) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
		app.Close()
	})
	pool, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return &stack{portalURL: base, issuerURL: issuer, sim: sim, db: pool, dbURL: dbURL}
}

// getFrom fetches u as a client behind a proxy that says it forwards for the address from.
func (b *browser) getFrom(u, from string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(b.t, err)
	if from != "" {
		req.Header.Set("X-Forwarded-For", from)
	}
	return b.do(req)
}

// untilLimited fetches with get until the portal answers 429 (at most 500 times), and returns
// how many were answered before and the refusal.
func untilLimited(t *testing.T, get func() page) (int, page) {
	t.Helper()
	for n := 0; n < 500; n++ {
		p := get()
		if p.status == http.StatusTooManyRequests {
			return n, p
		}
		require.Less(t, p.status, 400, "answered before the limit:\n%s", p.body)
	}
	t.Fatal("no limit in 500 requests")
	return 0, page{}
}

// requireLimitedPage checks p is the portal's localized "too many requests" page with a
// Retry-After.
func requireLimitedPage(t *testing.T, p page) {
	t.Helper()
	require.Equal(t, http.StatusTooManyRequests, p.status)
	secs, err := strconv.Atoi(p.header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After in seconds")
	require.Positive(t, secs)
	require.Equal(t, 1, p.doc(t).Find(testid("error-page")).Length(), "the portal's error page:\n%s", p.body)
	require.Contains(t, p.body, "quá nhiều")
}

// TestTrustedProxies: behind a configured proxy, each forwarded client has its own limit;
// without one, X-Forwarded-For is ignored and a spoofed header does not escape a limit.
func TestTrustedProxies(t *testing.T) {
	t.Parallel()
	t.Run("LimitedPerForwardedClient", func(t *testing.T) {
		t.Parallel()
		clk := &testClock{t: time.Now()}
		s := startStackEnv(t, map[string]string{"TRUSTED_PROXIES": "10.9.0.0/16, 127.0.0.1/32"}, func(c *web.Config) { c.Now = clk.Now }, nil)
		b := newBrowser(t)
		n, limited := untilLimited(t, func() page { return b.getFrom(s.portalURL+"/verify", "203.0.113.5") })
		requireLimitedPage(t, limited)
		require.Positive(t, n)
		other := b.getFrom(s.portalURL+"/verify", "203.0.113.6")
		require.Equal(t, http.StatusOK, other.status, "another client behind the same proxy has its own limit")
		// An address the client adds in front of the proxy's is not trusted: the proxy's view
		// (the right-most untrusted address) is the client.
		spoofed := b.getFrom(s.portalURL+"/verify", "198.51.100.1, 203.0.113.5")
		require.Equal(t, http.StatusTooManyRequests, spoofed.status, "a forged first hop does not escape the limit")
	})
	t.Run("ErrForwardedIgnoredWithoutTrust", func(t *testing.T) {
		t.Parallel()
		clk := &testClock{t: time.Now()}
		s := startStackEnv(t, nil, func(c *web.Config) { c.Now = clk.Now }, nil)
		b := newBrowser(t)
		_, limited := untilLimited(t, func() page { return b.getFrom(s.portalURL+"/verify", "203.0.113.5") })
		requireLimitedPage(t, limited)
		require.Equal(t, http.StatusTooManyRequests, b.getFrom(s.portalURL+"/verify", "203.0.113.6").status,
			"without trusted proxies the header is the client's word, and ignored")
	})
}

// TestRateLimitSharedByReplicas: two portals on one database share each limit, so N replicas
// do not give N times the limit.
func TestRateLimitSharedByReplicas(t *testing.T) {
	t.Parallel()
	clk := &testClock{t: time.Now()}
	frozen := func(c *web.Config) { c.Now = clk.Now }
	one := startStackWith(t, frozen)
	ln, base := listen(t)
	two := startPortalOn(t, ln, base, one.issuerURL, one.dbURL, frozen)
	b := newBrowser(t)
	n, limited := untilLimited(t, func() page { return b.get(one.portalURL + "/verify") })
	requireLimitedPage(t, limited)
	require.Positive(t, n)
	requireLimitedPage(t, b.get(two.portalURL+"/verify"))

	// Hits on both count towards the one limit: after the window, they alternate.
	clk.Add(time.Hour)
	allowed := 0
	for i := 0; i < 2*n+2; i++ {
		u := one.portalURL
		if i%2 == 1 {
			u = two.portalURL
		}
		if b.get(u+"/verify").status == http.StatusOK {
			allowed++
		}
	}
	require.Equal(t, n, allowed, "the same limit across both replicas")
}

// TestSignInStartLimited: starting a sign-in writes a row, so it is limited per address, for
// citizens and staff.
func TestSignInStartLimited(t *testing.T) {
	t.Parallel()
	clk := &testClock{t: time.Now()}
	s := startStackWith(t, func(c *web.Config) { c.Now = clk.Now })
	attempts := func() int {
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM signin_attempts`).Scan(&n))
		return n
	}
	for _, path := range []string{"/auth/login", "/staff/auth/login"} {
		before := attempts()
		b := newBrowser(t)
		n, limited := untilLimited(t, func() page { return b.get(s.portalURL + path) })
		requireLimitedPage(t, limited)
		require.Equal(t, before+n, attempts(), "%s: a refused start writes no row", path)
	}
	clk.Add(time.Hour)
	require.Equal(t, http.StatusSeeOther, newBrowser(t).get(s.portalURL+"/auth/login").status, "the limit ends with its window")
}

// postFrom posts form to u as a client behind a proxy that forwards for the address from.
func (b *browser) postFrom(u string, form url.Values, from string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", from)
	return b.do(req)
}

// TestTrackCodeLocked: after a few wrong last-4 guesses a case code is locked for a while,
// whatever the address the guesses come from; an unknown code locks alike, so the lock says
// nothing of whether a code exists.
func TestTrackCodeLocked(t *testing.T) {
	t.Parallel()
	clk := &testClock{t: time.Now()}
	s := startStackEnv(t, map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}, func(c *web.Config) { c.Now = clk.Now }, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	require.NotEmpty(t, code)

	anyone := newBrowser(t)
	values, action := formValues(t, anyone.get(s.portalURL+"/tra-cuu"), testid("track-form"))
	addr := 0
	guess := func(code, last4 string) page { // each from an address of its own
		addr++
		values.Set("code", code)
		values.Set("last4", last4)
		return anyone.postFrom(action, values, fmt.Sprintf("203.0.%d.%d", addr/250, addr%250+1))
	}
	wrong := func(code string) func() page {
		return func() page { return guess(code, strconv.Itoa(9000+addr)) } // An's digits are 2345
	}

	n, locked := untilLimited(t, wrong(code))
	requireLimitedPage(t, locked)
	require.Positive(t, n)
	requireLimitedPage(t, guess(code, "2345"))
	unknown := "UBND-00070-000101-0999"
	m, _ := untilLimited(t, wrong(unknown))
	require.Equal(t, n, m, "an unknown code locks after as many guesses")

	// The lock is the code's, not the address's: the same address may ask about another code.
	values.Set("code", "UBND-00070-000101-0998")
	values.Set("last4", "1111")
	other := anyone.postFrom(action, values, "198.51.100.7")
	require.Equal(t, http.StatusOK, other.status, other.body)
	require.Equal(t, 1, other.doc(t).Find(testid("track-none")).Length())

	clk.Add(3 * time.Hour)
	found := guess(code, "2345")
	require.Equal(t, http.StatusOK, found.status, found.body)
	require.Equal(t, 1, found.doc(t).Find(testid("track-result")).Length(), "the lock ends")
}
