package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
)

const anPersonalID = "001088012345"

func TestSignInCodeFlow(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)

	t.Run("OK", func(t *testing.T) {
		start := b.get(s.portalURL + "/auth/login")
		require.Equal(t, http.StatusSeeOther, start.status)
		auth := mustParse(t, start.location)
		require.True(t, strings.HasPrefix(start.location, s.issuerURL+"/"), start.location)
		q := auth.Query()
		require.Equal(t, "S256", q.Get("code_challenge_method"))
		require.NotEmpty(t, q.Get("code_challenge"))
		require.GreaterOrEqual(t, len(q.Get("state")), 43)
		require.GreaterOrEqual(t, len(q.Get("nonce")), 43)
		require.NotEmpty(t, b.cookie(s.portalURL+"/auth/callback", "motlan_signin"), "binding cookie")

		login := b.followFrom(start)
		require.Equal(t, http.StatusOK, login.status)
		landing := b.followFrom(b.submitLogin(login, anPersonalID, vneid.DemoPassword))
		require.Equal(t, http.StatusOK, landing.status, landing.body)
		require.Equal(t, "/", landing.url.Path, "signed in, he lands on home and its tasks")
		home := b.get(s.portalURL + "/account")
		require.Equal(t, http.StatusOK, home.status, home.body)
		doc := home.doc(t)
		require.Equal(t, "Nguyễn Văn An", strings.TrimSpace(doc.Find("[data-testid=user-name]").Text()))
		require.Equal(t, "********2345", strings.TrimSpace(doc.Find("[data-testid=user-personal-id]").Text()))
		require.Equal(t, "LoA2", doc.Find("[data-testid=assurance-level]").AttrOr("data-acr", ""))
		require.Contains(t, doc.Find("[data-testid=assurance-level]").Text(), "Mức 2", "the level in words, not its code")
		require.NotContains(t, home.body, anPersonalID, "the full personal ID is never shown")
		require.Equal(t, "no-store", home.header.Get("Cache-Control"))

		// The home page greets him too.
		welcome := b.get(s.portalURL + "/").doc(t)
		require.Contains(t, welcome.Find("[data-testid=welcome]").Text(), "Nguyễn Văn An")

		var n int
		require.NoError(t, s.db.QueryRow(context.Background(),
			`SELECT count(*) FROM citizens WHERE personal_id = $1 AND issuer = $2`, anPersonalID, s.issuerURL).Scan(&n))
		require.Equal(t, 1, n)
	})

	t.Run("LogoutInvalidatesServerSession", func(t *testing.T) {
		oldToken := b.cookie(s.portalURL, "motlan_session")
		require.NotEmpty(t, oldToken)
		var stored []byte
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT data FROM sessions WHERE token = $1`, oldToken).Scan(&stored))
		home := b.get(s.portalURL + "/account")
		out := b.post(s.portalURL+"/auth/logout", url.Values{"_csrf": {csrfToken(t, home)}})
		// A page that moves on to the provider by navigation, not a redirect of the form's
		// submission (which the CSP's form-action may refuse): a meta refresh and a link.
		require.Equal(t, http.StatusOK, out.status)
		doc := out.doc(t)
		next := doc.Find("[data-testid=signout-continue]").AttrOr("href", "")
		require.Equal(t, "0;url="+next, doc.Find("meta[http-equiv=refresh]").AttrOr("content", ""))
		require.Equal(t, "Tiếp tục đăng xuất khỏi VNeID", strings.TrimSpace(doc.Find("[data-testid=signout-continue]").Text()))
		require.Zero(t, doc.Find("[data-testid=header-signout]").Length(), "no one is signed in on it")
		require.Regexp(t, `form-action 'self'[^;]*;`, out.header.Get("Content-Security-Policy"))
		require.NotContains(t, out.header.Get("Content-Security-Policy"), s.issuerURL, "the provider is not a form's target")
		end := mustParse(t, next)
		require.True(t, strings.HasPrefix(next, s.issuerURL+"/"), next)
		require.NotEmpty(t, end.Query().Get("id_token_hint"))
		// The ID token is kept once, apart from the JSON read at every request.
		require.Equal(t, 1, bytes.Count(stored, []byte(end.Query().Get("id_token_hint"))))
		require.Contains(t, string(stored), `"id_token":""`)
		require.Equal(t, s.portalURL+"/", end.Query().Get("post_logout_redirect_uri"))
		back := b.follow(next)
		require.Equal(t, http.StatusOK, back.status)
		require.Equal(t, s.portalURL+"/", back.url.String())

		// The old cookie, replayed by someone who kept it, opens nothing.
		replay := newBrowser(t)
		u := mustParse(t, s.portalURL)
		replay.client.Jar.SetCookies(u, []*http.Cookie{{Name: "motlan_session", Value: oldToken, Path: "/"}})
		p := replay.get(s.portalURL + "/account")
		require.Equal(t, http.StatusSeeOther, p.status)
		require.True(t, strings.HasPrefix(p.location, "/auth/login"), p.location)
		require.Equal(t, 0, s.sessionCount(t))
	})
}

func TestSessionIDChangesAtSignIn(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	// An attacker plants a session id before the victim signs in (fixation).
	planted := "planted-session-token-0123456789abcdefghijkl"
	b.client.Jar.SetCookies(mustParse(t, s.portalURL), []*http.Cookie{{Name: "motlan_session", Value: planted, Path: "/"}})
	// A first visit that stores something in a session gives a real pre-login token too.
	home := b.signIn(s, anPersonalID)
	require.Equal(t, http.StatusOK, home.status)
	after := b.cookie(s.portalURL, "motlan_session")
	require.NotEmpty(t, after)
	require.NotEqual(t, planted, after)

	// Signing in again (same browser, still signed in) issues yet another id.
	again := b.signIn(s, anPersonalID)
	require.Equal(t, http.StatusOK, again.status)
	require.NotEqual(t, after, b.cookie(s.portalURL, "motlan_session"))
	require.Equal(t, 1, s.sessionCount(t), "the previous session is deleted server-side")
}

func TestPostWithoutCSRFTokenRefused(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)

	for name, form := range map[string]url.Values{
		"Missing": {},
		"Wrong":   {"_csrf": {"not-the-token"}},
	} {
		t.Run(name, func(t *testing.T) {
			p := b.post(s.portalURL+"/auth/logout", form)
			require.Equal(t, http.StatusForbidden, p.status)
			require.Equal(t, "error.csrf", p.doc(t).Find("[data-testid=error-message]").AttrOr("data-error", ""))
			require.Equal(t, http.StatusOK, b.get(s.portalURL+"/account").status, "still signed in")
		})
	}
	t.Run("CrossSiteBrowserPost", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, s.portalURL+"/auth/logout", strings.NewReader(""))
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		p := b.do(req)
		require.Equal(t, http.StatusForbidden, p.status)
		require.Equal(t, http.StatusOK, b.get(s.portalURL+"/account").status, "still signed in")
	})
	t.Run("ValidToken", func(t *testing.T) {
		p := b.post(s.portalURL+"/auth/logout", url.Values{"_csrf": {csrfToken(t, b.get(s.portalURL+"/account"))}})
		require.Equal(t, http.StatusOK, p.status)
		require.Equal(t, 1, p.doc(t).Find("[data-testid=signing-out]").Length())
		require.Equal(t, http.StatusSeeOther, b.get(s.portalURL+"/account").status, "signed out")
	})
}

func TestSignInStateChecks(t *testing.T) {
	t.Parallel()
	s := startStack(t)

	t.Run("ErrMissingState", func(t *testing.T) {
		b := newBrowser(t)
		b.get(s.portalURL + "/auth/login")
		p := b.get(s.portalURL + "/auth/callback?code=abc")
		requireSignInError(t, p, "signin.error.state")
		require.Equal(t, 0, s.sessionCount(t))
	})

	t.Run("ErrWrongState", func(t *testing.T) {
		b := newBrowser(t)
		login := b.follow(s.portalURL + "/auth/login")
		cb := b.submitLogin(login, anPersonalID, vneid.DemoPassword)
		cbURL := callbackURL(t, b, cb)
		q := cbURL.Query()
		q.Set("state", "forged-state-value-forged-state-value-12345")
		cbURL.RawQuery = q.Encode()
		requireSignInError(t, b.get(cbURL.String()), "signin.error.state")
		require.Equal(t, 0, s.sessionCount(t))
	})

	t.Run("ErrReusedState", func(t *testing.T) {
		b := newBrowser(t)
		login := b.follow(s.portalURL + "/auth/login")
		cbURL := callbackURL(t, b, b.submitLogin(login, anPersonalID, vneid.DemoPassword))
		ok := b.followFrom(b.get(cbURL.String()))
		require.Equal(t, http.StatusOK, ok.status)
		before := s.sessionCount(t)

		// The same callback again, from a browser that has the binding cookie back.
		attacker := newBrowser(t)
		attacker.client.Jar.SetCookies(mustParse(t, s.portalURL+"/auth/callback"), b.client.Jar.Cookies(mustParse(t, s.portalURL+"/auth/callback")))
		requireSignInError(t, attacker.get(cbURL.String()), "signin.error.state")
		require.Equal(t, before, s.sessionCount(t))
	})

	t.Run("ErrOtherBrowser", func(t *testing.T) {
		// Login CSRF: a callback started in the attacker's browser, opened in the victim's.
		attacker := newBrowser(t)
		login := attacker.follow(s.portalURL + "/auth/login")
		cbURL := callbackURL(t, attacker, attacker.submitLogin(login, anPersonalID, vneid.DemoPassword))
		victim := newBrowser(t)
		requireSignInError(t, victim.get(cbURL.String()), "signin.error.state")
		require.Equal(t, http.StatusSeeOther, victim.get(s.portalURL+"/account").status, "victim not signed in")
	})

	t.Run("ErrCancelled", func(t *testing.T) {
		b := newBrowser(t)
		start := b.get(s.portalURL + "/auth/login")
		state := mustParse(t, start.location).Query().Get("state")
		p := b.get(s.portalURL + "/auth/callback?error=access_denied&state=" + url.QueryEscape(state))
		requireSignInError(t, p, "signin.error.cancelled")
	})
}

func TestSignInCodeAndPKCEChecks(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	ctx := context.Background()

	t.Run("ErrReplayedCode", func(t *testing.T) {
		b := newBrowser(t)
		login := b.follow(s.portalURL + "/auth/login")
		var verifier, nonce string
		require.NoError(t, s.db.QueryRow(ctx, `SELECT pkce_verifier, nonce FROM signin_attempts`).Scan(&verifier, &nonce))
		cbURL := callbackURL(t, b, b.submitLogin(login, anPersonalID, vneid.DemoPassword))
		require.Equal(t, http.StatusOK, b.followFrom(b.get(cbURL.String())).status)
		sessions := s.sessionCount(t)

		// A new sign-in in the same browser, whose record is made to hold the first one's
		// verifier and nonce: only the code is replayed, and the provider must refuse it.
		start := b.get(s.portalURL + "/auth/login")
		state := mustParse(t, start.location).Query().Get("state")
		_, err := s.db.Exec(ctx, `UPDATE signin_attempts SET pkce_verifier = $1, nonce = $2`, verifier, nonce)
		require.NoError(t, err)
		q := cbURL.Query()
		q.Set("state", state)
		cbURL.RawQuery = q.Encode()
		requireSignInError(t, b.get(cbURL.String()), "signin.error.token")
		require.Equal(t, sessions, s.sessionCount(t))
	})

	t.Run("ErrPKCEVerifierMismatch", func(t *testing.T) {
		b := newBrowser(t)
		login := b.follow(s.portalURL + "/auth/login")
		_, err := s.db.Exec(ctx, `UPDATE signin_attempts SET pkce_verifier = $1`, strings.Repeat("x", 43))
		require.NoError(t, err)
		p := b.followFrom(b.submitLogin(login, anPersonalID, vneid.DemoPassword))
		requireSignInError(t, p, "signin.error.token")
		require.Equal(t, http.StatusSeeOther, b.get(s.portalURL+"/account").status, "no session")
	})
}

// callbackURL follows the simulator's redirects after its login form up to (not into) the
// portal's callback, and returns that URL.
func callbackURL(t *testing.T, b *browser, p page) *url.URL {
	t.Helper()
	for i := 0; i < 10; i++ {
		require.NotEmpty(t, p.location, "expected a redirect, got %d:\n%s", p.status, p.body)
		next := p.url.ResolveReference(mustParse(t, p.location))
		if next.Path == "/auth/callback" {
			return next
		}
		p = b.get(next.String())
	}
	t.Fatal("no redirect to the callback")
	return nil
}

// csrfToken reads the CSRF token from a page's forms.
func csrfToken(t *testing.T, p page) string {
	t.Helper()
	tok := p.doc(t).Find("input[name=_csrf]").First().AttrOr("value", "")
	require.NotEmpty(t, tok, "no CSRF token on %s", p.url)
	return tok
}
