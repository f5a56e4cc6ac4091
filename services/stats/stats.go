// Package stats gives an agency's supervisor the figures of its casework: what came in and was
// decided this month, what is open and late now, how long decisions take, and how cases ended
// week by week. "Reached status X at T" is read from the case timeline (case_events), the
// present state from cases; months, weeks and days are Vietnam's (UTC+7).
package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
)

// Summary is the agency's key figures at one moment.
type Summary struct {
	Received         int             // cases received (status went to 2) this Vietnam calendar month
	InProgress       int             // open cases now: status 2, 4, 5, 6 or 7
	Overdue          int             // open cases past their due date now (flagged, or due before today and not paused)
	DecidedThisMonth int             // cases that reached status 9 this month
	OnTimeRate       float64         // share of DecidedThisMonth decided on or before due_on, 0..1; 0 when none
	MeanDays         []ProcedureMean // per procedure, over the cases decided in the last MeanWindowDays days
}

// ProcedureMean is the mean processing time of one procedure's decided cases.
type ProcedureMean struct {
	ProcedureCode string
	Cases         int
	MeanDays      float64 // from received_at to the decision, in days of 24 hours
}

// MeanWindowDays is how far back Summary.MeanDays looks for decisions.
const MeanWindowDays = 90

// Service reads the figures.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the statistics service; now is the clock (time.Now when nil).
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now}
}

// vnDate is the SQL for the Vietnam civil date of a timestamptz column, whatever the session's
// time zone (a fixed +7 hours, as services/calendar reasons).
func vnDate(col string) string {
	return "((" + col + " AT TIME ZONE 'UTC') + interval '7 hours')::date"
}

// monthBounds returns the first instant of now's Vietnam month and of the next one.
func monthBounds(now time.Time) (time.Time, time.Time) {
	t := now.In(calendar.Vietnam())
	start := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, calendar.Vietnam())
	return start, start.AddDate(0, 1, 0)
}

// Summary returns the agency's key figures. All of them are read in one snapshot, so they agree.
func (s *Service) Summary(ctx context.Context, agency string) (Summary, error) {
	now := s.now()
	from, to := monthBounds(now)
	var sum Summary
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := counts(ctx, tx, agency, from, to, calendar.Date(now), &sum); err != nil {
			return err
		}
		if err := decided(ctx, tx, agency, from, to, &sum); err != nil {
			return err
		}
		means, err := meanDays(ctx, tx, agency, now.AddDate(0, 0, -MeanWindowDays))
		sum.MeanDays = means
		return err
	})
	if err != nil {
		return Summary{}, fmt.Errorf("stats: summary %s: %w", agency, err)
	}
	return sum, nil
}

// counts fills the cases received in [from, to) and those open and overdue on today.
// A case back at 2 from a refused withdrawal (7 → 2) was received before, not again.
func counts(ctx context.Context, tx pgx.Tx, agency string, from, to, today time.Time, sum *Summary) error {
	err := tx.QueryRow(ctx, `
		SELECT
			(SELECT count(DISTINCT e.case_id) FROM case_events e JOIN cases c ON c.id = e.case_id
				WHERE c.agency_code = $1 AND e.to_status = 2 AND coalesce(e.from_status, 0) NOT IN (2, 7)
				AND e.at >= $2 AND e.at < $3),
			count(*) FILTER (WHERE status IN (2, 4, 5, 6, 7)),
			count(*) FILTER (WHERE status IN (2, 4, 5, 6, 7)
				AND (overdue OR (due_on < $4 AND status <> 5 AND paused_at IS NULL)))
		FROM cases WHERE agency_code = $1`,
		agency, from, to, today).Scan(&sum.Received, &sum.InProgress, &sum.Overdue)
	if err != nil {
		return fmt.Errorf("counts: %w", err)
	}
	return nil
}

// decided fills the decisions of [from, to) and the share of them made by the due date.
func decided(ctx context.Context, tx pgx.Tx, agency string, from, to time.Time, sum *Summary) error {
	var onTime int
	err := tx.QueryRow(ctx, `
		SELECT count(*), count(*) FILTER (WHERE `+vnDate("d.at")+` <= d.due_on)
		FROM (SELECT DISTINCT ON (e.case_id) e.at, c.due_on
			FROM case_events e JOIN cases c ON c.id = e.case_id
			WHERE c.agency_code = $1 AND e.to_status = 9 AND e.from_status IS DISTINCT FROM 9
				AND e.at >= $2 AND e.at < $3
			ORDER BY e.case_id, e.at) d`,
		agency, from, to).Scan(&sum.DecidedThisMonth, &onTime)
	if err != nil {
		return fmt.Errorf("decided: %w", err)
	}
	if sum.DecidedThisMonth > 0 {
		sum.OnTimeRate = float64(onTime) / float64(sum.DecidedThisMonth)
	}
	return nil
}

// meanDays returns, per procedure, the mean time from reception to decision of the cases
// decided since since.
func meanDays(ctx context.Context, tx pgx.Tx, agency string, since time.Time) ([]ProcedureMean, error) {
	rows, err := tx.Query(ctx, `
		SELECT c.procedure_code, count(*), avg(extract(epoch FROM d.at - c.received_at) / 86400)::float8
		FROM (SELECT DISTINCT ON (e.case_id) e.case_id, e.at
			FROM case_events e JOIN cases c ON c.id = e.case_id
			WHERE c.agency_code = $1 AND e.to_status = 9 AND e.from_status IS DISTINCT FROM 9 AND e.at >= $2
			ORDER BY e.case_id, e.at) d
		JOIN cases c ON c.id = d.case_id
		WHERE c.received_at IS NOT NULL
		GROUP BY c.procedure_code
		ORDER BY c.procedure_code`, agency, since)
	if err != nil {
		return nil, fmt.Errorf("mean days: %w", err)
	}
	means, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ProcedureMean, error) {
		var m ProcedureMean
		err := r.Scan(&m.ProcedureCode, &m.Cases, &m.MeanDays)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("mean days: %w", err)
	}
	return means, nil
}
