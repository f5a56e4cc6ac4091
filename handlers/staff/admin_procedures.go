package staff

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// ShowProceduresAdmin lists every procedure, withdrawn ones too (cases filed under them still
// name them), with links to their form and their law.
func (h *Handler) ShowProceduresAdmin(c echo.Context) error {
	law, err := h.lawAdmin()
	if err != nil {
		return err
	}
	ps, err := law.List(c.Request().Context(), catalogue.Filter{Withdrawn: true})
	if err != nil {
		return err
	}
	var p pages.ProceduresAdminPage
	for _, pr := range ps {
		p.Items = append(p.Items, pages.AdminProcedure{Code: pr.Code, Name: components.Text{VI: pr.NameVI, EN: pr.NameEN},
			ProcessingDays: pr.ProcessingDays, Version: pr.CurrentVersion, Withdrawn: pr.Status == catalogue.StatusWithdrawn})
	}
	return c.Render(http.StatusOK, "", pages.ProceduresAdmin(p))
}
