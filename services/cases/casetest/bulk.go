package casetest

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/status"
)

// CopyCases COPYs n cases into the table, row(i) giving the i-th, then ANALYZEs cases: a large
// history in seconds (cmd/bench). Every column a Spec fills is copied; the specs must have their
// DraftID (the drafts' rows must exist) and no Events: COPY writes no timeline.
func CopyCases(ctx context.Context, db DB, n int, row func(i int) Spec) (int64, error) {
	names := make([]string, len(caseColumns))
	for i, c := range caseColumns {
		names[i] = c.name
	}
	i := 0
	copied, err := db.CopyFrom(ctx, pgx.Identifier{"cases"}, names, pgx.CopyFromFunc(func() ([]any, error) {
		if i >= n {
			return nil, nil
		}
		s, err := row(i).withDefaults()
		if err != nil {
			return nil, err
		}
		if s.DraftID == uuid.Nil || len(s.Events) > 0 {
			return nil, fmt.Errorf("casetest: case %d of the COPY: a DraftID is needed and Events cannot be copied", i)
		}
		i++
		values := make([]any, len(caseColumns))
		for k, c := range caseColumns {
			values[k] = c.value(&s)
		}
		return values, nil
	}))
	if err != nil {
		return copied, fmt.Errorf("casetest: copy cases: %w", err)
	}
	if _, err := db.Exec(ctx, `ANALYZE cases`); err != nil {
		return copied, fmt.Errorf("casetest: analyze cases: %w", err)
	}
	return copied, nil
}

// Submitted is what the case tables hold of the submissions of a set of drafts.
type Submitted struct {
	Cases    int      // cases of these drafts
	Drafts   int      // distinct drafts among them: Cases - Drafts is the number of duplicates
	NotNew   int      // cases of them not in status 1, where a submission leaves them
	Agencies []string // the agencies they went to, sorted
}

// Duplicates is the number of cases beyond the first of their draft.
func (s Submitted) Duplicates() int { return s.Cases - s.Drafts }

// SubmissionCheck counts the cases of the drafts draftIDs: the check of a benchmark that
// submitted them, for lost and duplicated cases.
func SubmissionCheck(ctx context.Context, db DB, draftIDs []uuid.UUID) (Submitted, error) {
	var s Submitted
	err := db.QueryRow(ctx, `
		SELECT count(*), count(DISTINCT draft_id), count(*) FILTER (WHERE status <> $2),
			coalesce(array_agg(DISTINCT agency_code ORDER BY agency_code), '{}')
		FROM cases WHERE draft_id = ANY($1)`, draftIDs, int16(status.New)).
		Scan(&s.Cases, &s.Drafts, &s.NotNew, &s.Agencies)
	if err != nil {
		return s, fmt.Errorf("casetest: submission check: %w", err)
	}
	return s, nil
}
