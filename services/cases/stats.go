package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
)

// FiguresPeriod is what AgencyFigures counts over; the caller chooses the windows (services/stats
// takes the Vietnam calendar month and the last 90 days).
type FiguresPeriod struct {
	From, To   time.Time // receptions and decisions in [From, To)
	Today      time.Time // the Vietnam date lateness is judged on
	MeansSince time.Time // decisions since then make the mean times
}

// Figures are an agency's key figures, read in one snapshot so that they agree.
type Figures struct {
	Received      int             // cases received in the period (New → Received; not a return after a refused withdrawal)
	InProgress    int             // running cases now (status.Running)
	Overdue       int             // running cases late today (case_is_overdue, Case.Overdue)
	Decided       int             // cases first decided (Done) in the period
	DecidedOnTime int             // of Decided, those decided on or before their due date, in Vietnam
	Means         []ProcedureMean // per procedure, by code, over the decisions since MeansSince
}

// ProcedureMean is the mean processing time of one procedure's decided cases.
type ProcedureMean struct {
	ProcedureCode string
	Cases         int
	MeanDays      float64 // from received_at to the decision, in days of 24 hours
}

// AgencyFigures returns the agency's figures over p, in one read-only repeatable-read
// transaction.
func (s *Service) AgencyFigures(ctx context.Context, agency string, p FiguresPeriod) (Figures, error) {
	var out Figures
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		q := casedb.New(tx)
		c, err := q.AgencyCaseFigures(ctx, casedb.AgencyCaseFiguresParams{Agency: agency, FromAt: p.From, ToAt: p.To,
			Today: p.Today, Running: status.Running.Codes()})
		if err != nil {
			return fmt.Errorf("counts: %w", err)
		}
		out.Received, out.InProgress, out.Overdue = int(c.Received), int(c.InProgress), int(c.Overdue)
		d, err := q.AgencyDecisions(ctx, agency, p.From, p.To)
		if err != nil {
			return fmt.Errorf("decisions: %w", err)
		}
		out.Decided, out.DecidedOnTime = int(d.Decided), int(d.OnTime)
		means, err := q.AgencyMeanDays(ctx, agency, p.MeansSince)
		if err != nil {
			return fmt.Errorf("mean days: %w", err)
		}
		out.Means = make([]ProcedureMean, len(means))
		for i, m := range means {
			out.Means[i] = ProcedureMean{ProcedureCode: m.ProcedureCode, Cases: int(m.Cases), MeanDays: m.MeanDays}
		}
		return nil
	})
	if err != nil {
		return Figures{}, fmt.Errorf("cases: figures %s: %w", agency, err)
	}
	return out, nil
}

// WeekEndings counts the cases of an agency that finished in one week.
type WeekEndings struct {
	Start    time.Time // the Monday, a Vietnam date as pgx reads one (00:00 UTC)
	Approved int       // decided (Done) and approved
	Refused  int       // decided and refused
	Other    int       // refused at intake, stopped or withdrawn; or decided without an outcome
}

// EndingsByWeek returns the Vietnam weeks of [from, to) in which some of the agency's cases
// finished, oldest first; a week where none did is absent. A case finishes when it enters
// status.Finished, so a delivery after the decision is not counted again.
func (s *Service) EndingsByWeek(ctx context.Context, agency string, from, to time.Time) ([]WeekEndings, error) {
	rows, err := s.q.AgencyEndingsByWeek(ctx, casedb.AgencyEndingsByWeekParams{Agency: agency,
		Finished: status.Finished.Codes(), FromAt: from, ToAt: to})
	if err != nil {
		return nil, fmt.Errorf("cases: endings by week %s: %w", agency, err)
	}
	out := make([]WeekEndings, len(rows))
	for i, r := range rows {
		out[i] = WeekEndings{Start: r.Week, Approved: int(r.Approved), Refused: int(r.Refused), Other: int(r.Other)}
	}
	return out, nil
}
