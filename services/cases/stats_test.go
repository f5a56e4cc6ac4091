package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
)

// bookEvents writes the timeline steps the figures read, from → to at an RFC 3339 instant, and
// the outcomes of the book's decisions.
func bookEvents(t *testing.T, pool *pgxpool.Pool, ids map[string]int64) {
	t.Helper()
	ctx := context.Background()
	for _, e := range []struct {
		name     string
		at       string
		from, to int16
	}{
		{"late", "2026-11-02T02:00:00Z", 1, 2},
		{"paused", "2026-10-31T16:59:00Z", 1, 2}, // 31/10 23:59 in Vietnam: last month
		{"dueToday", "2026-11-03T02:00:00Z", 1, 2},
		{"dueToday", "2026-11-05T02:00:00Z", 2, 7},
		{"dueToday", "2026-11-06T02:00:00Z", 7, 2}, // a refused withdrawal is no second receipt
		{"decided", "2026-11-01T02:00:00Z", 4, 9},  // on its due date
		{"decided", "2026-11-10T02:00:00Z", 9, 9},  // a reassignment is no second decision
		{"deliveredLate", "2026-11-12T18:00:00Z", 4, 9},
		{"deliveredLate", "2026-11-14T02:00:00Z", 9, 10},
		{"refused", "2026-11-17T02:00:00Z", 1, 3},
	} {
		_, err := pool.Exec(ctx, `INSERT INTO case_events (case_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status)
			VALUES ($1, $2, 'staff', 'canbo1', 'Cán bộ Một', 'step', $3, $4)`, ids[e.name], e.at, e.from, e.to)
		require.NoError(t, err, e.name)
	}
	_, err := pool.Exec(ctx, `UPDATE cases SET outcome = CASE id WHEN $1 THEN 'approved' ELSE 'refused' END WHERE id IN ($1, $2)`,
		ids["decided"], ids["deliveredLate"])
	require.NoError(t, err)
}

func TestAgencyFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, s, ids := bookSetup(t)
	bookEvents(t, pool, ids)
	vn := time.FixedZone("ICT", 7*60*60)
	p := cases.FiguresPeriod{From: time.Date(2026, 11, 1, 0, 0, 0, 0, vn), To: time.Date(2026, 12, 1, 0, 0, 0, 0, vn),
		Today: bookDay("2026-11-18"), MeansSince: bookNow.AddDate(0, 0, -90)}

	t.Run("OK", func(t *testing.T) {
		f, err := s.AgencyFigures(ctx, bookAgency, p)
		require.NoError(t, err)
		require.Equal(t, 2, f.Received, "late, dueToday; not paused (last month in Vietnam) nor dueToday's return")
		require.Equal(t, 5, f.InProgress, "late, dueToday, paused, flagged, withdrawalPaused")
		require.Equal(t, 2, f.Overdue, "late, flagged; not deliveredLate (finished)")
		require.Equal(t, 2, f.Decided, "decided, deliveredLate; not the reassignment nor the delivery")
		require.Equal(t, 1, f.DecidedOnTime, "decided on its due date; deliveredLate on 13/11 in Vietnam, a day late")
		require.Len(t, f.Means, 2)
		require.Equal(t, []string{marriage, birth}, []string{f.Means[0].ProcedureCode, f.Means[1].ProcedureCode})
		require.Equal(t, []int{1, 1}, []int{f.Means[0].Cases, f.Means[1].Cases})
		require.InDelta(t, 3-1.0/24, f.Means[0].MeanDays, 1e-9)
		require.InDelta(t, 14+15.0/24, f.Means[1].MeanDays, 1e-9)
	})

	// The dashboard's overdue count is the one rule too: the running cases Case.Overdue finds late.
	t.Run("OverdueIsTheRule", func(t *testing.T) {
		f, err := s.AgencyFigures(ctx, bookAgency, p)
		require.NoError(t, err)
		running, late := 0, 0
		for _, id := range ids {
			c, err := s.Get(ctx, pool, id)
			require.NoError(t, err)
			if c.AgencyCode != bookAgency || !status.Running.Has(c.Status) {
				continue
			}
			running++
			if c.Overdue(bookNow) {
				late++
			}
		}
		require.Equal(t, running, f.InProgress)
		require.Equal(t, late, f.Overdue)
	})

	t.Run("NoCases", func(t *testing.T) {
		f, err := s.AgencyFigures(ctx, "UBND-00004", p)
		require.NoError(t, err)
		require.Equal(t, cases.Figures{Means: []cases.ProcedureMean{}}, f)
	})
}

func TestEndingsByWeek(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, s, ids := bookSetup(t)
	bookEvents(t, pool, ids)
	vn := time.FixedZone("ICT", 7*60*60)

	got, err := s.EndingsByWeek(ctx, bookAgency, time.Date(2026, 10, 26, 0, 0, 0, 0, vn), time.Date(2026, 11, 23, 0, 0, 0, 0, vn))
	require.NoError(t, err)
	require.Equal(t, []cases.WeekEndings{
		{Start: bookDay("2026-10-26"), Approved: 1}, // decided, on Sunday 01/11 in Vietnam
		{Start: bookDay("2026-11-09"), Refused: 1},  // deliveredLate's decision, not its delivery
		{Start: bookDay("2026-11-16"), Other: 1},    // refused at intake
	}, got)

	none, err := s.EndingsByWeek(ctx, bookOther, time.Date(2026, 10, 26, 0, 0, 0, 0, vn), time.Date(2026, 11, 23, 0, 0, 0, 0, vn))
	require.NoError(t, err)
	require.Empty(t, none)
}
