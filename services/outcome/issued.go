package outcome

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/results"
)

// IssuedHook runs inside the transaction that issues a case's result, after the result is
// stored: in is what the result shows (its document's name in in.Body.Name, its issuer in
// in.Letterhead), r the result as stored. An error undoes the approval with the result.
type IssuedHook func(ctx context.Context, tx pgx.Tx, c cases.Case, in results.Issue, r results.Result) error

// OnIssued adds a hook every issued result runs (the citizen's document store,
// services/documents); call it while wiring, before serving.
func (s *Service) OnIssued(h IssuedHook) { s.onIssued = append(s.onIssued, h) }

// issued runs the hooks of a result just issued.
func (s *Service) issued(ctx context.Context, tx pgx.Tx, c cases.Case, in results.Issue, r results.Result) error {
	for _, h := range s.onIssued {
		if err := h(ctx, tx, c, in, r); err != nil {
			return err
		}
	}
	return nil
}
