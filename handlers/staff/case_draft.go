package staff

import (
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/pages"
)

// draftView is the draft of the case's result on the officer's page: they may read it before
// sending it, and send it (again, after a correction) while processing.
func (h *Handler) draftView(f casefile.OfficerFile) pages.DraftView {
	pdf := ""
	if h.Casework.Drafts != nil && f.Draft.State != casework.DraftNotNeeded && status.Open.Has(f.Case.Status) {
		pdf = "/staff/cases/" + f.Case.Code + "/draft.pdf"
	}
	return citizen.DraftView(f.Case.Status, f.Draft, f.Events, pdf, slices.Contains(f.Actions, casework.SendDraft))
}

// DraftPDF shows an officer of the case's agency the draft of its result, as the applicant
// receives it to confirm.
func (h *Handler) DraftPDF(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	if _, needed := casework.NeedsConfirmation(k.ProcedureCode); !needed || h.Casework.Drafts == nil || !status.Open.Has(k.Status) {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.draft")
	}
	pdf, err := h.Casework.Drafts.PreviewCase(ctx, k)
	if err != nil {
		return err
	}
	return citizen.SendDraft(c, k.Code, pdf)
}
