package vneid_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// requireLoginError checks that a login POST re-rendered the form with an error
// and did not redirect anywhere (so no code was issued).
func requireLoginError(t *testing.T, res *http.Response, status int, username, wantText string) loginForm {
	t.Helper()
	require.Equal(t, status, res.StatusCode)
	require.Empty(t, res.Header.Get("Location"))
	require.Equal(t, "/login", res.Request.URL.Path, "no redirect after a refused login")
	form := parseLoginForm(t, res)
	msg := form.doc.Find("[data-testid=login-error]")
	require.Equal(t, 1, msg.Length(), "error summary shown")
	require.Contains(t, msg.Text(), wantText)
	require.Equal(t, username, form.doc.Find("input#username").AttrOr("value", "?"), "username kept")
	require.Equal(t, "true", form.doc.Find("input#username").AttrOr("aria-invalid", ""))
	return form
}

func TestLogin(t *testing.T) {
	t.Parallel()

	t.Run("ErrWrongPassword", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		res := f.submit(t, f.openLogin(t), pidAn, wrongPassword)
		form := requireLoginError(t, res, http.StatusUnauthorized, pidAn, "mật khẩu không đúng")
		// The same auth request still accepts the right password afterwards.
		f.callback(t, f.submit(t, form, pidAn, "Demo@2026"))
	})

	t.Run("ErrUnknownUser", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		res := f.submit(t, f.openLogin(t), "001088099999", "Demo@2026")
		requireLoginError(t, res, http.StatusUnauthorized, "001088099999", "mật khẩu không đúng")
	})

	t.Run("ErrWrongPasswordEnglish", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, staffID, oauth2.AuthStyleInHeader)
		form := f.openLogin(t)
		switchURL, ok := form.doc.Find("[data-testid=lang-switch]").Attr("href")
		require.True(t, ok)
		u, err := url.Parse(e.issuer)
		require.NoError(t, err)
		res, err := e.http.Get(u.ResolveReference(mustParse(t, switchURL)).String())
		require.NoError(t, err)
		defer res.Body.Close()
		form = parseLoginForm(t, res)
		require.Equal(t, "en", form.doc.Find("html").AttrOr("lang", ""))
		res = f.submit(t, form, staffOfficer, wrongPassword)
		requireLoginError(t, res, http.StatusUnauthorized, staffOfficer, "password is incorrect")
	})

	t.Run("ErrCitizenThroughStaffClient", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, staffID, oauth2.AuthStyleInHeader)
		res := f.submit(t, f.openLogin(t), pidAn, "Demo@2026")
		requireLoginError(t, res, http.StatusForbidden, pidAn, "tài khoản công dân")
	})

	t.Run("ErrStaffThroughCitizenClient", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		res := f.submit(t, f.openLogin(t), staffOfficer, "Demo@2026")
		requireLoginError(t, res, http.StatusForbidden, staffOfficer, "tài khoản cán bộ")
	})

	t.Run("ErrNoCSRFToken", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		form := f.openLogin(t)
		form.fields.Set("csrf_token", "forged")
		res := f.submit(t, form, pidAn, "Demo@2026")
		requireLoginError(t, res, http.StatusForbidden, pidAn, "hết hạn")
	})

	t.Run("OKCancel", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		form := f.openLogin(t)
		q := f.callback(t, f.submit(t, form, "", "", "action", "cancel"))
		require.Equal(t, "access_denied", q.Get("error"))
		require.Empty(t, q.Get("code"))
		// The auth request is gone: the login page no longer accepts it.
		res := f.submit(t, form, pidAn, "Demo@2026")
		require.Equal(t, http.StatusBadRequest, res.StatusCode)
	})

	t.Run("ErrUnknownAuthRequest", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		res, err := e.http.Get(e.issuer + "/login?authRequestID=nope")
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusBadRequest, res.StatusCode)
		body, _ := io.ReadAll(res.Body)
		require.Contains(t, string(body), "Yêu cầu đăng nhập không hợp lệ")
	})

	t.Run("ErrCallbackReplayed", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		res := f.submit(t, f.openLogin(t), pidAn, "Demo@2026")
		f.callback(t, res)
		// Replaying op's callback URL must not mint a second code.
		again, err := e.http.Get(res.Request.URL.String())
		require.NoError(t, err)
		defer again.Body.Close()
		require.Equal(t, http.StatusBadRequest, again.StatusCode)
		require.Empty(t, again.Header.Get("Location"))
	})
}

