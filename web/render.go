package web

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/viewctx"
)

// pageSizeHint is about the size of a full page (the dashboard, a page of 20 cases, is 19 kB).
const pageSizeHint = 32 << 10

// maxPooledPage is the largest page buffer kept for the next page; a rare long page (a full
// access log, a long form) gives its buffer back to the garbage collector.
const maxPooledPage = 256 << 10

// pageBuffers holds the buffers pages are rendered into, so that a page view does not
// allocate and zero 32 kB that the garbage collector then reclaims.
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, pageSizeHint)) }}

// pooledRender makes the handlers' c.Render render into a pooled buffer (pageContext).
func (r renderer) pooledRender(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error { return next(pageContext{Context: c, r: r}) }
}

// pageContext is the request's echo.Context whose Render renders a templ component into a
// pooled buffer, then writes it in one piece with its length. Like echo's own Render, it
// writes nothing when rendering fails, so the error becomes an error page, not half a page.
type pageContext struct {
	echo.Context
	r renderer
}

func (c pageContext) Render(code int, name string, data any) error {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledPage {
			pageBuffers.Put(buf)
		}
	}()
	if err := c.r.Render(buf, name, data, c.Context); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	c.Response().WriteHeader(code)
	_, err := c.Response().Write(buf.Bytes())
	return err
}

// renderer is echo's Renderer for templ components. echo renders into a buffer before writing,
// so a failed render still becomes an error page rather than half a page.
type renderer struct{ sessions *sessions }

func (r renderer) Render(w io.Writer, _ string, data any, c echo.Context) error {
	comp, ok := data.(templ.Component)
	if !ok {
		return fmt.Errorf("web: render %T: not a templ component", data)
	}
	if b, ok := w.(*bytes.Buffer); ok && b.Cap() == 0 {
		b.Grow(pageSizeHint) // echo's own Render (error pages): one allocation instead of doubling from 64 bytes
	}
	return comp.Render(viewctx.With(c.Request().Context(), r.page(c)), w)
}

// page gathers what every page shows from the request.
func (r renderer) page(c echo.Context) viewctx.Page {
	p := viewctx.Page{
		Lang:      langOf(c),
		Path:      c.Request().URL.RequestURI(),
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
	}
	if tok, ok := c.Get(csrfContextKey).(string); ok {
		p.CSRFToken = tok
	}
	p.Done = doneKey(c.QueryParam(viewctx.DoneParam))
	if m, ok := staff.Member(c); ok {
		p.Staff = staffUser(m)
	}
	if r.sessions != nil && r.sessions.m != nil {
		if s, ok := r.sessions.Current(c); ok {
			u := citizen.UserView(s)
			p.User = &u
		}
	}
	return p
}

// doneKey is the success banner a redirect named, when it is one: a known "done." message.
// Anything else in the parameter is ignored, so a link cannot make the portal say something.
func doneKey(key string) string {
	if strings.HasPrefix(key, "done.") && key != i18n.MsgDoneTitle && i18n.Has(key) {
		return key
	}
	return ""
}
