package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFavicon: /favicon.ico, which every browser asks for by itself, is the portal's icon (it was
// a 404 in every browser's log), served without a session; the pages name it and an SVG.
func TestFavicon(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)

	ico := b.get(s.portalURL + "/favicon.ico")
	require.Equal(t, http.StatusOK, ico.status)
	require.True(t, strings.HasPrefix(ico.body, "\x00\x00\x01\x00"), "an ICO file")
	require.Contains(t, []string{"image/x-icon", "image/vnd.microsoft.icon"}, ico.header.Get("Content-Type"))
	require.Contains(t, ico.header.Get("Cache-Control"), "public")
	require.Empty(t, ico.header.Values("Set-Cookie"), "no session for the icon")

	home := b.get(s.portalURL + "/").doc(t)
	var hrefs []string
	for _, sel := range []string{`link[rel=icon][href="/favicon.ico"]`, `link[rel=icon][type="image/svg+xml"]`} {
		href := home.Find(sel).AttrOr("href", "")
		require.NotEmpty(t, href, "the layout has %s", sel)
		hrefs = append(hrefs, href)
	}
	svg := b.get(s.portalURL + hrefs[1])
	require.Equal(t, http.StatusOK, svg.status)
	require.Equal(t, "image/svg+xml", svg.header.Get("Content-Type"))
	require.Contains(t, svg.body, "<svg")
}
