package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/layouts"
	"github.com/motlan/portal/views/viewctx"
)

// TestSuccessBanner: a redirect that names a known "done." message opens the next page with
// GOV.UK's success banner saying it; any other value of the parameter shows nothing.
func TestSuccessBanner(t *testing.T) {
	t.Parallel()
	e := echo.New()
	render := func(target string) string {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		c := e.NewContext(req, httptest.NewRecorder())
		var b strings.Builder
		require.NoError(t, layouts.Base("x").Render(viewctx.With(context.Background(), renderer{}.page(c)), &b))
		return b.String()
	}
	require.Equal(t, "/cases?ok=done.saved", viewctx.DoneURL("/cases", i18n.MsgDoneSaved))
	require.Equal(t, "/cases?q=1&ok=done.saved", viewctx.DoneURL("/cases?q=1", i18n.MsgDoneSaved))

	page := render(viewctx.DoneURL("/cases", i18n.MsgDoneSaved))
	require.Contains(t, page, `data-testid="success-banner"`)
	require.Contains(t, page, "Đã lưu thay đổi.")

	for _, bad := range []string{"/cases", "/cases?ok=done.unknown", "/cases?ok=error.invalid", "/cases?ok=done.title", "/cases?ok=%3Cscript%3E"} {
		require.NotContains(t, render(bad), "success-banner", bad)
	}
}
