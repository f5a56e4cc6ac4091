package citizen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/views/pages"
)

// showWithdrawn is a repealed procedure's page: it takes no new application and names the
// procedure that replaced it. Its cases stay readable under "Hồ sơ của tôi".
func (h *Handler) showWithdrawn(c echo.Context, p catalogue.Procedure) error {
	page := pages.WithdrawnPage{Item: procedureItem(p)}
	if p.ReplacedBy != "" {
		if r, err := h.Apply.Catalogue.Get(c.Request().Context(), p.ReplacedBy); err == nil {
			item := procedureItem(r)
			page.Replacement = &item
		}
	}
	return c.Render(http.StatusOK, "", pages.Withdrawn(page))
}
