package cases_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/drafts"
)

// fakeTimeline is the server's timeline as a test sets it: a promotion is a new number.
type fakeTimeline struct{ n atomic.Int64 }

func (f *fakeTimeline) read(context.Context, cases.DB) (int, error) { return int(f.n.Load()), nil }

// A code once given is never given again, even after an asynchronous failover to a replica
// that lacked the old primary's last commits: the counters jump a block ahead per timeline
// crossed, and counters the replica did not have start a block ahead on the new timeline's
// first day and the next.
func TestCaseCodeAfterFailover(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	tl := &fakeTimeline{}
	tl.n.Store(1)
	e.submitter.WithTimeline(tl.read)
	submitAt := func(a drafts.Applicant, when string) string {
		t.Helper()
		d := e.draft(t, a, true)
		e.clock.Set(at(when))
		return e.submit(t, a, d).Code
	}
	day27 := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

	require.Equal(t, "CA-00070-261127-0001", submitAt(e.an, "2026-11-27 09:00"))
	require.Equal(t, "CA-00070-261127-0002", submitAt(e.an, "2026-11-27 09:01"))
	require.Equal(t, "CA-00070-261127-0003", submitAt(e.an, "2026-11-27 09:02"))

	// Failover to timeline 2; the replica had the counter at 1: 0002 and 0003 were lost with
	// their cases (their receipts were printed), and must not name other cases.
	require.NoError(t, casetest.SetCodeCounter(ctx, e.pool, "CA-00070", day27, 1, 1))
	tl.n.Store(2)
	require.Equal(t, "CA-00070-261127-1002", submitAt(e.an, "2026-11-27 10:00"), "1 + 1 + CodeBlock")
	require.Equal(t, "CA-00070-261127-1003", submitAt(e.an, "2026-11-27 10:01"), "then one by one")
	// A counter the replica did not have at all starts a block ahead on the day of the failover
	// and the next (a portal's clock may run ahead), and at 1 after.
	require.Equal(t, "CA-00071-261127-1001", submitAt(e.binh, "2026-11-27 10:05"))
	require.Equal(t, "CA-00071-261128-1001", submitAt(e.binh, "2026-11-28 09:00"))
	require.Equal(t, "CA-00071-261129-0001", submitAt(e.binh, "2026-11-29 09:00"))

	// A second failover that lost everything timeline 2 wrote to the counter, to timeline 4
	// (3 crossed too): three blocks past timeline 1's last number, above all of timeline 2's.
	require.NoError(t, casetest.SetCodeCounter(ctx, e.pool, "CA-00070", day27, 1, 1))
	tl.n.Store(4)
	require.Equal(t, "CA-00070-261127-3002", submitAt(e.an, "2026-11-27 11:00"))
	require.Equal(t, 1000, cases.CodeBlock, "the block of the SQL upsert (queries/case.sql CaseNextCode)")
}

// ServerTimeline reads the timeline PostgreSQL itself reports.
func TestServerTimeline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := setup(t)
	got, err := cases.ServerTimeline(ctx, e.pool)
	require.NoError(t, err)
	var want int
	require.NoError(t, e.pool.QueryRow(ctx, `SELECT timeline_id FROM pg_control_checkpoint()`).Scan(&want))
	require.Equal(t, want, got)
	require.Positive(t, got)
}