func TestLoginPage(t *testing.T) {
	t.Parallel()
	e := setup(t)

	f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	res, err := e.http.Get(f.authURL())
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	csp := res.Header.Get("Content-Security-Policy")
	require.Contains(t, csp, "default-src 'none'")
	require.NotContains(t, csp, "form-action")
	form := parseLoginForm(t, res)
	doc := form.doc

	require.Equal(t, "vi", doc.Find("html").AttrOr("lang", ""))
	require.NotEmpty(t, strings.TrimSpace(doc.Find("title").Text()))
	require.Equal(t, 1, doc.Find("h1").Length())
	require.Equal(t, 1, doc.Find("main").Length())
	require.Equal(t, 0, doc.Find("script").Length())
	require.Equal(t, 0, doc.Find("[style]").Length())
	for _, id := range []string{"username", "password"} {
		require.Equal(t, 1, doc.Find("label[for="+id+"]").Length(), "label for "+id)
		require.Equal(t, id, doc.Find("input#"+id).AttrOr("name", ""))
	}
	require.Contains(t, doc.Find("[data-testid=sim-brand]").Text(), "mô phỏng")
	demo := doc.Find("[data-testid=demo-identities]").Text()
	require.Contains(t, demo, "Demo@2026")
	for _, s := range []string{"Nguyễn Văn An", pidAn, "Trần Thị Bình", "079175001234", "Lê Văn Cường", "048095004321", "Phạm Thị Dung", pidDung, "LoA1", "LoA2"} {
		require.Contains(t, demo, s)
	}

	css, ok := doc.Find("link[rel=stylesheet]").Attr("href")
	require.True(t, ok)
	cres, err := e.http.Get(e.issuer + css)
	require.NoError(t, err)
	defer cres.Body.Close()
	require.Equal(t, http.StatusOK, cres.StatusCode)
	require.Contains(t, cres.Header.Get("Content-Type"), "text/css")
	body, _ := io.ReadAll(cres.Body)
	require.Contains(t, string(body), ":focus-visible")

	// The language choice is remembered in a cookie.
	sw := doc.Find("[data-testid=lang-switch]").AttrOr("href", "")
	res2, err := e.http.Get(e.issuer + sw)
	require.NoError(t, err)
	res2.Body.Close()
	var remembered bool
	for _, c := range e.http.Jar.Cookies(mustParse(t, e.issuer+"/login")) {
		remembered = remembered || (c.Name == langCookieName && c.Value == "en")
	}
	require.True(t, remembered, "language cookie set")
	res3, err := e.http.Get(res.Request.URL.String())
	require.NoError(t, err)
	defer res3.Body.Close()
	en := parseLoginForm(t, res3)
	require.Equal(t, "en", en.doc.Find("html").AttrOr("lang", ""))
	require.Equal(t, "Cancel", strings.TrimSpace(en.doc.Find("[data-testid=login-cancel]").Text()))
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u
}

func TestLoginPageFollowsUILocales(t *testing.T) {
	t.Parallel()
	e := setup(t)
	f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	res, err := e.http.Get(f.authURL() + "&ui_locales=en-GB%20vi")
	require.NoError(t, err)
	defer res.Body.Close()
	form := parseLoginForm(t, res)
	require.Equal(t, "en", form.doc.Find("html").AttrOr("lang", ""))
}
