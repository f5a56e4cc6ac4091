package web

import (
	"errors"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/pages"
)

// Message keys of refused input (views/i18n/catalog_input.go).
const (
	MsgBodyTooLarge = "input.error.too_large"
	MsgUnreadable   = "input.error.unreadable"
	MsgCharacters   = "input.error.characters"
	MsgUploadsBusy  = "input.error.busy"
)

// multipartMemory is what a multipart post is parsed with. Go holds a form's values (and its
// parts' headers) in memory up to this plus 10 MB, and its files past this on disk
// (mime/multipart's readForm); 10 MB of values is far more than any form's answers, and six posts
// of them at once were most of the portal's memory. Less 9 MB: every file goes to a temporary
// file (removed when the request ends), and the values take 1 MB at most, or the post is refused
// (multipart.ErrMessageTooLarge, 413).
const multipartMemory = defaultBodyLimit - 10<<20

// defaultBodyLimit is the largest body of a route not named in bodyLimits: a form's answers.
const defaultBodyLimit = 1 << 20

// bodyLimits are the largest bodies routes that carry files take, by method and route path
// ("POST /verify"), sized to what one of their posts may hold; they are also the routes whose
// posts take an upload slot.
type bodyLimits map[string]int64

// limit returns the route's limit and whether it carries files.
func (l bodyLimits) limit(c echo.Context) (int64, bool) {
	if n, ok := l[c.Request().Method+" "+c.Path()]; ok {
		return n, true
	}
	return defaultBodyLimit, false
}

// readBody reads a form's body before anything else does, within the route's limit (a post
// that is not multipart carries no file: 1 MB): a larger body is refused (413), a post that
// carries files waits for no one but takes one of the upload slots or is told to come back
// (503 with Retry-After), and a body that cannot be read as the form it says it is (past
// 10,000 fields, malformed multipart) is refused (400), before a handler could save what it
// read of it. Multipart files past 1 MB go to
// temporary files instead of memory. It must run before the CSRF check, which reads the form
// token and would otherwise parse the body with echo's 32 MB in memory.
func readBody(limits bodyLimits, slots chan struct{}) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.Body == nil || req.Body == http.NoBody || req.Method == http.MethodGet || req.Method == http.MethodHead {
				return next(c)
			}
			limit, upload := limits.limit(c)
			ctype, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
			if ctype != echo.MIMEMultipartForm {
				limit = min(limit, defaultBodyLimit) // only a multipart post carries files
			}
			if req.ContentLength > limit {
				return refuse(c, http.StatusRequestEntityTooLarge, MsgBodyTooLarge, errors.New("web: body larger than the route's limit"))
			}
			// Go reads an urlencoded body whole, up to this limit (its own 10 MB apply to others).
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
			if upload && ctype == echo.MIMEMultipartForm {
				select {
				case slots <- struct{}{}:
					defer func() { <-slots }()
				default:
					c.Response().Header().Set("Retry-After", "30")
					return refuse(c, http.StatusServiceUnavailable, MsgUploadsBusy, errors.New("web: every upload slot is taken"))
				}
			}
			var err error
			switch ctype {
			case echo.MIMEMultipartForm:
				err = req.ParseMultipartForm(multipartMemory)
				if form := req.MultipartForm; form != nil {
					// The server removes the temporary files of the request it passed in only;
					// this one is a copy (the request ID's context).
					defer func() { _ = form.RemoveAll() }() // best effort: a file left behind is in the system's temporary folder
				}
			case echo.MIMEApplicationForm:
				err = req.ParseForm()
			}
			if err != nil {
				if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge || errors.Is(err, multipart.ErrMessageTooLarge) {
					return refuse(c, http.StatusRequestEntityTooLarge, MsgBodyTooLarge, err)
				}
				return refuse(c, http.StatusBadRequest, MsgUnreadable, err)
			}
			return next(c)
		}
	}
}

// cleanInput refuses a request whose path, query or form holds a NUL byte or is not UTF-8:
// PostgreSQL takes neither in text, and no page or form of the portal sends them, so it is
// bad input (400, logged as a warning), never the server's failure. It runs after readBody, on
// the form read there.
func cleanInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !clean(req.URL.Path) || !cleanValues(req.URL.Query()) ||
			!cleanValues(req.PostForm) || req.MultipartForm != nil && !cleanValues(req.MultipartForm.Value) {
			return fault.New(fault.EINVALID, MsgCharacters, "web.cleanInput")
		}
		if req.MultipartForm != nil {
			for _, fhs := range req.MultipartForm.File {
				for _, fh := range fhs {
					if !clean(fh.Filename) {
						return fault.New(fault.EINVALID, MsgCharacters, "web.cleanInput")
					}
				}
			}
		}
		return next(c)
	}
}

func cleanValues(vs map[string][]string) bool {
	for k, v := range vs {
		if !clean(k) {
			return false
		}
		for _, s := range v {
			if !clean(s) {
				return false
			}
		}
	}
	return true
}

func clean(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// refuse answers with the error page before the handler runs; the request's log line carries err.
func refuse(c echo.Context, status int, key string, err error) error {
	c.Set(errorKey, err)
	return c.Render(status, "", pages.Error("error.title", key))
}
