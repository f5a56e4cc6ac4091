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

// Queue reads an agency's cases (services/queue).
type Queue interface {
	List(ctx context.Context, agency string, f queue.Filter, limit int) (queue.Page, error)
	Counts(ctx context.Context, agency string) (map[int]int, error)
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
	pageData, err := h.Queue.List(ctx, m.AgencyCode, f, 50)
	if err != nil {
		return err
	}
	counts, err := h.Queue.Counts(ctx, m.AgencyCode)
	if err != nil {
		return err
	}
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
	if p.LinkedWork, err = h.linkedWork(ctx, m.AgencyCode, names); err != nil {
		return err
	}
	if pageData.Next != "" {
		q := c.QueryParams()
		q.Set("after", pageData.Next)
		p.NextURL = "/staff/queue?" + url.Values(q).Encode()
	}
	return c.Render(http.StatusOK, "", pages.Queue(p))
}
