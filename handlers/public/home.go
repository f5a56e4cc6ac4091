package public

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/views/pages"
)

// ShowHome shows the landing page (signed out) or a welcome (signed in).
func (h *Handler) ShowHome(c echo.Context) error {
	return c.Render(http.StatusOK, "", pages.Home())
}
