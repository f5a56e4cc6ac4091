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
// not full, three for the part on time, each range stopping after a page: a page costs about
// what the first one does, however large the agency. The SQL is built here rather than by sqlc:
// each optional filter is left out when unused.
func (s *Service) Queue(ctx context.Context, agency string, f QueueFilter, limit int) (QueuePage, error) {
	p := &pipeline{DB: s.pool}
	r := s.queueStart(p, agency, f, limit)
	p.send(ctx)
	err := r.read(p)
	if err := errors.Join(err, p.close()); err != nil {
		return QueuePage{}, fmt.Errorf("cases: queue %s: %w", agency, err)
	}
	return r.finish(ctx)
}

// queueRead is a page of the queue being read. queueStart queues the statement of the part the
// page starts in on a pipeline, where the caller may queue more (QueueScreen); once it is sent,
// read reads that statement's rows, first of the pipeline's results; finish reads the part on
// time when the late part left room on the page (a second round trip), and cuts the page.
type queueRead struct {
	s      *Service
	agency string
	f      QueueFilter
	limit  int
	today  time.Time
	queued bool // a statement was queued
	late   bool // it reads the late part
	items  []QueueItem
}

// queueStart queues the first statement of a page: the late part's when the page starts in it,
// else (or when no lane of the late part can match the filter) the part on time's.
func (s *Service) queueStart(p *pipeline, agency string, f QueueFilter, limit int) *queueRead {
	if limit <= 0 || limit > MaxQueuePage {
		limit = DefaultQueuePage
	}
	r := &queueRead{s: s, agency: agency, f: f, limit: limit, today: calendar.Date(s.now())}
	if f.After == nil || f.After.Late {
		if q, args := queuePartSQL(agency, f, r.today, true, limit+1); q != "" {
			p.batch.Queue(q, args...)
			r.queued, r.late = true, true
			return r
		}
	}
	if f.Overdue {
		return r // only late cases, and the page is past them
	}
	if q, args := queuePartSQL(agency, onTimeFilter(f), r.today, false, limit+1); q != "" {
		p.batch.Queue(q, args...)
		r.queued = true
	}
	return r
}

// onTimeFilter is f for the part on time: after f.After when the previous page ended in that
// part, else from its beginning.
func onTimeFilter(f QueueFilter) QueueFilter {
	if f.After != nil && f.After.Late {
		f.After = nil
	}
	return f
}

// read reads the rows of the statement queueStart queued, the next result of p.
func (r *queueRead) read(p *pipeline) error {
	if !r.queued {
		return nil
	}
	rows, err := pipelineResults{p}.Query()
	if err != nil {
		return err
	}
	r.items, err = collectQueueItems(rows)
	return err
}

// finish completes the page: after a late part that left room, the part on time from its
// beginning, then the page cut at its limit with the key of its last row.
func (r *queueRead) finish(ctx context.Context) (QueuePage, error) {
	items := r.items
	if r.late && len(items) <= r.limit && !r.f.Overdue {
		onTime, err := r.s.queuePart(ctx, r.agency, onTimeFilter(r.f), r.today, false, r.limit+1-len(items))
		if err != nil {
			return QueuePage{}, err
		}
		items = append(items, onTime...)
	}
	p := QueuePage{Items: items}
	if len(items) > r.limit {
		p.Items = items[:r.limit]
		last := p.Items[r.limit-1]
		p.Next = &QueueKey{Late: last.Overdue, Due: last.Due, ID: last.ID}
	}
	return p, nil
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

// queuePart reads up to n cases of the late part of the queue (late) or of the part on time,
// after f.After, in the order of (sort_due, id).
func (s *Service) queuePart(ctx context.Context, agency string, f QueueFilter, today time.Time, late bool, n int) ([]QueueItem, error) {
	q, args := queuePartSQL(agency, f, today, late, n)
	if q == "" {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("cases: queue %s: %w", agency, err)
	}
	items, err := collectQueueItems(rows)
	if err != nil {
		return nil, fmt.Errorf("cases: queue %s: %w", agency, err)
	}
	return items, nil
}

// collectQueueItems reads the rows of a queue part's statement.
func collectQueueItems(rows pgx.Rows) ([]QueueItem, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (QueueItem, error) {
		var it QueueItem
		err := r.Scan(&it.ID, &it.Code, &it.ProcedureCode, &it.ApplicantName, &it.ApplicantPID, &it.Status, &it.SubmittedAt, &it.Due,
			&it.DueIsLegal, &it.AssignedTo, &it.AssignedName, &it.Overdue, &it.Version, &it.Demo)
		return it, err
	})
}

// queuePartSQL is the statement of queuePart and its arguments, "" when no lane can match the
// filter: each lane's range ordered by the index and cut at n, then the ranges merged.
func queuePartSQL(agency string, f QueueFilter, today time.Time, late bool, n int) (string, []any) {
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
	if f.After != nil {
		where = append(where, "(sort_due, id) > ("+arg(f.After.Due)+"::date, "+arg(f.After.ID)+"::bigint)")
	}
	const cols = `id, code, procedure_code, applicant_name, applicant_pid, status, submitted_at, sort_due, due_on IS NOT NULL,
		coalesce(assigned_to, ''), assigned_name, case_is_overdue(overdue, status, due_on, paused_at, $2::date), version, demo`
	limit := arg(n)
	var ranges []string
	for _, r := range queueParts[late] {
		if !r.wanted(f) {
			continue
		}
		w := append([]string{"agency_code = $1", "queue_lane = " + strconv.Itoa(r.lane)}, where...)
		if r.bound != "" {
			w = append(w, r.bound)
		}
		ranges = append(ranges, "(SELECT "+cols+" FROM cases WHERE "+strings.Join(w, " AND ")+" ORDER BY sort_due, id LIMIT "+limit+")")
	}
	if len(ranges) == 0 {
		return "", nil
	}
	return "SELECT * FROM (" + strings.Join(ranges, " UNION ALL ") + ") part ORDER BY sort_due, id LIMIT " + limit, args
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
