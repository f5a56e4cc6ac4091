package cases

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/database/pipeline"
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
// today), then by due date, then id, every filter applied, paged by keyset on (lateness, due
// date, id), never by offset. Lateness depends on today, so no index holds that order; a case's
// queue lane (migration 00033) does not, and a page is read as at most three index-ordered ranges
// of cases_queue_lane_idx (agency, lane, sort_due, id) for the late part, then, when the page is
// not full, up to four for the part on time, each range stopping after a page, all in one
// statement (queuePageSQL): a page costs about what the first one does, however large the
// agency. The SQL is built here rather than by sqlc: each optional filter is left out when unused.
func (s *Service) Queue(ctx context.Context, agency string, f QueueFilter, limit int) (QueuePage, error) {
	p := pipeline.New(s.pool)
	r := s.queueStart(p, agency, f, limit)
	p.Send(ctx)
	err := r.read()
	if err := errors.Join(err, p.Close()); err != nil {
		return QueuePage{}, fmt.Errorf("cases: queue %s: %w", agency, err)
	}
	return r.page(), nil
}

// queueRead is a page of the queue being read: queueStart queues its statement on a pipeline,
// where the caller may queue more (QueueScreen); once it is sent, read reads the statement's
// rows, the first of the pipeline's results, and page cuts them at the limit.
type queueRead struct {
	limit int
	set   pgx.BatchResults // SET and RESET of plan_cache_mode around the page's statement (genericPlan), if any
	reset pgx.BatchResults
	stmt  pgx.BatchResults // the page's statement; nil when no lane can match the filter
	items []QueueItem
}

// queueStart queues the statement of a page (queuePageSQL).
func (s *Service) queueStart(p *pipeline.Pipeline, agency string, f QueueFilter, limit int) *queueRead {
	if limit <= 0 || limit > MaxQueuePage {
		limit = DefaultQueuePage
	}
	r := &queueRead{limit: limit}
	q, args := queuePageSQL(agency, f, calendar.Date(s.now()), limit+1)
	if q == "" {
		return r
	}
	generic := genericPlan(f)
	if generic {
		r.set = p.Queue(setGenericPlan)
	}
	r.stmt = p.Queue(q, args...)
	if generic {
		r.reset = p.Queue(resetPlanMode)
	}
	return r
}

// genericPlan reports whether a page of f is read with the generic plan of its statement. A
// page's statement is prepared once per connection; PostgreSQL plans it anew on each execution
// (a custom plan) when it estimates a plan made for the parameters' values cheaper, which it does
// for the queue's statements, and planning a page's ranges cost it several times what reading
// them does. When the filter narrows the ranges by nothing but the index's own columns (the
// agency, the lane, the due date and id, a cursor; open cases, whose statuses are the lanes'),
// every plan reads the ranges through cases_queue_lane_idx, and the generic one is as good as any
// (TestQueueReadsAPage EXPLAINs it). A filter on another column keeps custom plans: its
// selectivity may change which index is best.
func genericPlan(f QueueFilter) bool {
	return f.Procedure == "" && f.Status == 0 && f.DueWithin == 0 && f.AssignedTo == "" && !f.Unassigned
}

// The statements around a page's that make it use its generic plan. The SET is undone by the
// RESET, or by the implicit transaction of the batch aborting when a statement fails: a
// connection goes back to its pool as it came.
const (
	setGenericPlan = "SET plan_cache_mode = force_generic_plan"
	resetPlanMode  = "RESET plan_cache_mode"
)

// read reads the results of what queueStart queued, the next ones of its pipeline: the page's rows.
func (r *queueRead) read() error {
	if r.stmt == nil {
		return nil
	}
	if r.set != nil {
		if _, err := r.set.Exec(); err != nil {
			return err
		}
	}
	rows, err := r.stmt.Query()
	if err != nil {
		return err
	}
	r.items, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (QueueItem, error) {
		var it QueueItem
		err := row.Scan(&it.ID, &it.Code, &it.ProcedureCode, &it.ApplicantName, &it.ApplicantPID, &it.Status, &it.SubmittedAt, &it.Due,
			&it.DueIsLegal, &it.AssignedTo, &it.AssignedName, &it.Overdue, &it.Version, &it.Demo)
		return it, err
	})
	if err != nil || r.reset == nil {
		return err
	}
	_, err = r.reset.Exec()
	return err
}

// page is the page read, cut at its limit, with the key of its last row when more follow.
func (r *queueRead) page() QueuePage {
	p := QueuePage{Items: r.items}
	if len(r.items) > r.limit {
		p.Items = r.items[:r.limit]
		last := p.Items[r.limit-1]
		p.Next = &QueueKey{Late: last.Overdue, Due: last.Due, ID: last.ID}
	}
	return p
}

// Queue lanes (migration 00033, cases.queue_lane): where a case sorts in the queue, whatever
// today is. Late today: lanes laneOpenFlagged and laneFinishedFlagged, and laneClock before
// today; on time: laneClock from today, laneOpenOther, laneFinished and laneClockNoDue.
const (
	laneOpenFlagged     = 0 // open, flagged late
	laneClock           = 1 // open, unflagged, clock running, not paused, with a legal due date
	laneOpenOther       = 2 // open, never late: new, awaiting a supplement, paused
	laneFinishedFlagged = 3 // finished, flagged late
	laneFinished        = 4 // finished, unflagged
	laneClockNoDue      = 5 // as laneClock without a legal due date (none should be)
)

