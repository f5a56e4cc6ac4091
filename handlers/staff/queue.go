package staff

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Queue reads an agency's cases (services/queue): a page of them, the counts by status and the
// agency's linked work, in one round trip.
type Queue interface {
	Screen(ctx context.Context, agency string, f queue.Filter, limit int) (queue.Screen, error)
}

// Catalogue names procedures and agencies (services/catalogue).
type Catalogue interface {
	List(ctx context.Context, f catalogue.Filter) ([]catalogue.Procedure, error)
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
}

// ShowQueue is the agency's work queue: open cases by default, overdue ones first, then by due
// date; every filter is in the address, and each status's count links to its filter.
func (h *Handler) ShowQueue(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	f, err := queueFilter(c, m)
	if err != nil {
		return err
	}
	if c.QueryParam("status") == "" {
		f.Open = true // open cases unless the filter says otherwise
	}
	screen, err := h.Queue.Screen(ctx, m.AgencyCode, f, 50)
	if err != nil {
		return err
	}
	pageData, counts := screen.Page, screen.Counts
	procs, err := h.Catalogue.List(ctx, catalogue.Filter{Withdrawn: true})
	if err != nil {
		return err
	}
	names := map[string]components.Text{}
	p := pages.QueuePage{Filter: pages.QueueFilter{Procedure: f.Procedure, Status: f.Status, Open: f.Open, DueWithin: f.DueWithin,
		Overdue: f.Overdue, Mine: f.AssignedTo != "", Unassigned: f.Unassigned}}
	for _, pr := range procs {
		names[pr.Code] = components.Text{VI: pr.NameVI, EN: pr.NameEN}
		p.Procedures = append(p.Procedures, pages.ProcedureItem{Code: pr.Code, Name: names[pr.Code]})
	}
	if a, err := h.Catalogue.Agency(ctx, m.AgencyCode); err == nil {
		p.AgencyName = components.Text{VI: a.NameVI, EN: a.NameEN}
	}
	for st := 1; st <= 10; st++ {
		if n := counts[st]; n > 0 {
			p.Counts = append(p.Counts, pages.StatusCount{Status: st, Count: n})
		}
	}
	for _, it := range pageData.Items {
		p.Rows = append(p.Rows, pages.QueueRow{Code: it.Code, Procedure: names[it.ProcedureCode], ApplicantName: it.ApplicantName,
			Status: it.Status, SubmittedAt: it.SubmittedAt, Due: it.Due, DueIsLegal: it.DueIsLegal, AssignedTo: it.AssignedName, Overdue: it.Overdue, Demo: it.Demo})
	}
	if h.Linked.Cases != nil { // a portal wired without linked procedures shows none
		p.LinkedWork = linkedWork(screen.Parts, names)
	}
	if pageData.Next != "" {
		q := c.QueryParams()
		q.Set("after", pageData.Next)
		p.NextURL = "/staff/queue?" + url.Values(q).Encode()
	}
	return c.Render(http.StatusOK, "", pages.Queue(p))
}
