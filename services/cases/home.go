package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
)

// RecentCases is how many of a citizen's latest cases their home page shows.
const RecentCases = 5

// Task is a case that waits for its citizen: a supplement to answer (status.Supplement), a fee
// to pay (status.Payment), an approved result to download (status.Done), or a draft of the
// result to confirm or correct (DraftDueAt set).
type Task struct {
	Code          string
	ProcedureCode string
	Status        status.Status
	PaymentAmount int64 // VND, at status.Payment
	DueOn         time.Time
	DraftDueAt    *time.Time // a draft of the result waits for the citizen's answer until then
}

// CitizenHome is the read model of a signed-in citizen's home page: what waits for them, their
// latest cases and how many they have in all.
type CitizenHome struct {
	Tasks  []Task
	Recent []Summary // the RecentCases latest, newest first; Subject is not filled
	Total  int
}

// Home returns the citizen's home page, in one read-only repeatable-read transaction.
func (s *Service) Home(ctx context.Context, citizenID int64) (CitizenHome, error) {
	var out CitizenHome
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		q := casedb.New(tx)
		tasks, err := q.CitizenTasks(ctx, casedb.CitizenTasksParams{CitizenID: citizenID, Awaiting: status.AwaitingCitizen.Codes(),
			Done: int16(status.Done), Outcome: OutcomeApproved, Now: s.now()})
		if err != nil {
			return fmt.Errorf("tasks: %w", err)
		}
		for _, t := range tasks {
			due := t.ExpectedDueOn
			if t.DueOn != nil {
				due = *t.DueOn
			}
			task := Task{Code: t.Code, ProcedureCode: t.ProcedureCode, Status: t.Status, PaymentAmount: t.PaymentAmount, DueOn: due}
			if t.DraftToConfirm {
				task.DraftDueAt = t.DraftDueAt
			}
			out.Tasks = append(out.Tasks, task)
		}
		recent, err := q.CitizenRecentCases(ctx, calendar.Date(s.now()), citizenID, RecentCases)
		if err != nil {
			return fmt.Errorf("recent: %w", err)
		}
		for _, r := range recent {
			out.Recent = append(out.Recent, Summary{Code: r.Code, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, Status: r.Status,
				SubmittedAt: r.SubmittedAt, ExpectedDueOn: r.ExpectedDueOn, DueOn: r.DueOn, Overdue: r.IsOverdue})
		}
		n, err := q.CitizenCaseCount(ctx, citizenID)
		if err != nil {
			return fmt.Errorf("count: %w", err)
		}
		out.Total = int(n)
		return nil
	})
	if err != nil {
		return CitizenHome{}, fmt.Errorf("cases: home of citizen %d: %w", citizenID, err)
	}
	return out, nil
}
