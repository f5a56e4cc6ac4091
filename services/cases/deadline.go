package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/status"
)

// FlagOverdue flags the cases the rule of lateness finds late today (the deadline sweep) and
// returns how many it flagged.
func (s *Service) FlagOverdue(ctx context.Context, now time.Time) (int64, error) {
	n, err := s.q.CasesFlagOverdue(ctx, status.ClockRunning.Codes(), calendar.Date(now))
	if err != nil {
		return 0, fmt.Errorf("cases: flag overdue: %w", err)
	}
	return n, nil
}

// DueRef is a running case due soon, of which its agency's officers are reminded.
type DueRef struct {
	AgencyCode    string
	ID            int64
	Code          string
	ProcedureCode string
	Status        status.Status
	DueOn         time.Time
	AssignedTo    string // "" when nobody holds it
}

// DueSoon returns the cases whose clock runs, due between today and horizon (Vietnam dates),
// not yet reminded of today, by agency then due date.
func (s *Service) DueSoon(ctx context.Context, today, horizon time.Time) ([]DueRef, error) {
	rows, err := s.q.CasesDueSoon(ctx, status.ClockRunning.Codes(), today, horizon)
	if err != nil {
		return nil, fmt.Errorf("cases: due soon: %w", err)
	}
	out := make([]DueRef, len(rows))
	for i, r := range rows {
		out[i] = DueRef{AgencyCode: r.AgencyCode, ID: r.ID, Code: r.Code, ProcedureCode: r.ProcedureCode, Status: r.Status,
			AssignedTo: r.AssignedTo}
		if r.DueOn != nil {
			out[i].DueOn = *r.DueOn
		}
	}
	return out, nil
}

// MarkReminded records that the officers were reminded of the cases today.
func (s *Service) MarkReminded(ctx context.Context, today time.Time, ids []int64) error {
	if err := s.q.CasesMarkReminded(ctx, today, ids); err != nil {
		return fmt.Errorf("cases: mark reminded: %w", err)
	}
	return nil
}

// AwaitingReceipt returns the cases still to be received whose intake window started before
// cutoff and not yet flagged as received late (status New, ID, AgencyCode, SubmittedAt and ResubmittedAt
// set).
func (s *Service) AwaitingReceipt(ctx context.Context, cutoff time.Time) ([]Case, error) {
	rows, err := s.q.CasesAwaitingReceipt(ctx, cutoff)
	if err != nil {
		return nil, fmt.Errorf("cases: awaiting receipt: %w", err)
	}
	out := make([]Case, len(rows))
	for i, r := range rows {
		out[i] = Case{ID: r.ID, AgencyCode: r.AgencyCode, Status: status.New, SubmittedAt: r.SubmittedAt, ResubmittedAt: r.ResubmittedAt}
	}
	return out, nil
}

// FlagReceiptOverdue flags the cases, still to be received, as not received in time.
func (s *Service) FlagReceiptOverdue(ctx context.Context, ids []int64) (int64, error) {
	n, err := s.q.CasesFlagReceiptOverdue(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("cases: flag receipt overdue: %w", err)
	}
	return n, nil
}

// Received is a running case whose due date counts from its receipt.
type Received struct {
	ID            int64
	ProcedureCode string
	ReceivedAt    time.Time
	PausedDays    int
	DueOn         *time.Time
}

// ToRecompute returns the running cases whose due date follows the calendar: received, and
// not promised a new date by an apology.
func (s *Service) ToRecompute(ctx context.Context) ([]Received, error) {
	rows, err := s.q.CasesToRecompute(ctx, status.Running.Codes())
	if err != nil {
		return nil, fmt.Errorf("cases: to recompute: %w", err)
	}
	out := make([]Received, 0, len(rows))
	for _, r := range rows {
		if r.ReceivedAt == nil {
			continue
		}
		out = append(out, Received{ID: r.ID, ProcedureCode: r.ProcedureCode, ReceivedAt: *r.ReceivedAt,
			PausedDays: r.PausedDays, DueOn: r.DueOn})
	}
	return out, nil
}

// SetDueOn moves a case's due date after the calendar changed.
func (s *Service) SetDueOn(ctx context.Context, id int64, due time.Time) error {
	if err := s.q.CaseSetDueOn(ctx, id, &due); err != nil {
		return fmt.Errorf("cases: set due date: %w", err)
	}
	return nil
}
