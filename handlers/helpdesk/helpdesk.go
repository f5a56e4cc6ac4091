// Package helpdesk holds the helpdesk agents' lookup page: a case by code, or a citizen's cases
// by personal ID and date of birth, masked, each lookup with a reason.
package helpdesk

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	staffh "github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// Lookups finds cases (services/helpdesk).
type Lookups interface {
	ByCode(ctx context.Context, a helpdesk.Agent, reason, note, code string) (helpdesk.CaseView, bool, error)
	ByPerson(ctx context.Context, a helpdesk.Agent, reason, note, pid string, born time.Time) ([]helpdesk.CaseView, error)
}

// Notes leaves a note for the officers and logs the access (services/helpdesk).
type Notes interface {
	AddNote(ctx context.Context, a helpdesk.Agent, code, body string) error
}

// Views keeps an agent's view of a case for the page after a note (services/helpdesk/view.go).
type Views interface {
	Keep(ctx context.Context, a helpdesk.Agent, code, reason, note string) (string, error)
	Reopen(ctx context.Context, a helpdesk.Agent, token string) (helpdesk.CaseView, helpdesk.Lookup, bool, error)
}

// Names names procedures and agencies (services/catalogue).
type Names interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
}

// Handler serves the helpdesk pages.
type Handler struct {
	Lookups Lookups
	Notes   Notes
	Views   Views
	Names   Names
}

// ShowLookup is the empty lookup form.
func (h *Handler) ShowLookup(c echo.Context) error {
	return c.Render(http.StatusOK, "", pages.Helpdesk(pages.HelpdeskPage{}))
}

// Lookup runs a lookup and shows the masked result.
func (h *Handler) Lookup(c echo.Context) error {
	m, _ := staffh.Member(c)
	ctx := c.Request().Context()
	p := pages.HelpdeskPage{Code: strings.TrimSpace(c.FormValue("code")), PID: strings.TrimSpace(c.FormValue("pid")),
		Born: forms.ReadDate(c.FormValue, "born"), Reason: c.FormValue("reason"), Note: forms.Clean(c.FormValue("note")), Searched: true}
	agent := helpdesk.Agent{Login: m.Login, Name: m.FullName}
	var found []helpdesk.CaseView
	var err error
	if p.Code != "" {
		var v helpdesk.CaseView
		var ok bool
		v, ok, err = h.Lookups.ByCode(ctx, agent, p.Reason, p.Note, p.Code)
		if ok {
			found = []helpdesk.CaseView{v}
		}
	} else {
		if p.Born != "" {
			// Three boxes (or one ISO value): a date that is not real is refused on its day box.
			if p.BornError = forms.DateProblem(p.Born); p.BornError != "" {
				return c.Render(http.StatusUnprocessableEntity, "", pages.Helpdesk(p))
			}
		}
		born, perr := time.Parse(time.DateOnly, p.Born)
		if perr != nil {
			born = time.Time{}
		}
		found, err = h.Lookups.ByPerson(ctx, agent, p.Reason, p.Note, p.PID, born)
	}
	if fault.Code(err) == fault.EINVALID {
		p.Error = fault.Message(err)
		return c.Render(http.StatusUnprocessableEntity, "", pages.Helpdesk(p))
	}
	if err != nil {
		return err
	}
	for _, v := range found {
		p.Cases = append(p.Cases, h.caseView(ctx, v))
	}
	return c.Render(http.StatusOK, "", pages.Helpdesk(p))
}

// caseView is a found case as the page shows it, with the names of its procedure and agency.
func (h *Handler) caseView(ctx context.Context, v helpdesk.CaseView) pages.HelpdeskCase {
	hc := pages.HelpdeskCase{Code: v.Code, Status: v.Status, SubmittedAt: v.SubmittedAt, Due: v.ExpectedDueOn, Overdue: v.Overdue,
		Awaited: v.Awaited, MaskedName: v.MaskedName, MaskedPID: v.MaskedPID,
		Procedure: components.Text{VI: v.ProcedureCode, EN: v.ProcedureCode}, Agency: components.Text{VI: v.AgencyCode, EN: v.AgencyCode}}
	if v.DueOn != nil {
		hc.Due, hc.DueIsLegal = *v.DueOn, true
	}
	if pr, err := h.Names.Get(ctx, v.ProcedureCode); err == nil {
		hc.Procedure = components.Text{VI: pr.NameVI, EN: pr.NameEN}
	}
	if a, err := h.Names.Agency(ctx, v.AgencyCode); err == nil {
		hc.Agency = components.Text{VI: a.NameVI, EN: a.NameEN}
	}
	for _, st := range v.Timeline {
		hc.Timeline = append(hc.Timeline, pages.TimelineItem{At: st.At, Status: st.Status})
	}
	if v.Supplement != nil {
		hc.Supplement, hc.SupplementAt = v.Supplement.Text, &v.Supplement.AskedAt
	}
	return hc
}

// AddNote leaves a helpdesk note the case's officers see, then goes back to the same case view
// with a success banner: the view is kept for the agent under a random token (with the reason
// and note of their lookup, which the note's form carries), so the address names no case. A real
// and an unknown code get the same answer, so the route cannot tell which codes exist; routes.go
// puts it under the agent's limit, with the lookups.
func (h *Handler) AddNote(c echo.Context) error {
	m, _ := staffh.Member(c)
	ctx := c.Request().Context()
	agent := helpdesk.Agent{Login: m.Login, Name: m.FullName}
	if err := h.Notes.AddNote(ctx, agent, c.Param("code"), forms.Clean(c.FormValue("note"))); err != nil {
		return err
	}
	token, err := h.Views.Keep(ctx, agent, c.Param("code"), c.FormValue("reason"), forms.Clean(c.FormValue("lookup_note")))
	if fault.Code(err) == fault.EINVALID { // a form without its lookup: the note is saved all the same
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/helpdesk", i18n.MsgDoneHelpdeskNote))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/helpdesk/views/"+token, i18n.MsgDoneHelpdeskNote))
}

// ShowView reopens a case view the agent kept (AddNote): the same case, looked up again with
// the reason they gave, and so logged again. An expired or unknown view says so over an empty
// form.
func (h *Handler) ShowView(c echo.Context) error {
	m, _ := staffh.Member(c)
	ctx := c.Request().Context()
	v, l, found, err := h.Views.Reopen(ctx, helpdesk.Agent{Login: m.Login, Name: m.FullName}, c.Param("token"))
	if err != nil {
		return err
	}
	if l.Code == "" {
		return c.Render(http.StatusOK, "", pages.Helpdesk(pages.HelpdeskPage{Error: i18n.MsgHelpdeskExpired}))
	}
	p := pages.HelpdeskPage{Code: l.Code, Reason: l.Reason, Note: l.Note, Searched: true}
	if found {
		p.Cases = []pages.HelpdeskCase{h.caseView(ctx, v)}
	}
	return c.Render(http.StatusOK, "", pages.Helpdesk(p))
}
