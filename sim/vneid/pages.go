package vneid

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
)

//go:embed web/*.html web/*.css
var webFiles embed.FS

type pageTemplates struct {
	login, message *template.Template
}

func parsePages() (*pageTemplates, error) {
	parse := func(page string) (*template.Template, error) {
		t, err := template.ParseFS(webFiles, "web/layout.html", "web/"+page)
		if err != nil {
			return nil, fmt.Errorf("vneid: parse %s: %w", page, err)
		}
		return t, nil
	}
	var p pageTemplates
	var err error
	if p.login, err = parse("login.html"); err != nil {
		return nil, err
	}
	if p.message, err = parse("message.html"); err != nil {
		return nil, err
	}
	return &p, nil
}

// page is what every page's layout needs.
type page struct {
	T         messages
	Title     string
	CSS       string
	SwitchURL string // the same page in the other language
}

// messagePage is a page with a heading and one paragraph.
type messagePage struct {
	page
	Message string
}

// render writes a page with security headers. It renders into a buffer first, so a
// template error still becomes a clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, t *template.Template, status int, data any) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.logger.ErrorContext(r.Context(), "vneid: render page", "error", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// No form-action directive: Chrome applies it to the redirects that follow the
	// login POST, and those go to the relying party's origin.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

func serveCSS(w http.ResponseWriter, r *http.Request) {
	css, err := webFiles.ReadFile("web/vneid-sim.css")
	if err != nil {
		http.Error(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(css)
}

// showLoggedOut is where end_session sends a user when the request names no client.
func (s *Server) showLoggedOut(w http.ResponseWriter, r *http.Request) {
	t := messagesFor(s.pageLang(w, r, ""))
	s.render(w, r, s.pages.message, http.StatusOK, messagePage{
		page:    page{T: t, Title: t.LoggedOutTitle, CSS: pathCSS, SwitchURL: pathLoggedOut + "?" + langParam + "=" + t.OtherLang},
		Message: t.LoggedOutBody,
	})
}
