package cases

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
)

// Save writes a step's new state of the case inside tx, if the case is still at version; else
// ErrConflict. The database's trigger refuses a status change outside the life cycle.
func (s *Service) Save(ctx context.Context, tx pgx.Tx, version int, n Case) error {
	p := casedb.CaseUpdateStateParams{
		ID: n.ID, Version: version, Status: n.Status, ReceivedAt: n.ReceivedAt, DueOn: n.DueOn, PausedAt: n.PausedAt,
		PausedDays: n.PausedDays, AssignedName: n.AssignedName, Overdue: n.OverdueFlag, PaidAt: n.PaidAt,
		ResubmittedAt: n.ResubmittedAt, DraftDueAt: n.DraftDueAt,
	}
	if n.PrevStatus != 0 {
		prev := n.PrevStatus
		p.PrevStatus = &prev
	}
	if n.Outcome != "" {
		p.Outcome = &n.Outcome
	}
	if n.AssignedTo != "" {
		p.AssignedTo = &n.AssignedTo
	}
	if n.PaymentAmount > 0 {
		p.PaymentAmount = &n.PaymentAmount
	}
	if n.DraftAnswer != "" {
		p.DraftAnswer = &n.DraftAnswer
	}
	rows, err := casedb.New(tx).CaseUpdateState(ctx, p)
	if err != nil {
		return fmt.Errorf("cases: save case %s: %w", n.Code, err)
	}
	if rows != 1 {
		return ErrConflict
	}
	return nil
}
