package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
)

// TestCanonicalHost: the portal answers on PORTAL_BASE_URL's host; a GET on another name of the
// same server (its IP address, as it says it listens on) is sent to the same path there before
// anything else, so cookies are always set for one host.
func TestCanonicalHost(t *testing.T) {
	t.Parallel()
	s := startStackAt(t, "localhost")
	ipURL := strings.Replace(s.portalURL, "localhost", "127.0.0.1", 1)

	t.Run("OKGetRedirected", func(t *testing.T) {
		b := newBrowser(t)
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			req, err := http.NewRequest(method, ipURL+"/procedures?q=khai+sinh&topic=x", nil)
			require.NoError(t, err)
			p := b.do(req)
			require.Equal(t, http.StatusMovedPermanently, p.status, method)
			require.Equal(t, s.portalURL+"/procedures?q=khai+sinh&topic=x", p.location, method)
			require.Empty(t, p.header.Values("Set-Cookie"), "%s: no session, no cookie on the wrong host", method)
		}
	})

	t.Run("OKProbesAnswerOnAnyHost", func(t *testing.T) {
		b := newBrowser(t)
		for _, path := range []string{"/healthz", "/readyz"} {
			p := b.get(ipURL + path)
			require.Equal(t, http.StatusOK, p.status, path)
		}
		// The operator endpoints are not redirected either (their own guard answers).
		for _, path := range []string{"/metrics", "/debug/pprof/"} {
			p := b.get(ipURL + path)
			require.NotEqual(t, http.StatusMovedPermanently, p.status, path)
		}
	})

	t.Run("ErrPostOnOtherHost", func(t *testing.T) {
		b := newBrowser(t)
		p := b.post(ipURL+"/lang", url.Values{"lang": {"en"}})
		require.Equal(t, http.StatusBadRequest, p.status)
		require.Empty(t, p.location)
		require.Empty(t, p.header.Values("Set-Cookie"))
	})

	t.Run("OKCanonicalHostServed", func(t *testing.T) {
		p := newBrowser(t).get(s.portalURL + "/procedures")
		require.Equal(t, http.StatusOK, p.status)
	})

	t.Run("OKSignInStartedOnIPAddress", func(t *testing.T) {
		b := newBrowser(t)
		login := b.follow(ipURL + "/auth/login?return_to=/account")
		require.Equal(t, http.StatusOK, login.status, login.body)
		home := b.followFrom(b.submitLogin(login, anPersonalID, vneid.DemoPassword))
		require.Equal(t, http.StatusOK, home.status, home.body)
		require.Equal(t, s.portalURL+"/account", home.url.String())
		require.Equal(t, "Nguyễn Văn An", strings.TrimSpace(home.doc(t).Find("[data-testid=user-name]").Text()))
	})
}
