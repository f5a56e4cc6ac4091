package web

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"
)

// TestCanonicalHostBehindProxy: a proxy in TRUSTED_PROXIES that names the browser's host in
// X-Forwarded-Host (and its upstream in Host) is served, not redirected to itself; the same
// header from any other peer changes nothing.
func TestCanonicalHostBehindProxy(t *testing.T) {
	t.Parallel()
	_, proxies, err := net.ParseCIDR("10.0.1.0/24")
	require.NoError(t, err)
	mw := canonicalHost("https://dichvucong.example", []*net.IPNet{proxies})
	h := mw(func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	e := echo.New()
	serve := func(peer, host, fwd string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/procedures?q=x", nil)
		req.RemoteAddr, req.Host = peer+":41234", host
		if fwd != "" {
			req.Header.Set(headerXForwardedHost, fwd)
		}
		rec := httptest.NewRecorder()
		require.NoError(t, h(e.NewContext(req, rec)))
		return rec
	}

	t.Run("OKTrustedProxyForwardsHost", func(t *testing.T) {
		rec := serve("10.0.1.7", "portal-upstream:8080", "dichvucong.example")
		require.Equal(t, http.StatusOK, rec.Code)
		rec = serve("10.0.1.7", "portal-upstream:8080", "DichVuCong.example:443, other")
		require.Equal(t, http.StatusOK, rec.Code, "the first value, normalised")
	})
	t.Run("ErrTrustedProxyOtherHost", func(t *testing.T) {
		rec := serve("10.0.1.7", "dichvucong.example", "evil.example")
		require.Equal(t, http.StatusMovedPermanently, rec.Code, "the forwarded host is the one the browser asked for")
		require.Equal(t, "https://dichvucong.example/procedures?q=x", rec.Header().Get(echo.HeaderLocation))
	})
	t.Run("ErrUntrustedPeerHeaderIgnored", func(t *testing.T) {
		rec := serve("203.0.113.9", "127.0.0.1:8080", "dichvucong.example")
		require.Equal(t, http.StatusMovedPermanently, rec.Code)
	})
	t.Run("OKNoHeaderUsesHost", func(t *testing.T) {
		rec := serve("10.0.1.7", "dichvucong.example", "")
		require.Equal(t, http.StatusOK, rec.Code)
	})
}
