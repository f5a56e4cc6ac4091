package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
)

// canonicalHost keeps every page on PORTAL_BASE_URL's host. Cookies belong to a host, so a
// sign-in started on another name of the same server (its IP address, say) set its binding
// cookie where the provider's callback, which goes to the base URL, never sends it.
//
// A GET or HEAD on another host is sent, before anything else runs (no session, no cookie),
// to the same path and query on the base URL. Any other method on another host is refused
// with 400: no page of the portal is served there, so no form of ours posts there, and
// redirecting a POST would replay its body elsewhere. The probes and the operator endpoints,
// which balancers and scrapers call by address, and the payment gateway's notification answer
// on any host.
//
// Behind a proxy listed in TRUSTED_PROXIES the host the browser asked for is the proxy's
// X-Forwarded-Host when it sends one (nginx's default passes its upstream's name as Host, which
// would otherwise send every page to itself); from any other peer that header is ignored.
func canonicalHost(baseURL string, trusted []*net.IPNet) echo.MiddlewareFunc {
	base, err := url.Parse(baseURL)
	if err != nil || base.Host == "" { // Validate refuses such a base URL; serve as before
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	want := normalHost(base.Scheme, base.Host)
	origin := base.Scheme + "://" + base.Host
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if normalHost(base.Scheme, requestHost(r, trusted)) == want || anyHostPath(r.URL.Path) {
				return next(c)
			}
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				return fault.New(fault.EINVALID, "error.invalid", "web.canonicalHost")
			}
			return c.Redirect(http.StatusMovedPermanently, origin+r.URL.RequestURI())
		}
	}
}

// headerXForwardedHost names the host a proxy was asked for (echo has no constant for it).
const headerXForwardedHost = "X-Forwarded-Host"

// requestHost is the host the browser asked for: the request's Host, or the first
// X-Forwarded-Host when the peer is a trusted proxy.
func requestHost(r *http.Request, trusted []*net.IPNet) string {
	fwd := strings.TrimSpace(strings.Split(r.Header.Get(headerXForwardedHost), ",")[0])
	if fwd == "" || len(trusted) == 0 {
		return r.Host
	}
	peer, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		peer = r.RemoteAddr
	}
	ip := net.ParseIP(peer)
	for _, n := range trusted {
		if ip != nil && n.Contains(ip) {
			return fwd
		}
	}
	return r.Host
}

// anyHostPath reports the paths served on any host: the probes, the operator endpoints and the
// payment gateway's notification (a server's GET that would not follow a redirect).
func anyHostPath(p string) bool {
	return p == "/healthz" || p == "/readyz" || p == "/metrics" || p == "/debug/pprof" || strings.HasPrefix(p, "/debug/pprof/") ||
		p == paymentIPNPath
}

// normalHost lower-cases host and drops the scheme's default port, so "Portal.example:443"
// and "portal.example" are the same host over https.
func normalHost(scheme, host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if h, port, err := net.SplitHostPort(host); err == nil &&
		(scheme == "http" && port == "80" || scheme == "https" && port == "443") {
		host = h
		if strings.Contains(h, ":") { // IPv6 literal
			host = "[" + h + "]"
		}
	}
	return host
}
