package staff

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Linked is what the pages of linked procedures' parts need: the part page of a linked agency's
// officer, and the parts' steps. An agency's list of linked work is read with its queue
// (Queue.Screen); a Handler without Cases shows none.
type Linked struct {
	Cases interface {
		ForPartAgency(ctx context.Context, agency, code string) (cases.Case, error)
	}
	Files interface {
		ForPartOfficer(ctx context.Context, a casework.Actor, code string) (casefile.PartFile, error)
	}
	Outcome interface { // the last part done decides the case and issues its result
		CompletePart(ctx context.Context, a casework.Actor, caseID int64, seq int, in casework.PartInput) (casework.Case, error)
	}
	Work interface {
		ReturnPart(ctx context.Context, a casework.Actor, caseID int64, seq int, in casework.PartInput) (casework.Case, error)
		ResendPart(ctx context.Context, a casework.Actor, caseID int64, seq int, in casework.PartInput) (casework.Case, error)
	}
}

// linkedWork is the agency's "Phần việc liên thông" (queue.Screen's parts): parts pending at
// it, and parts of its own cases returned to it, with the case's code, the child's name and the
// due date.
func linkedWork(items []cases.PartItem, names map[string]components.Text) []pages.PartRow {
	rows := make([]pages.PartRow, 0, len(items))
	for _, it := range items {
		r := pages.PartRow{CaseCode: it.CaseCode, Procedure: names[it.ProcedureCode], Subject: it.SubjectName,
			Part: citizen.Text(it.Name), Status: it.Status, DueOn: it.DueOn, URL: "/staff/parts/" + it.CaseCode}
		if it.Status == cases.PartReturned { // returned to this, the lead agency: it answers from its case page
			r.Note, r.URL = it.Note, "/staff/cases/"+it.CaseCode
		}
		rows = append(rows, r)
	}
	return rows
}

// ShowPart is a linked agency's page of a case whose part reached it. Opening it is an access
// to the data of everyone the case names, written to their logs.
func (h *Handler) ShowPart(c echo.Context) error {
	return h.renderPart(c, "", http.StatusOK)
}

func (h *Handler) renderPart(c echo.Context, errKey string, status int) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	f, err := h.Linked.Files.ForPartOfficer(ctx, actor(m), c.Param("code"))
	if err != nil {
		return err
	}
	k, v := f.Case, f.Form
	page := pages.StaffPartPage{Code: k.Code, Item: citizen.ProcedureItem(f.Procedure), LeadAgency: citizen.Text(f.Agency.Name()),
		Status: int(k.Status), Parties: partyViews(k.Parties), Error: errKey}
	views := citizen.PartViews(ctx, h.Catalogue, f.Procedure, k, f.Parts)
	page.Parts = views
	for _, p := range f.Mine {
		page.Mine = append(page.Mine, views[p.Seq-1])
	}
	byField := map[string]attachments.Attachment{}
	for _, fl := range f.Files {
		byField[fl.Field] = fl
	}
	source := func(f forms.Field) (string, bool) {
		switch pr := k.Provenance[f.Name]; pr.Source {
		case "population", "land", "insurance":
			return pr.Source, false
		case "self_declared":
			return "", true
		}
		return "", false
	}
	page.Sections = citizen.AnswerSections(v.Schema, k.Data, source, byField, h.Casework.Units)
	return c.Render(status, "", pages.StaffPart(page))
}

// CompletePart records that the officer's agency has done its part, with the reference of what
// it issued; the last part done decides the case.
func (h *Handler) CompletePart(c echo.Context) error {
	return h.partStep(c, func(ctx context.Context, a casework.Actor, id int64, seq int) error {
		_, err := h.Linked.Outcome.CompletePart(ctx, a, id, seq, casework.PartInput{Reference: forms.Clean(c.FormValue("reference"))})
		return err
	})
}

// ReturnPart sends the part back to the lead agency with what it must fix.
func (h *Handler) ReturnPart(c echo.Context) error {
	return h.partStep(c, func(ctx context.Context, a casework.Actor, id int64, seq int) error {
		_, err := h.Linked.Work.ReturnPart(ctx, a, id, seq, casework.PartInput{Note: forms.Clean(c.FormValue("note"))})
		return err
	})
}

// partStep runs a linked agency's step on its part of the case; a refusal comes back as a
// message on the part page.
func (h *Handler) partStep(c echo.Context, step func(ctx context.Context, a casework.Actor, caseID int64, seq int) error) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Linked.Cases.ForPartAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	seq, err := strconv.Atoi(c.Param("seq"))
	if err != nil {
		return casework.ErrNotFound
	}
	err = step(ctx, actor(m), k.ID, seq)
	switch code := fault.Code(err); {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, "/staff/parts/"+k.Code)
	case code == fault.EINVALID || code == fault.ECONFLICT:
		return h.renderPart(c, fault.Message(err), failureStatus(code))
	}
	return err
}

// ResendPart sends a part another agency returned back to it, for the case's own (lead) agency,
// with what was fixed.
func (h *Handler) ResendPart(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	seq, err := strconv.Atoi(c.Param("seq"))
	if err != nil {
		return casework.ErrNotFound
	}
	_, err = h.Linked.Work.ResendPart(ctx, actor(m), k.ID, seq, casework.PartInput{Note: forms.Clean(c.FormValue("note"))})
	switch code := fault.Code(err); {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, "/staff/cases/"+k.Code)
	case code == fault.EINVALID || code == fault.ECONFLICT:
		return h.renderCase(c, fault.Message(err), failureStatus(code))
	}
	return err
}

func failureStatus(code string) int {
	if code == fault.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}
