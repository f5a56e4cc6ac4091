package vneid

import (
	"net/http"
	"net/url"
)

// withIssParam adds the RFC 9207 "iss" parameter to authorization responses, which
// zitadel/oidc v3 does not send by itself. It rewrites only redirects to a registered
// redirect URI that carry "code" or "error", i.e. authorization responses (success,
// error, or the login page's cancel); the redirect to the login page is left alone.
func (s *Server) withIssParam(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&issWriter{ResponseWriter: w, s: s}, r)
	})
}

type issWriter struct {
	http.ResponseWriter
	s           *Server
	wroteHeader bool
}

func (w *issWriter) WriteHeader(code int) {
	if !w.wroteHeader && code >= 300 && code < 400 {
		if loc := w.Header().Get("Location"); loc != "" {
			w.Header().Set("Location", w.s.addIss(loc))
		}
	}
	w.wroteHeader = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *issWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *issWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) addIss(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return location
	}
	q := u.Query()
	if !q.Has("code") && !q.Has("error") {
		return location
	}
	base := *u
	base.RawQuery, base.Fragment = "", ""
	if !s.redirect[base.String()] {
		return location
	}
	q.Set("iss", s.issuer)
	u.RawQuery = q.Encode()
	return u.String()
}
