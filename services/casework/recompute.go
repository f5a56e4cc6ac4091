package casework

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/calendar"
)

// RecomputeDueDates recounts the due date of every open, received case over the current
// calendar, after an administrator changed it: the legal time from receipt, plus the working days
// the clock was paused. A case whose citizen got an apology keeps the new date it was promised,
// as the law allows only that one new date.
func (s *Service) RecomputeDueDates(ctx context.Context) (int, error) {
	cal, err := s.deps.Calendars.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	open, err := s.cases.ToRecompute(ctx)
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, o := range open {
		days, err := s.deps.Procedures.ProcessingDays(ctx, o.ProcedureCode)
		if err != nil {
			return changed, err
		}
		due := cal.AddWorkingDays(calendar.Date(o.ReceivedAt), days+o.PausedDays)
		if o.DueOn != nil && o.DueOn.Equal(due) {
			continue
		}
		if err := s.cases.SetDueOn(ctx, o.ID, due); err != nil {
			return changed, fmt.Errorf("casework: recompute: %w", err)
		}
		changed++
	}
	return changed, nil
}
