// Package queue lists an agency's cases for its officers: filtered, sorted by due date, paged
// by keyset so deep pages cost what the first one does, with counts per status.
package queue

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/fault"
)

// Filter narrows the queue. Zero values mean "any".
type Filter struct {
	Procedure  string
	Status     int
	DueWithin  int    // days from today (Vietnam date)
	Overdue    bool   // only overdue cases
	AssignedTo string // a login: only their cases
	Unassigned bool
	After      string // the cursor of the previous page's last row
}

// Item is one row of the queue.
type Item struct {
	ID            int64
	Code          string
	ProcedureCode string
	ApplicantName string
	Status        int
	SubmittedAt   time.Time
	Due           time.Time
	DueIsLegal    bool // received: the legal due date; otherwise the promised one
	AssignedTo    string
	Overdue       bool
	Version       int
}

// Page is one page of the queue.
type Page struct {
	Items []Item
	Next  string // cursor of the next page; "" on the last one
}

// Service reads the queue.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the queue.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now}
}

func (s *Service) today() time.Time { return calendar.Date(s.now()) }

// List returns one page of the agency's cases, sorted by due date then id.
func (s *Service) List(ctx context.Context, agency string, f Filter, limit int) (Page, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	where := []string{"agency_code = $1"}
	args := []any{agency}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Procedure != "" {
		where = append(where, "procedure_code = "+arg(f.Procedure))
	}
	if f.Status != 0 {
		where = append(where, "status = "+arg(f.Status))
	}
	if f.DueWithin > 0 {
		where = append(where, "sort_due <= "+arg(s.today().AddDate(0, 0, f.DueWithin)), "status NOT IN (3, 8, 9, 10)")
	}
	if f.Overdue {
		where = append(where, "overdue")
	}
	if f.AssignedTo != "" {
		where = append(where, "assigned_to = "+arg(f.AssignedTo))
	}
	if f.Unassigned {
		where = append(where, "assigned_to IS NULL")
	}
	if f.After != "" {
		due, id, err := decodeCursor(f.After)
		if err != nil {
			return Page{}, err
		}
		where = append(where, "(sort_due, id) > ("+arg(due)+", "+arg(id)+")")
	}
	q := `SELECT id, code, procedure_code, applicant_name, status, submitted_at, sort_due, due_on IS NOT NULL,
		coalesce(assigned_to, ''), overdue, version
		FROM cases WHERE ` + strings.Join(where, " AND ") + ` ORDER BY sort_due, id LIMIT ` + arg(limit+1)
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return Page{}, fmt.Errorf("queue: list: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Item, error) {
		var it Item
		var status int16
		err := r.Scan(&it.ID, &it.Code, &it.ProcedureCode, &it.ApplicantName, &status, &it.SubmittedAt, &it.Due, &it.DueIsLegal,
			&it.AssignedTo, &it.Overdue, &it.Version)
		it.Status = int(status)
		return it, err
	})
	if err != nil {
		return Page{}, fmt.Errorf("queue: list: %w", err)
	}
	p := Page{Items: items}
	if len(items) > limit {
		p.Items = items[:limit]
		last := p.Items[limit-1]
		p.Next = encodeCursor(last.Due, last.ID)
	}
	return p, nil
}

// Counts returns how many of the agency's cases are in each status. It reads the counts the
// database keeps exact (case_counts, maintained by triggers on cases), so it costs a handful of
// rows however large the agency.
func (s *Service) Counts(ctx context.Context, agency string) (map[int]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT status, n FROM case_counts WHERE agency_code = $1 AND n > 0`, agency)
	if err != nil {
		return nil, fmt.Errorf("queue: counts: %w", err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var st int16
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("queue: counts: %w", err)
		}
		out[int(st)] = n
	}
	return out, rows.Err()
}

func encodeCursor(due time.Time, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(due.Format("2006-01-02") + "," + strconv.FormatInt(id, 10)))
}

// errCursor is a page link that was not made by List (edited or truncated).
var errCursor = fault.New(fault.EINVALID, "error.invalid", "queue.cursor")

func decodeCursor(c string) (time.Time, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, 0, errCursor
	}
	d, i, ok := strings.Cut(string(b), ",")
	if !ok {
		return time.Time{}, 0, errCursor
	}
	due, err := time.Parse("2006-01-02", d)
	if err != nil {
		return time.Time{}, 0, errCursor
	}
	id, err := strconv.ParseInt(i, 10, 64)
	if err != nil {
		return time.Time{}, 0, errCursor
	}
	return due, id, nil
}
