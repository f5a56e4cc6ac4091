package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	p := b.get(s.portalURL + "/")
	require.Equal(t, http.StatusOK, p.status)
	csp := p.header.Get("Content-Security-Policy")
	require.NotEmpty(t, csp)
	require.NotContains(t, csp, "unsafe-inline")
	require.NotContains(t, csp, "unsafe-eval")
	require.Contains(t, csp, "frame-ancestors 'none'")
	require.Contains(t, csp, "script-src 'self'")
	require.Equal(t, "nosniff", p.header.Get("X-Content-Type-Options"))
	require.NotEmpty(t, p.header.Get("Referrer-Policy"))
	require.Equal(t, "no-store", p.header.Get("Cache-Control"))
	require.NotEmpty(t, p.header.Get("X-Request-Id"))
	require.NotContains(t, p.body, "style=\"", "no inline styles")
	require.NotRegexp(t, `<script(?: type="module")?>`, p.body, "no inline scripts")

	t.Run("CookiesAreSafe", func(t *testing.T) {
		b := newBrowser(t)
		b.signIn(s, anPersonalID)
		resp, err := b.client.Get(s.portalURL + "/auth/login")
		require.NoError(t, err)
		resp.Body.Close()
		for _, c := range resp.Cookies() {
			require.True(t, c.HttpOnly, "cookie %s is HttpOnly", c.Name)
			require.Equal(t, http.SameSiteLaxMode, c.SameSite, "cookie %s", c.Name)
		}
	})
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)

	require.Equal(t, http.StatusOK, b.get(s.portalURL+"/healthz").status)
	ready := b.get(s.portalURL + "/readyz")
	require.Equal(t, http.StatusOK, ready.status, ready.body)

	t.Run("NotReadyWithPendingMigrations", func(t *testing.T) {
		_, err := s.db.Exec(context.Background(), `DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)`)
		require.NoError(t, err)
		p := b.get(s.portalURL + "/readyz")
		require.Equal(t, http.StatusServiceUnavailable, p.status)
		var body map[string]any
		require.NoError(t, json.Unmarshal([]byte(p.body), &body))
		require.Equal(t, "migrations pending", body["reason"])
		require.Equal(t, http.StatusOK, b.get(s.portalURL+"/healthz").status, "alive all the same")
	})
}

func TestLanguageSwitchPersists(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)

	home := b.get(s.portalURL + "/")
	doc := home.doc(t)
	require.Equal(t, "vi", doc.Find("html").AttrOr("lang", ""), "Vietnamese by default")
	require.Contains(t, doc.Find("[data-testid=signin-vneid]").Text(), "Đăng nhập bằng VNeID")

	p := b.post(s.portalURL+"/lang", url.Values{"lang": {"en"}, "next": {"/"}, "_csrf": {csrfToken(t, home)}})
	require.Equal(t, http.StatusSeeOther, p.status)
	require.Equal(t, "/", p.location)
	doc = b.get(s.portalURL + "/").doc(t)
	require.Equal(t, "en", doc.Find("html").AttrOr("lang", ""))
	require.Contains(t, doc.Find("[data-testid=signin-vneid]").Text(), "Sign in with VNeID")

	t.Run("ErrOffSiteNext", func(t *testing.T) {
		p := b.post(s.portalURL+"/lang", url.Values{"lang": {"vi"}, "next": {"//evil.example/x"}, "_csrf": {csrfToken(t, home)}})
		require.Equal(t, "/", p.location)
	})
	t.Run("ErrUnknownLanguage", func(t *testing.T) {
		p := b.post(s.portalURL+"/lang", url.Values{"lang": {"fr"}, "_csrf": {csrfToken(t, home)}})
		require.Equal(t, http.StatusBadRequest, p.status)
	})
}

func TestErrorPagesAreLocalisedAndSafe(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	p := b.get(s.portalURL + "/no/such/page")
	require.Equal(t, http.StatusNotFound, p.status)
	doc := p.doc(t)
	require.Equal(t, "error.notfound.body", doc.Find("[data-testid=error-message]").AttrOr("data-error", ""))
	require.Equal(t, p.header.Get("X-Request-Id"), strings.TrimSpace(doc.Find("[data-testid=request-id]").Text()))

	// A signed-out visit to a citizen page goes to sign-in and comes back there afterwards.
	acct := b.get(s.portalURL + "/account")
	require.Equal(t, http.StatusSeeOther, acct.status)
	require.Equal(t, "/auth/login?return_to=%2Faccount", acct.location)
}
