package cases_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
)

// bookNow is Wednesday 18/11/2026, 10:00 in Vietnam: today is 2026-11-18.
var bookNow = time.Date(2026, 11, 18, 3, 0, 0, 0, time.UTC)

const (
	bookAgency = "UBND-00070"
	bookOther  = "CA-00070"
	birth      = "1.001193"
	marriage   = "1.000894"
)

// bookDay is a date as pgx reads one: 00:00 UTC.
func bookDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// bookCase is a case row as it stands, inserted as is (the status trigger guards only updates).
type bookCase struct {
	name      string
	agency    string
	procedure string
	status    status.Status
	expected  string // the promised due date, yyyy-mm-dd
	due       string // the legal due date once received, or ""
	flagged   bool   // found late by the sweep or a step
	paused    bool   // clock stopped for a supplement
	assigned  string
}

// book is an agency's cases around today, each on one boundary of the rule of lateness.
var book = []bookCase{
	{name: "late", status: status.Received, expected: "2026-11-16", due: "2026-11-17"},
	{name: "dueToday", status: status.Processing, expected: "2026-11-18", due: "2026-11-18", assigned: "canbo1"},
	{name: "paused", status: status.Supplement, expected: "2026-11-09", due: "2026-11-10", paused: true},
	{name: "flagged", status: status.Payment, expected: "2026-11-29", due: "2026-11-30", flagged: true},
	{name: "deliveredLate", status: status.Delivered, expected: "2026-11-11", due: "2026-11-12", flagged: true},
	{name: "decided", procedure: marriage, status: status.Done, expected: "2026-10-31", due: "2026-11-01"},
	{name: "new", status: status.New, expected: "2026-11-19"},
	{name: "withdrawalPaused", status: status.Withdrawal, expected: "2026-11-09", due: "2026-11-10", paused: true},
	{name: "refused", status: status.Refused, expected: "2026-11-18"},
	{name: "otherAgency", agency: bookOther, status: status.Received, expected: "2026-10-31", due: "2026-11-01"},
}

// bookSetup seeds the catalogue and the book; it returns the cases service, at bookNow, and the
// ids of the book's cases by name.
func bookSetup(t *testing.T) (*pgxpool.Pool, *cases.Service, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, bookNow))
	an, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "an", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	day := func(s string) any {
		if s == "" {
			return nil
		}
		return bookDay(s)
	}
	ids := map[string]int64{}
	for i, c := range book {
		agency, procedure := c.agency, c.procedure
		if agency == "" {
			agency = bookAgency
		}
		if procedure == "" {
			procedure = birth
		}
		submitted := bookNow.AddDate(0, 0, -20)
		draft := uuid.New()
		_, err := pool.Exec(ctx, `INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
			VALUES ($1, $2, $3, 1, $4, $4, $4, $4)`, draft, an.ID, procedure, submitted)
		require.NoError(t, err, c.name)
		var received, paused, assigned any
		if c.due != "" {
			received = submitted
		}
		if c.paused {
			paused = submitted
		}
		if c.assigned != "" {
			assigned = c.assigned
		}
		var id int64
		err = pool.QueryRow(ctx, `INSERT INTO cases (code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code,
			procedure_version, agency_code, status, submitted_at, received_at, expected_due_on, due_on, data, provenance,
			overdue, paused_at, assigned_to)
			VALUES ($1, $2, $3, '001088012345', 'Nguyễn Văn An', $4, 1, $5, $6, $7, $8, $9, $10, '{}', '{}', $11, $12, $13)
			RETURNING id`,
			fmt.Sprintf("%s-261029-%04d", agency, i+1), draft, an.ID, procedure, agency, int16(c.status), submitted, received,
			day(c.expected), day(c.due), c.flagged, paused, assigned).Scan(&id)
		require.NoError(t, err, c.name)
		ids[c.name] = id
	}
	return pool, cases.New(pool, func() time.Time { return bookNow }, nil), ids
}

// names returns the book's names of the items, in the queue's order.
func names(ids map[string]int64, items []cases.QueueItem) []string {
	byID := map[int64]string{}
	for n, id := range ids {
		byID[id] = n
	}
	out := []string{}
	for _, it := range items {
		out = append(out, byID[it.ID])
	}
	return out
}

