package citizen

import "net/http"

// ownRequest reports whether the browser says a GET comes from the portal's own pages
// (Sec-Fetch-Site: same-origin) or from the person themselves, typed or bookmarked (none): only
// such a GET may change something, like the first download of a result delivering the case.
//
// A link or image on another site (cross-site), or on another host of the same site, such as
// another office's subdomain (same-site), sends the citizen's session cookie along with a
// top-level GET (SameSite=Lax), so the session alone does not show the citizen asked. A request
// without the header is refused too: every browser the portal supports sends it (over https,
// and to localhost in development), so it comes from an old browser, where a link on another
// site cannot be told from a click, or from a program, which is not the citizen receiving their
// paper. Such a download still gets the document; the case stays decided (9) until a download
// from the portal's page, or the officer's handing over, delivers it.
func ownRequest(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	}
	return false
}
