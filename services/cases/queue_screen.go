package cases

import (
	"context"
	"errors"
	"fmt"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/database/pipeline"
)

// QueueScreen is what an officer's queue page shows from the case tables: a page of the queue,
// the agency's counts by status, and its linked work.
type QueueScreen struct {
	Page   QueuePage
	Counts map[status.Status]int // as StatusCounts
	Parts  []PartItem            // as PartsOfAgency
}

// QueueScreen reads a page as Queue does, the counts as StatusCounts does and the linked work
// as PartsOfAgency does, their three statements sent in one round trip (one implicit
// transaction) instead of three.
func (s *Service) QueueScreen(ctx context.Context, agency string, f QueueFilter, limit int) (QueueScreen, error) {
	p := pipeline.New(s.pool)
	r := s.queueStart(p, agency, f, limit)
	q := casedb.New(p)
	counts := q.CaseCountsOfAgency(ctx, []string{agency})
	parts := q.PartsOfAgency(ctx, partsOfAgencyArgs(agency))
	p.Send(ctx)

	var out QueueScreen
	errs := []error{r.read()} // the results in the order they were queued
	counts.Query(func(_ int, rows []casedb.CaseCountsOfAgencyRow, err error) {
		out.Counts = statusCounts(rows)
		errs = append(errs, err)
	})
	parts.Query(func(_ int, rows []casedb.PartsOfAgencyRow, err error) {
		out.Parts = partItems(rows)
		errs = append(errs, err)
	})
	if err := errors.Join(append(errs, p.Close())...); err != nil {
		return QueueScreen{}, fmt.Errorf("cases: queue screen %s: %w", agency, err)
	}
	out.Page = r.page()
	return out, nil
}
