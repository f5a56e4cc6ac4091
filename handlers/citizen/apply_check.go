package citizen

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/routing"
	"github.com/motlan/portal/views/pages"
)

// ShowCheck is "check your answers".
func (h *Handler) ShowCheck(c echo.Context) error {
	s, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt != nil {
		return h.toReceipt(c, s, d)
	}
	if p := d.Check(h.rules()); p.Step >= 0 {
		return c.Redirect(http.StatusSeeOther, "/drafts/"+d.ID.String()+"/steps/"+strconv.Itoa(p.Step))
	}
	return h.renderCheck(c, s, d, "", http.StatusOK)
}

func (h *Handler) renderCheck(c echo.Context, s Session, d drafts.Draft, errKey string, status int) error {
	return h.renderCheckPage(c, s, d, errKey, "", status)
}

// renderCheckError shows the check page with an error whose link goes to the field to change.
func (h *Handler) renderCheckError(c echo.Context, s Session, d drafts.Draft, errKey, href string) error {
	return h.renderCheckPage(c, s, d, errKey, href, http.StatusUnprocessableEntity)
}

func (h *Handler) renderCheckPage(c echo.Context, s Session, d drafts.Draft, errKey, href string, status int) error {
	ctx := c.Request().Context()
	p, err := h.Apply.Catalogue.Get(ctx, d.ProcedureCode)
	if err != nil {
		return err
	}
	files, err := h.Apply.Attachments.ForDraft(ctx, d.CitizenID, d.ID)
	if err != nil {
		return err
	}
	parcels := map[string]string{}
	for _, o := range d.Prefill.Parcels {
		parcels[o.RecordID] = o.Label
	}
	source := func(f forms.Field) (string, bool) {
		if filled, ok := d.Prefill.Fields[f.Name]; ok && filled.Locked {
			return filled.Database, false
		}
		return "", d.SelfDeclared(f)
	}
	held, err := h.heldAnswers(ctx, s.PersonalID, d.Answers) // apply_held.go
	if err != nil {
		return err
	}
	page := pages.CheckPage{
		DraftID: d.ID.String(), Item: procedureItem(p), Declaration: two(d.Schema.Declaration), Error: errKey, ErrorHref: href,
		InPerson: two(p.Details.InPerson),
		Sections: answerSections(d.Schema, d.Answers, source, files, parcels, held, h.Apply.Units),
	}
	if route, err := h.routeDraft(c, d); err == nil {
		page.AgencyName, page.RouteReason = two(route.Agency.Name()), two(route.Reason)
	}
	page.Parties = partyViews(cases.PartiesOf(d, drafts.Applicant{PersonalID: s.PersonalID, Name: s.Name}))
	return c.Render(status, "", pages.Check(page))
}

// SubmitDraft submits once: a double click, a retry or a second tab land on the same receipt.
func (h *Handler) SubmitDraft(c echo.Context) error {
	s, d, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if d.SubmittedAt == nil {
		// A held document chosen may have left the store since: refused, the draft kept as it is.
		href, err := h.heldGone(c.Request().Context(), s.PersonalID, d) // apply_held.go
		if err != nil {
			return err
		}
		if href != "" {
			return h.renderCheckError(c, s, d, MsgHeldGone, href)
		}
	}
	a := drafts.Applicant{CitizenID: s.CitizenID, PersonalID: s.PersonalID, Name: s.Name}
	cs, err := h.Apply.Submitter.SubmitDraft(c.Request().Context(), a, d, c.FormValue("declaration") == "yes", h.rules())
	var incomplete cases.ErrIncomplete
	switch {
	case errors.As(err, &incomplete):
		return c.Redirect(http.StatusSeeOther, "/drafts/"+d.ID.String()+"/steps/"+strconv.Itoa(incomplete.Problem.Step))
	case fault.Code(err) == fault.EINVALID:
		return h.renderCheck(c, s, d, fault.Message(err), http.StatusUnprocessableEntity)
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/cases/"+cs.Code+"/receipt")
}

// toReceipt sends the citizen of a submitted draft to its case's receipt; it only reads.
func (h *Handler) toReceipt(c echo.Context, s Session, d drafts.Draft) error {
	cs, err := h.Apply.Cases.ForDraft(c.Request().Context(), s.CitizenID, d.ID)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/cases/"+cs.Code+"/receipt")
}

// routeDraft finds the agency the draft will go to and why, for the check page.
func (h *Handler) routeDraft(c echo.Context, d drafts.Draft) (routing.Decision, error) {
	ctx := c.Request().Context()
	p, err := h.Apply.Catalogue.Get(ctx, d.ProcedureCode)
	if err != nil {
		return routing.Decision{}, err
	}
	return routing.Decide(ctx, h.Apply.Catalogue, p, d.Schema, d.Answers, d.Prefill.Parcels)
}