// queueRange is one index range of a queue part: a lane, the statuses its cases can have, and
// for laneClock the side of today.
type queueRange struct {
	lane     int
	statuses status.Group
	bound    string // a condition on sort_due against today ($2), or ""
}

// queueParts are the ranges of the late part (true) and of the part on time.
var queueParts = map[bool][]queueRange{
	true: {
		{lane: laneOpenFlagged, statuses: status.Open},
		{lane: laneClock, statuses: status.ClockRunning, bound: "sort_due < $2::date"},
		{lane: laneFinishedFlagged, statuses: status.Finished},
	},
	false: {
		{lane: laneClock, statuses: status.ClockRunning, bound: "sort_due >= $2::date"},
		{lane: laneOpenOther, statuses: status.Group{status.New, status.Supplement, status.Withdrawal}},
		{lane: laneFinished, statuses: status.Finished},
		{lane: laneClockNoDue, statuses: status.ClockRunning},
	},
}

// wanted reports whether the filter can match a case of r's lane, so that no range is read
// only to find that none of its cases passes.
func (r queueRange) wanted(f QueueFilter) bool {
	if (f.Open || f.DueWithin > 0) && !status.Open.Has(r.statuses[0]) {
		return false
	}
	return f.Status == 0 || r.statuses.Has(f.Status)
}

// queuePageSQL is the statement of one page and its arguments, "" when no lane can match the
// filter. Each range of the late part (when the page starts in it) and of the part on time
// (unless only late cases are asked for) is ordered by the index and cut at n; a part's ranges
// are merged in the order of (sort_due, id) and cut at n. With both parts, the late one is read
// first (a MATERIALIZED CTE) and the part on time is cut at what it leaves of the page: when
// the late part fills the page, LIMIT 0 reads none of the part on time. One statement, one
// round trip, whichever part the page ends in.
func queuePageSQL(agency string, f QueueFilter, today time.Time, n int) (string, []any) {
	args := []any{agency, today}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	var where []string
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
	if f.AssignedTo != "" {
		where = append(where, "assigned_to = "+arg(f.AssignedTo))
	}
	if f.Unassigned {
		where = append(where, "assigned_to IS NULL")
	}
	var after string
	if f.After != nil {
		after = "(sort_due, id) > (" + arg(f.After.Due) + "::date, " + arg(f.After.ID) + "::bigint)"
	}
	const cols = `id, code, procedure_code, applicant_name, applicant_pid, status, submitted_at, sort_due, due_on IS NOT NULL,
		coalesce(assigned_to, ''), assigned_name, case_is_overdue(overdue, status, due_on, paused_at, $2::date) AS late, version, demo`
	// The page's size is written into the statement, not passed: a prepared statement whose
	// LIMIT is a parameter gets a generic plan costed for an unknown number of rows, dearer than
	// the plan for this page, so PostgreSQL would plan the statement anew on every execution.
	limit := strconv.Itoa(n)
	ranges := func(late, afterCursor bool) []string {
		var out []string
		for _, r := range queueParts[late] {
			if !r.wanted(f) {
				continue
			}
			w := append([]string{"agency_code = $1", "queue_lane = " + strconv.Itoa(r.lane)}, where...)
			if r.bound != "" {
				w = append(w, r.bound)
			}
			if afterCursor {
				w = append(w, after)
			}
			out = append(out, "(SELECT "+cols+" FROM cases WHERE "+strings.Join(w, " AND ")+" ORDER BY sort_due, id LIMIT "+limit+")")
		}
		return out
	}
	var late, onTime []string
	if f.After == nil || f.After.Late {
		late = ranges(true, f.After != nil)
	}
	if !f.Overdue {
		onTime = ranges(false, f.After != nil && !f.After.Late)
	}
	merged := func(ranges []string, limit string) string {
		return "SELECT * FROM (" + strings.Join(ranges, " UNION ALL ") + ") r ORDER BY sort_due, id LIMIT " + limit
	}
	switch {
	case len(late) == 0 && len(onTime) == 0:
		return "", nil
	case len(onTime) == 0:
		return merged(late, limit), args
	case len(late) == 0:
		return merged(onTime, limit), args
	}
	return "WITH late AS MATERIALIZED (" + merged(late, limit) + ") SELECT * FROM (SELECT * FROM late UNION ALL (" +
		merged(onTime, "greatest(0, "+limit+" - (SELECT count(*) FROM late))") + ")) page ORDER BY late DESC, sort_due, id", args
}

// StatusCounts returns how many of the agency's cases are in each status; a status with none is
// absent. It reads the counts the database keeps exact, so it costs a handful of rows however
// large the agency.
func (s *Service) StatusCounts(ctx context.Context, agency string) (map[status.Status]int, error) {
	var out map[status.Status]int
	var err error
	s.q.CaseCountsOfAgency(ctx, []string{agency}).Query(func(_ int, rows []casedb.CaseCountsOfAgencyRow, e error) {
		out, err = statusCounts(rows), e
	})
	if err != nil {
		return nil, fmt.Errorf("cases: status counts %s: %w", agency, err)
	}
	return out, nil
}

func statusCounts(rows []casedb.CaseCountsOfAgencyRow) map[status.Status]int {
	out := make(map[status.Status]int, len(rows))
	for _, r := range rows {
		out[r.Status] = int(r.N)
	}
	return out
}
