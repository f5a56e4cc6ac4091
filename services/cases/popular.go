package cases

import (
	"context"
	"fmt"
)

// ProcedureUse is how many cases were submitted under one procedure.
type ProcedureUse struct {
	ProcedureCode string
	Cases         int
}

// MostUsed returns at most n procedures with the most cases submitted, most first: what the
// catalogue offers when a search finds nothing.
func (s *Service) MostUsed(ctx context.Context, n int) ([]ProcedureUse, error) {
	n = max(0, min(n, 100)) // a page's worth; and it fits the query's int4
	rows, err := s.q.MostUsedProcedures(ctx, int32(n))

	if err != nil {
		return nil, fmt.Errorf("cases: most used: %w", err)
	}
	out := make([]ProcedureUse, len(rows))
	for i, r := range rows {
		out[i] = ProcedureUse{ProcedureCode: r.ProcedureCode, Cases: int(r.Cases)}
	}
	return out, nil
}
