package queue_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/queue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// seedCases inserts n cases of agency with due dates spread over the coming days.
func seedCases(t *testing.T, pool *pgxpool.Pool, agency string, n int, base time.Time) {
	t.Helper()
	ctx := context.Background()
	an, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "an", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	for i := 0; i < n; i++ {
		s := casetest.Spec{Code: fmt.Sprintf("%s-261127-%04d", agency, i+1), CitizenID: an.ID, Procedure: "1.001193",
			Agency: agency, Status: status.New, Submitted: base, ExpectedDueOn: base.AddDate(0, 0, i%5), NoEvents: true}
		if i%2 == 1 {
			due := base.AddDate(0, 0, i%7)
			s.Status, s.DueOn = status.Received, &due
		}
		_, err := casetest.Insert(ctx, pool, s)
		require.NoError(t, err)
	}
}

func TestKeysetPagesCoverTheQueueOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	base := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	seedCases(t, pool, "UBND-00070", 120, base)
	seedCases(t, pool, "CA-00070", 5, base)
	q := queue.New(pool, func() time.Time { return base })

	seen := map[string]bool{}
	var last time.Time
	var lastID int64
	after, pages := "", 0
	for {
		p, err := q.List(ctx, "UBND-00070", queue.Filter{After: after}, 50)
		require.NoError(t, err)
		pages++
		for _, it := range p.Items {
			require.False(t, seen[it.Code], "%s twice", it.Code)
			seen[it.Code] = true
			require.True(t, it.Due.After(last) || it.Due.Equal(last) && it.ID > lastID, "sorted by due date, then id")
			last, lastID = it.Due, it.ID
		}
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	require.Len(t, seen, 120, "every case of the agency, and only those")
	require.Equal(t, 3, pages)

	t.Run("Filters", func(t *testing.T) {
		p, err := q.List(ctx, "UBND-00070", queue.Filter{Status: 2}, 200)
		require.NoError(t, err)
		require.Len(t, p.Items, 60)
		for _, it := range p.Items {
			require.Equal(t, 2, it.Status)
			require.True(t, it.DueIsLegal)
		}
		soon, err := q.List(ctx, "UBND-00070", queue.Filter{DueWithin: 1}, 200)
		require.NoError(t, err)
		for _, it := range soon.Items {
			require.False(t, it.Due.After(base.AddDate(0, 0, 1)))
		}
		require.NotEmpty(t, soon.Items)
	})
	// No case is flagged: the queue finds the late ones by the one rule of lateness, received
	// (status 2, the clock running) and due before today in Vietnam.
	t.Run("OverdueByTheRule", func(t *testing.T) {
		today := base.AddDate(0, 0, 3)
		later := queue.New(pool, func() time.Time { return today.Add(7 * time.Hour) })
		all, err := later.List(ctx, "UBND-00070", queue.Filter{}, 200)
		require.NoError(t, err)
		var want []string
		for _, it := range all.Items {
			require.Equal(t, it.Status == 2 && it.Due.Before(today), it.Overdue, it.Code)
			if it.Overdue {
				want = append(want, it.Code)
			}
		}
		require.NotEmpty(t, want)
		late, err := later.List(ctx, "UBND-00070", queue.Filter{Overdue: true}, 200)
		require.NoError(t, err)
		var got []string
		for _, it := range late.Items {
			got = append(got, it.Code)
		}
		require.Equal(t, want, got)
	})
	t.Run("Counts", func(t *testing.T) {
		c, err := q.Counts(ctx, "UBND-00070")
		require.NoError(t, err)
		require.Equal(t, map[int]int{1: 60, 2: 60}, c)
	})
	t.Run("ErrBadCursor", func(t *testing.T) {
		_, err := q.List(ctx, "UBND-00070", queue.Filter{After: "not-a-cursor!"}, 50)
		require.Error(t, err)
		_, err = q.Screen(ctx, "UBND-00070", queue.Filter{After: "not-a-cursor!"}, 50)
		require.Error(t, err)
	})
	// The queue page's screen: the pages List reads, cursors included, and the counts.
	t.Run("Screen", func(t *testing.T) {
		after := ""
		for range 3 {
			p, err := q.List(ctx, "UBND-00070", queue.Filter{Open: true, After: after}, 50)
			require.NoError(t, err)
			v, err := q.Screen(ctx, "UBND-00070", queue.Filter{Open: true, After: after}, 50)
			require.NoError(t, err)
			require.Equal(t, p, v.Page)
			require.Equal(t, map[int]int{1: 60, 2: 60}, v.Counts)
			require.Empty(t, v.Parts, "no linked work")
			after = p.Next
		}
		require.Empty(t, after, "three pages")
	})
}

// The counts come from case_counts, which triggers keep exact: they must equal a real count
// after inserts, multi-row updates that move cases between statuses and agencies, and one that
// changes nothing counted.
func TestCountsStayExact(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	base := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	seedCases(t, pool, "UBND-00070", 30, base)
	seedCases(t, pool, "CA-00070", 4, base)
	q := queue.New(pool, func() time.Time { return base })

	real := func(agency string) map[int]int {
		counted, err := casetest.CountByStatus(ctx, pool, agency)
		require.NoError(t, err)
		out := map[int]int{}
		for st, n := range counted {
			out[int(st)] = n
		}
		return out
	}
	ids := func(agency string, st status.Status, limit int) []int64 {
		all, err := casetest.IDs(ctx, pool, agency, st)
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(all), limit)
		return all[:limit]
	}
	check := func(want map[int]int, agency string) {
		t.Helper()
		got, err := q.Counts(ctx, agency)
		require.NoError(t, err)
		require.Equal(t, real(agency), got)
		if want != nil {
			require.Equal(t, want, got)
		}
	}
	check(map[int]int{1: 15, 2: 15}, "UBND-00070")
	check(map[int]int{1: 2, 2: 2}, "CA-00070")

	// Receive five new cases in one statement.
	n, err := casetest.UpdateRaw(ctx, pool, ids("UBND-00070", status.New, 5),
		casetest.Set{Status: status.Received, Received: &base, DueOn: ptr(base.AddDate(0, 0, 7))})
	require.NoError(t, err)
	require.EqualValues(t, 5, n)
	check(map[int]int{1: 10, 2: 20}, "UBND-00070")

	// Transfer three cases to another agency.
	_, err = casetest.UpdateRaw(ctx, pool, ids("UBND-00070", status.Received, 3), casetest.Set{Agency: "CA-00070"})
	require.NoError(t, err)
	check(map[int]int{1: 10, 2: 17}, "UBND-00070")
	check(map[int]int{1: 2, 2: 5}, "CA-00070")

	// An update that changes nothing counted leaves the counts alone.
	n, err = casetest.UpdateRaw(ctx, pool, append(ids("CA-00070", status.New, 2), ids("CA-00070", status.Received, 5)...),
		casetest.Set{ApplicantName: "Nguyễn Văn An "})
	require.NoError(t, err)
	require.EqualValues(t, 7, n)
	check(map[int]int{1: 2, 2: 5}, "CA-00070")
}

func ptr[T any](v T) *T { return &v }
