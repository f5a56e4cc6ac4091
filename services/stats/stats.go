// Package stats gives an agency's supervisor the figures of its casework: what came in and was
// decided this month, what is open and late now, how long decisions take, and how cases ended
// week by week. This package chooses the windows — months, weeks and days are Vietnam's (UTC+7)
// — and services/cases, the owner of the case tables, counts in them.
package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/readpool"
)

// Summary is the agency's key figures at one moment.
type Summary struct {
	Received         int             // cases received (status went from 1 to 2) this Vietnam calendar month
	InProgress       int             // running cases now (status.Running: 2, 4, 5, 6 or 7)
	Overdue          int             // running cases late now by the one rule (case_is_overdue)
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

// Service reads the figures from the owner of the case tables (services/cases); it chooses the
// windows they are counted over. It only reads.
type Service struct {
	reads readpool.Reader
	now   func() time.Time
}

// New returns the statistics service; now is the clock (time.Now when nil).
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{reads: readpool.New(pool, nil, readpool.Config{}), now: now}
}

// WithReader sends the figures' reads to r, a read replica while it is close enough behind
// (services/readpool): a supervisor's figures may be a moment old.
func (s *Service) WithReader(r readpool.Reader) *Service {
	s.reads = r
	return s
}

// caseTables is the owner of the case tables on the pool s.reads chooses for one read.
func (s *Service) caseTables(ctx context.Context) *cases.Service {
	return cases.New(s.reads.Reader(ctx), s.now, nil)
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
	f, err := s.caseTables(ctx).AgencyFigures(ctx, agency, cases.FiguresPeriod{From: from, To: to, Today: calendar.Date(now),
		MeansSince: now.AddDate(0, 0, -MeanWindowDays)})
	if err != nil {
		return Summary{}, fmt.Errorf("stats: summary %s: %w", agency, err)
	}
	sum := Summary{Received: f.Received, InProgress: f.InProgress, Overdue: f.Overdue, DecidedThisMonth: f.Decided,
		MeanDays: make([]ProcedureMean, len(f.Means))}
	if f.Decided > 0 {
		sum.OnTimeRate = float64(f.DecidedOnTime) / float64(f.Decided)
	}
	for i, m := range f.Means {
		sum.MeanDays[i] = ProcedureMean(m)
	}
	return sum, nil
}