func TestQueue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, s, ids := bookSetup(t)

	t.Run("OK", func(t *testing.T) {
		p, err := s.Queue(ctx, bookAgency, cases.QueueFilter{}, 0)
		require.NoError(t, err)
		require.Nil(t, p.Next)
		require.Equal(t, []string{"deliveredLate", "late", "flagged", "decided", "paused", "withdrawalPaused", "dueToday", "refused",
			"new"}, names(ids, p.Items), "the agency's cases only, overdue first, then by due date (legal, else promised), then id")
		for _, it := range p.Items {
			require.Equal(t, it.Status != status.New && it.Status != status.Refused, it.DueIsLegal, it.Code)
		}
	})

	// The Overdue column and filter are the one rule of lateness, the same as Case.Overdue: the
	// flag, or a running clock past its due date today — not only the flag.
	t.Run("OverdueIsTheRule", func(t *testing.T) {
		p, err := s.Queue(ctx, bookAgency, cases.QueueFilter{}, 0)
		require.NoError(t, err)
		var late []string
		for _, it := range p.Items {
			c, err := s.Get(ctx, pool, it.ID)
			require.NoError(t, err)
			require.Equal(t, c.Overdue(bookNow), it.Overdue, "%s: the queue and Case.Overdue agree", it.Code)
			if it.Overdue {
				late = append(late, names(ids, []cases.QueueItem{it})[0])
			}
		}
		require.Equal(t, []string{"deliveredLate", "late", "flagged"}, late)

		only, err := s.Queue(ctx, bookAgency, cases.QueueFilter{Overdue: true}, 0)
		require.NoError(t, err)
		require.Equal(t, late, names(ids, only.Items))
	})

	t.Run("Filters", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			f    cases.QueueFilter
			want []string
		}{
			{"Status", cases.QueueFilter{Status: status.Received}, []string{"late"}},
			{"Procedure", cases.QueueFilter{Procedure: marriage}, []string{"decided"}},
			{"DueWithinOpen", cases.QueueFilter{DueWithin: 1}, []string{"late", "paused", "withdrawalPaused", "dueToday", "new"}},
			{"Open", cases.QueueFilter{Open: true}, []string{"late", "flagged", "paused", "withdrawalPaused", "dueToday", "new"}},
			{"AssignedTo", cases.QueueFilter{AssignedTo: "canbo1"}, []string{"dueToday"}},
			{"Unassigned", cases.QueueFilter{Unassigned: true, Overdue: true}, []string{"deliveredLate", "late", "flagged"}},
			{"Combined", cases.QueueFilter{DueWithin: 30, Overdue: true}, []string{"late", "flagged"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := s.Queue(ctx, bookAgency, tc.f, 0)
				require.NoError(t, err)
				require.Equal(t, tc.want, names(ids, p.Items))
			})
		}
	})

	t.Run("Keyset", func(t *testing.T) {
		all, err := s.Queue(ctx, bookAgency, cases.QueueFilter{}, 0)
		require.NoError(t, err)
		for _, f := range []cases.QueueFilter{{}, {Overdue: true}} {
			var got []cases.QueueItem
			for pages := 0; ; pages++ {
				require.Less(t, pages, 10)
				p, err := s.Queue(ctx, bookAgency, f, 2)
				require.NoError(t, err)
				require.LessOrEqual(t, len(p.Items), 2)
				got = append(got, p.Items...)
				if p.Next == nil {
					break
				}
				require.Equal(t, cases.QueueKey{Late: p.Items[1].Overdue, Due: p.Items[1].Due, ID: p.Items[1].ID}, *p.Next)
				f.After = p.Next
			}
			want := slices.DeleteFunc(slices.Clone(all.Items), func(it cases.QueueItem) bool { return f.Overdue && !it.Overdue })
			require.Equal(t, want, got, "every page in order, each case once")
		}
	})
}

func TestStatusCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, s, _ := bookSetup(t)

	got, err := s.StatusCounts(ctx, bookAgency)
	require.NoError(t, err)
	require.Equal(t, map[status.Status]int{status.New: 1, status.Received: 1, status.Refused: 1, status.Processing: 1,
		status.Supplement: 1, status.Payment: 1, status.Withdrawal: 1, status.Done: 1, status.Delivered: 1}, got)

	_, err = pool.Exec(ctx, `UPDATE cases SET status = 4 WHERE agency_code = $1 AND status = 2`, bookAgency)
	require.NoError(t, err)
	got, err = s.StatusCounts(ctx, bookAgency)
	require.NoError(t, err)
	require.NotContains(t, got, status.Received, "a status with no case is absent")
	require.Equal(t, 2, got[status.Processing])

	none, err := s.StatusCounts(ctx, "UBND-00004")
	require.NoError(t, err)
	require.Empty(t, none)
}
