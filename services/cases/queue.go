package cases

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/status"
)

// QueueFilter narrows an agency's queue. Zero values mean "any".
type QueueFilter struct {
	Procedure  string
	Status     status.Status
	Open       bool // only open cases (status.Open: not finished)
	DueWithin  int  // open cases due within this many days of today (Vietnam date)
	Overdue    bool // only the cases late by the one rule (Case.Overdue)
	AssignedTo string
	Unassigned bool
	After      *QueueKey // the key of the previous page's last row
}

// QueueKey is a row's place in the queue's order, the keyset a page starts after: overdue
// cases first, then by due date, then id.
type QueueKey struct {
	Late bool      // the row is overdue (case_is_overdue today)
	Due  time.Time // a date as pgx reads one
	ID   int64
}

// QueueItem is one case as the queue shows it.
type QueueItem struct {
	ID            int64
	Code          string
	ProcedureCode string
	ApplicantName string
	ApplicantPID  string // whose name the row shows: an export logs the read in their data-access log
	Status        status.Status
	SubmittedAt   time.Time
	Due           time.Time // the legal due date once received, else the promised one
	DueIsLegal    bool
	AssignedTo    string
	AssignedName  string // whom the page names: the officer's name, never their login
	Overdue       bool   // case_is_overdue today
	Version       int
	Demo          bool // a made-up case of the demo history (portal seed demo)
}

// QueuePage is one page of the queue.
type QueuePage struct {
	Items []QueueItem
	Next  *QueueKey // nil on the last page
}

// A page of the queue holds at most MaxQueuePage cases; a limit outside 1..MaxQueuePage gets
// DefaultQueuePage.
const (
	MaxQueuePage     = 200
	DefaultQueuePage = 50
)

// Queue returns one page of the agency's cases, overdue ones first (the one rule of lateness,
// today), then by due date, then id, every filter applied. The SQL is built here rather than by
// sqlc: each optional filter is left out when unused, so the planner reads the agency's rows
// through cases_queue_idx (agency, sort_due, id) — or cases_queue_status_idx when a status is
// chosen — and pages by keyset on (lateness, due date, id), never by offset.
func (s *Service) Queue(ctx context.Context, agency string, f QueueFilter, limit int) (QueuePage, error) {
	if limit <= 0 || limit > MaxQueuePage {
		limit = DefaultQueuePage
	}
	today := calendar.Date(s.now())
	args := []any{agency, today}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	where := []string{"agency_code = $1"}
	const late = "case_is_overdue(overdue, status, due_on, paused_at, $2::date)"
	if f.Procedure != "" {
		where = append(where, "procedure_code = "+arg(f.Procedure))
	}
	if f.Status != 0 {
		where = append(where, "status = "+arg(int16(f.Status)))
	}
	if f.Open {
		where = append(where, "status = ANY("+arg(status.Open.Codes())+"::smallint[])")
	}
	if f.DueWithin > 0 {
		where = append(where, "sort_due <= "+arg(today.AddDate(0, 0, f.DueWithin))+"::date",
			"status = ANY("+arg(status.Open.Codes())+"::smallint[])")
	}
	if f.Overdue {
		where = append(where, late)
	}
	if f.AssignedTo != "" {
		where = append(where, "assigned_to = "+arg(f.AssignedTo))
	}
	if f.Unassigned {
		where = append(where, "assigned_to IS NULL")
	}
	if f.After != nil {
		where = append(where, "(NOT "+late+", sort_due, id) > ("+arg(!f.After.Late)+"::boolean, "+arg(f.After.Due)+"::date, "+arg(f.After.ID)+"::bigint)")
	}
	q := `SELECT id, code, procedure_code, applicant_name, applicant_pid, status, submitted_at, sort_due, due_on IS NOT NULL,
		coalesce(assigned_to, ''), assigned_name, ` + late + `, version, demo
		FROM cases WHERE ` + strings.Join(where, " AND ") + ` ORDER BY NOT ` + late + `, sort_due, id LIMIT ` + arg(limit+1)
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return QueuePage{}, fmt.Errorf("cases: queue %s: %w", agency, err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (QueueItem, error) {
		var it QueueItem
		err := r.Scan(&it.ID, &it.Code, &it.ProcedureCode, &it.ApplicantName, &it.ApplicantPID, &it.Status, &it.SubmittedAt, &it.Due,
			&it.DueIsLegal, &it.AssignedTo, &it.AssignedName, &it.Overdue, &it.Version, &it.Demo)
		return it, err
	})
	if err != nil {
		return QueuePage{}, fmt.Errorf("cases: queue %s: %w", agency, err)
	}
	p := QueuePage{Items: items}
	if len(items) > limit {
		p.Items = items[:limit]
		last := p.Items[limit-1]
		p.Next = &QueueKey{Late: last.Overdue, Due: last.Due, ID: last.ID}
	}
	return p, nil
}

// StatusCounts returns how many of the agency's cases are in each status; a status with none is
// absent. It reads the counts the database keeps exact, so it costs a handful of rows however
// large the agency.
func (s *Service) StatusCounts(ctx context.Context, agency string) (map[status.Status]int, error) {
	rows, err := s.q.CaseCountsOfAgency(ctx, agency)
	if err != nil {
		return nil, fmt.Errorf("cases: status counts %s: %w", agency, err)
	}
	out := make(map[status.Status]int, len(rows))
	for _, r := range rows {
		out[r.Status] = int(r.N)
	}
	return out, nil
}
