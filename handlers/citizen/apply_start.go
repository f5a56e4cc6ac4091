package citizen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/views/pages"
)

// startable loads the procedure and checks the citizen may apply: a procedure needing LoA2
// does not start for a LoA1 citizen (its page explains how to upgrade).
func (h *Handler) startable(c echo.Context) (catalogue.Procedure, catalogue.Version, Session, error) {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	p, err := h.Apply.Catalogue.Get(ctx, c.Param("code"))
	if err != nil {
		return catalogue.Procedure{}, catalogue.Version{}, s, err
	}
	if !acrMeets(s.ACR, p.RequiredACR) || !personalid.Valid(s.PersonalID) {
		return p, catalogue.Version{}, s, errCannotStart
	}
	v, err := h.Apply.Catalogue.Version(ctx, p.Code, p.CurrentVersion)
	if err != nil {
		return p, catalogue.Version{}, s, err
	}
	return p, v, s, nil
}

var errCannotStart = fault.New(fault.EFORBIDDEN, "proc.cannot.start", "citizen.start")

// ShowStart asks consent for exactly the attributes the procedure's form binds.
func (h *Handler) ShowStart(c echo.Context) error {
	p, v, _, err := h.startable(c)
	if err == errCannotStart {
		return c.Redirect(http.StatusSeeOther, "/procedures/"+p.Code)
	}
	if err != nil {
		return err
	}
	page := pages.StartPage{Item: procedureItem(p)}
	bindings := v.Schema.Bindings()
	for _, db := range prefill.Databases(bindings) {
		item := pages.ConsentItem{Database: db}
		for _, b := range bindings {
			if bd, ok := prefill.Lookup(b); ok && bd.Database == db && !prefill.IsParcelDetail(b) {
				item.Attributes = append(item.Attributes, b)
			}
		}
		page.Items = append(page.Items, item)
	}
	return c.Render(http.StatusOK, "", pages.StartConsent(page))
}

// StartDraft records the consent, prefills a new draft and opens its first step.
func (h *Handler) StartDraft(c echo.Context) error {
	p, v, s, err := h.startable(c)
	if err == errCannotStart {
		return c.Redirect(http.StatusSeeOther, "/procedures/"+p.Code)
	}
	if err != nil {
		return err
	}
	id, err := h.Apply.Drafts.Start(c.Request().Context(), h.Apply.Consents,
		drafts.Applicant{CitizenID: s.CitizenID, PersonalID: s.PersonalID, Name: s.Name}, p.Code, v.Version, v.Schema)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/drafts/"+id.String()+"/steps/0")
}
