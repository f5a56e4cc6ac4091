package citizen

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/views/pages"
)

// confirmed reports whether a destructive post came from its confirm page, which posts
// confirm=yes; any other post of it is sent to that page first.
func confirmed(c echo.Context) bool { return c.FormValue("confirm") == "yes" }

// ShowDeleteDraft asks "Bạn có chắc chắn?" before a draft is deleted (DeleteDraft).
func (h *Handler) ShowDeleteDraft(c echo.Context) error {
	_, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt != nil {
		return c.Redirect(http.StatusSeeOther, "/cases")
	}
	p, err := h.Apply.Catalogue.Get(c.Request().Context(), d.ProcedureCode)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "", pages.ConfirmDelete(pages.ConfirmDeletePage{
		DraftID: d.ID.String(), Item: procedureItem(p), Step: d.Step, Steps: len(d.Schema.Steps), UpdatedAt: d.UpdatedAt,
	}))
}

// ShowWithdraw asks "Bạn có chắc chắn?" before a request to withdraw the case, and why. A case
// that cannot be withdrawn now sends the citizen back to its page.
func (h *Handler) ShowWithdraw(c echo.Context) error {
	return h.renderWithdraw(c, "", "", http.StatusOK)
}

func (h *Handler) renderWithdraw(c echo.Context, reason, errKey string, status int) error {
	s, _ := h.Sessions.Current(c)
	f, err := h.Life.Files.ForCitizen(c.Request().Context(), citizenActor(s), c.Param("code"))
	if err != nil {
		return err
	}
	if !slices.Contains(f.Actions, casework.RequestWithdrawal) {
		return c.Redirect(http.StatusSeeOther, "/cases/"+f.Case.Code)
	}
	return c.Render(status, "", pages.ConfirmWithdraw(pages.ConfirmWithdrawPage{
		Code: f.Case.Code, Item: procedureItem(f.Procedure), AgencyName: two(f.Agency.Name()), Version: f.Case.Version,
		Reason: reason, Error: errKey,
	}))
}
