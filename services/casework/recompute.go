package casework

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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
	rows, err := s.pool.Query(ctx, `
		SELECT c.id, c.procedure_code, c.received_at, c.paused_days, c.due_on
		FROM cases c
		WHERE c.status IN (2, 4, 5, 6, 7) AND c.received_at IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM case_apologies a WHERE a.case_id = c.id)`)
	if err != nil {
		return 0, fmt.Errorf("casework: recompute: %w", err)
	}
	type open struct {
		id         int64
		procedure  string
		receivedAt time.Time
		paused     int
		due        *time.Time
	}
	cases, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (open, error) {
		var o open
		return o, r.Scan(&o.id, &o.procedure, &o.receivedAt, &o.paused, &o.due)
	})
	if err != nil {
		return 0, fmt.Errorf("casework: recompute: %w", err)
	}
	changed := 0
	for _, o := range cases {
		days, err := s.deps.Procedures.ProcessingDays(ctx, o.procedure)
		if err != nil {
			return changed, err
		}
		due := cal.AddWorkingDays(calendar.Date(o.receivedAt), days+o.paused)
		if o.due != nil && o.due.Equal(due) {
			continue
		}
		if _, err := s.pool.Exec(ctx, `UPDATE cases SET due_on = $2 WHERE id = $1`, o.id, due); err != nil {
			return changed, fmt.Errorf("casework: recompute: %w", err)
		}
		changed++
	}
	return changed, nil
}
