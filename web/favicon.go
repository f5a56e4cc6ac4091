package web

import (
	"io/fs"
	"net/http"
)

// faviconPath is where browsers look for a site's icon without being told; the pages also
// name it, and an SVG for sharp screens, in views/layouts.
const faviconPath = "/favicon.ico"

// favicon serves static/img/favicon.ico, cached for a day like an asset.
func favicon(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.ServeFileFS(w, r, fsys, "img/favicon.ico")
	})
}
