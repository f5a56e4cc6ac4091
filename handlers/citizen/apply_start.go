package citizen

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/views/pages"
)

// startable loads the procedure and checks the citizen may apply: a procedure needing LoA2
// does not start for a LoA1 citizen (its page explains how to upgrade), nor does a withdrawn
// one (its page names the one that replaced it).
func (h *Handler) startable(c echo.Context) (catalogue.Procedure, catalogue.Version, Session, error) {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	p, err := h.Apply.Catalogue.Get(ctx, c.Param("code"))
	if err != nil {
		return catalogue.Procedure{}, catalogue.Version{}, s, err
	}
	if p.Open() != nil {
		return p, catalogue.Version{}, s, errCannotStart
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

// ShowStart asks consent for exactly the attributes the procedure's form binds, and, when the
// procedure says, in what capacity the citizen applies.
func (h *Handler) ShowStart(c echo.Context) error {
	p, v, _, err := h.startable(c)
	if err == errCannotStart {
		return c.Redirect(http.StatusSeeOther, "/procedures/"+p.Code)
	}
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "", pages.StartConsent(startPage(p, v, "", "")))
}

func startPage(p catalogue.Procedure, v catalogue.Version, role, roleErr string) pages.StartPage {
	page := pages.StartPage{Item: procedureItem(p), Role: role, RoleError: roleErr}
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
	if r := v.Schema.Roles; r != nil {
		page.RoleLabel = two(r.Label)
		for _, o := range r.Options {
			page.Roles = append(page.Roles, pages.RoleView{Value: o.Value, Label: two(o.Label), Reads: roleReads(o)})
		}
	}
	return page
}

// roleReads names whose data a capacity makes the portal read (i18n key).
func roleReads(r forms.Role) string {
	key := "role.reads.self"
	for _, src := range r.Parties {
		switch src {
		case forms.SourceSpouse:
			return "role.reads.spouse"
		case forms.SourceHousehold:
			key = "role.reads.household"
		}
	}
	if r.Authorised {
		return "role.reads.none"
	}
	return key
}

// StartDraft records the consent, prefills a new draft and opens its first step. A capacity
// not chosen, or one the verified data contradicts, comes back to the page with its message.
func (h *Handler) StartDraft(c echo.Context) error {
	p, v, s, err := h.startable(c)
	if err == errCannotStart {
		return c.Redirect(http.StatusSeeOther, "/procedures/"+p.Code)
	}
	if err != nil {
		return err
	}
	role := c.FormValue("role")
	id, err := h.Apply.Drafts.Start(c.Request().Context(), h.Apply.Consents,
		drafts.Applicant{CitizenID: s.CitizenID, PersonalID: s.PersonalID, Name: s.Name}, p.Code, v.Version, v.Schema, role)
	if fault.Code(err) == fault.EINVALID && v.Schema.Roles != nil {
		return c.Render(http.StatusUnprocessableEntity, "", pages.StartConsent(startPage(p, v, role, fault.Message(err))))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/drafts/"+id.String()+"/steps/0")
}
