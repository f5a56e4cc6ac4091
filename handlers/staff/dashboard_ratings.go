package staff

import (
	"context"
	"math"

	"github.com/motlan/portal/services/feedback"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Feedback gives a supervisor the applicants' satisfaction ratings of their agency's cases
// (services/feedback).
type Feedback interface {
	Satisfaction(ctx context.Context, agency string) ([]feedback.ProcedureSatisfaction, error)
	LatestComments(ctx context.Context, agency string, n int) ([]feedback.Comment, error)
}

var _ Feedback = (*feedback.Service)(nil)

// latestComments is how many comments the dashboard shows.
const latestComments = 5

// dashboardRatings fills the dashboard's satisfaction section with the agency's figures only.
func (h *Handler) dashboardRatings(ctx context.Context, agency string, p *pages.DashboardPage) error {
	if h.Feedback == nil {
		return nil
	}
	sat, err := h.Feedback.Satisfaction(ctx, agency)
	if err != nil {
		return err
	}
	comments, err := h.Feedback.LatestComments(ctx, agency, latestComments)
	if err != nil {
		return err
	}
	names := map[string]components.Text{}
	name := func(code string) components.Text {
		if n, ok := names[code]; ok {
			return n
		}
		n := components.Text{VI: code, EN: code}
		if pr, err := h.Catalogue.Get(ctx, code); err == nil {
			n = components.Text{VI: pr.NameVI, EN: pr.NameEN}
		}
		names[code] = n
		return n
	}
	sec := &pages.RatingsSection{Days: feedback.SummaryWindowDays}
	for _, s := range sat {
		sec.Rows = append(sec.Rows, pages.RatingRow{Procedure: name(s.ProcedureCode), Ratings: s.Ratings,
			SatisfiedPercent: int(math.Round(s.Share() * 100))})
	}
	for _, c := range comments {
		sec.Comments = append(sec.Comments, pages.RatingComment{CaseCode: c.CaseCode, Procedure: name(c.ProcedureCode),
			Level: c.Level, Comment: c.Comment, At: c.At})
	}
	p.Ratings = sec
	return nil
}
