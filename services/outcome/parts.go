package outcome

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/results"
)

// issueIfDecided issues the signed result of a case its step decided (9). A linked case whose
// lead agency approved its part stays in processing while the other agencies do theirs: it gets
// its result when the last part is done (CompletePart).
func (s *Service) issueIfDecided(ctx context.Context, tx pgx.Tx, c casework.Case) (results.Result, error) {
	if c.Status != status.Done {
		return results.Result{}, nil
	}
	in := s.decision(ctx, c)
	r, err := s.results.IssueTx(ctx, tx, in)
	if err != nil {
		return results.Result{}, err
	}
	if err := s.issued(ctx, tx, c, in, r); err != nil { // issued.go
		return results.Result{}, err
	}
	return r, nil
}

// CompletePart does an agency's part of a linked case (casework.CompletePartTx); when it was the
// last part, the case is decided and its signed result issued in the same transaction.
func (s *Service) CompletePart(ctx context.Context, a casework.Actor, caseID int64, seq int, in casework.PartInput) (casework.Case, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return casework.Case{}, fmt.Errorf("outcome: part: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	c, err := s.work.CompletePartTx(ctx, tx, a, caseID, seq, in)
	if err != nil {
		return casework.Case{}, err
	}
	if _, err := s.issueIfDecided(ctx, tx, c); err != nil {
		return casework.Case{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return casework.Case{}, fmt.Errorf("outcome: part: %w", err)
	}
	return c, nil
}
