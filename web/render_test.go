package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"
)

// pageOf is a component that writes marker n times.
func pageOf(marker string, n int) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		for range n {
			if _, err := io.WriteString(w, marker); err != nil {
				return err
			}
		}
		return nil
	})
}

func renderThrough(t *testing.T, comp templ.Component) (*httptest.ResponseRecorder, error) {
	t.Helper()
	e := echo.New()
	rec := httptest.NewRecorder()
	c := e.NewContext(httptest.NewRequest(http.MethodGet, "/cases", nil), rec)
	h := renderer{}.pooledRender(func(c echo.Context) error { return c.Render(http.StatusOK, "", comp) })
	return rec, h(c)
}

// TestPooledRenderWritesTheWholePage: one write with its length, and the pooled buffers never
// mix two pages, whether they are put back (small) or not (above maxPooledPage).
func TestPooledRenderWritesTheWholePage(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				marker := fmt.Sprintf("<p>page %d.%d</p>", g, i)
				n := 1 + (g*100+i)%7*300 // from one marker to past maxPooledPage
				if i%25 == 0 {
					n = maxPooledPage/len(marker) + 10
				}
				rec, err := renderThrough(t, pageOf(marker, n))
				if !assertNoError(t, err) {
					return
				}
				want := strings.Repeat(marker, n)
				if rec.Body.String() != want {
					t.Errorf("page %s: got %d bytes, want %d bytes of it alone", marker, rec.Body.Len(), len(want))
					return
				}
				if rec.Header().Get(echo.HeaderContentLength) != strconv.Itoa(len(want)) {
					t.Errorf("page %s: Content-Length %q, want %d", marker, rec.Header().Get(echo.HeaderContentLength), len(want))
				}
				if rec.Header().Get(echo.HeaderContentType) != echo.MIMETextHTMLCharsetUTF8 {
					t.Errorf("Content-Type %q", rec.Header().Get(echo.HeaderContentType))
				}
			}
		})
	}
	wg.Wait()
}

func assertNoError(t *testing.T, err error) bool {
	t.Helper()
	if err != nil {
		t.Error(err)
		return false
	}
	return true
}

// TestPooledRenderWritesNothingOnError: a component that fails half-way leaves the response
// unwritten, so the error handler can still answer with an error page.
func TestPooledRenderWritesNothingOnError(t *testing.T) {
	t.Parallel()
	failing := templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, _ = io.WriteString(w, "<p>half a page")
		return errors.New("the database went away")
	})
	rec, err := renderThrough(t, failing)
	require.Error(t, err)
	require.Empty(t, rec.Body.String())
	require.Empty(t, rec.Header().Get(echo.HeaderContentLength))
}
