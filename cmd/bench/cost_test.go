package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestParseProcStat(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		// A command name with spaces and a ')' of its own: fields count from the last ')'.
		line := "4242 (postgres: a) b) S 17 4242 4242 0 -1 4194560 99 0 0 0 1234 567 89 10 20 0 1 0 3552842 3133440 410\n"
		p, err := parseProcStat(line)
		require.NoError(t, err)
		require.Equal(t, procStat{ppid: 17, utime: 1234, stime: 567, cutime: 89, cstime: 10}, p)
	})
	t.Run("ErrShort", func(t *testing.T) {
		_, err := parseProcStat("1 (x) S 0 1 1")
		require.Error(t, err)
	})
	t.Run("ErrNoName", func(t *testing.T) {
		_, err := parseProcStat("1 x S 0 1 1 0 -1 0 0 0 0 0 1 2 3 4")
		require.Error(t, err)
	})
}

func TestPerRequest(t *testing.T) {
	t.Parallel()
	before := costSnap{portalTicks: 1000, postgresTicks: 500, xacts: 10, tupReturned: 100, tupFetched: 40,
		tupInserted: 7, blocks: 1000, accessRows: 3, accessBytes: 8192, dbBytes: 1 << 20}
	after := costSnap{portalTicks: 1200, postgresTicks: 900, xacts: 410, tupReturned: 2100, tupFetched: 240,
		tupInserted: 1207, blocks: 9000, accessRows: 803, accessBytes: 8192 + 400*1024, dbBytes: 1<<20 + 400*4096}

	t.Run("OK", func(t *testing.T) {
		c := perRequest(before, after, 400, true)
		require.NotNil(t, c)
		require.NotNil(t, c.PortalCPUms)
		require.InDelta(t, 5.0, *c.PortalCPUms, 1e-9) // 200 ticks of 10 ms over 400 requests
		require.InDelta(t, 10.0, *c.PostgresCPUms, 1e-9)
		require.InDelta(t, 1.0, c.Xacts, 1e-9)
		require.InDelta(t, 5.0, c.TupReturned, 1e-9)
		require.InDelta(t, 0.5, c.TupFetched, 1e-9)
		require.InDelta(t, 3.0, c.TupInserted, 1e-9)
		require.InDelta(t, 20.0, c.Blocks, 1e-9)
		require.InDelta(t, 2.0, c.AccessRows, 1e-9)
		require.InDelta(t, 1024.0, c.AccessBytes, 1e-9)
		require.InDelta(t, 4096.0, c.DBBytes, 1e-9)
	})
	t.Run("InProcessHasNoPortalCPU", func(t *testing.T) {
		c := perRequest(before, after, 400, false)
		require.Nil(t, c.PortalCPUms)
		require.NotNil(t, c.PostgresCPUms)
	})
	t.Run("UnknownServer", func(t *testing.T) {
		b, a := before, after
		b.postgresTicks, a.postgresTicks = -1, -1
		require.Nil(t, perRequest(b, a, 400, true).PostgresCPUms)
	})
	t.Run("NoRequests", func(t *testing.T) {
		require.Nil(t, perRequest(before, after, 0, true))
	})
}

func TestJudgeDashboard(t *testing.T) {
	t.Parallel()
	ref := Result{Requests: 1000, RPS: 1000, P99ms: 40}
	cases := map[string]struct {
		rps, p99 float64
		met      bool
	}{
		"OK":         {rps: 850, p99: 48, met: true},
		"ErrSlow":    {rps: 849, p99: 40, met: false},
		"ErrTailP99": {rps: 990, p99: 48.1, met: false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dash := Result{Requests: 1000, RPS: tc.rps, P99ms: tc.p99}
			judgeDashboard(&dash, ref)
			require.NotNil(t, dash.Met)
			require.Equal(t, tc.met, *dash.Met)
			require.Contains(t, dash.Target, "48.00 ms")
		})
	}
}

func TestJudgeDeepQueue(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		r := Result{Requests: 100, Concurrency: 8, P99ms: 19}
		judgeDeepQueue(&r, 10_000_000)
		require.NotNil(t, r.Met)
		require.True(t, *r.Met)
		require.Empty(t, r.Verdict)
	})
	t.Run("ErrSlow", func(t *testing.T) {
		r := Result{Requests: 100, Concurrency: 8, P99ms: 21}
		judgeDeepQueue(&r, 10_000_000)
		require.False(t, *r.Met)
	})
	t.Run("ScaleNotReached", func(t *testing.T) {
		r := Result{Requests: 100, Concurrency: 8, P99ms: 5}
		judgeDeepQueue(&r, 1_000_000)
		require.Nil(t, r.Met, "a run at 1M cases must not claim the 10M target")
		require.Contains(t, r.Verdict, "scale not reached (1000000 cases)")
	})
	t.Run("OtherConcurrency", func(t *testing.T) {
		r := Result{Requests: 100, Concurrency: 64, P99ms: 5}
		judgeDeepQueue(&r, 10_000_000)
		require.Nil(t, r.Met)
		require.NotEmpty(t, r.Verdict)
	})
}

// TestMeter: the snapshots around writes on the bench's pool see the data-access rows, the
// inserts and the commits at once (the pool's statistics are flushed, not waited for), and the
// server's CPU when it runs on this machine.
func TestMeter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	m := newMeter(ctx, pool, 0)
	require.NotZero(t, m.postmaster, "the test server runs on this machine")
	log := audit.New(pool, func() time.Time { return time.Now().UTC() })

	before, err := m.begin(ctx)
	require.NoError(t, err)
	const n = 20
	for range n {
		require.NoError(t, log.Record(ctx, audit.Entry{
			SubjectPersonalID: "001088012345", ActorKind: audit.ActorCitizen, ActorID: "citizen:1", ActorName: "Nguyễn Văn An",
			ActorRole: "citizen", Purpose: "citizen-view", Reference: "bench",
			Databases: []string{"population"}, Attributes: []string{"population.household"}, Outcome: audit.OutcomeOK,
		}))
	}
	after, err := m.end(ctx, byBenchPool)
	require.NoError(t, err)

	c := perRequest(before, after, n, true)
	require.Nil(t, c.PortalCPUms, "no portal process")
	require.InDelta(t, 1.0, c.AccessRows, 1e-9)
	require.GreaterOrEqual(t, c.TupInserted, 1.0, "each record inserts its row")
	require.GreaterOrEqual(t, c.Xacts, 1.0, "each record commits")
	require.Less(t, c.Xacts, 3.0, "the snapshots add a few transactions, not a count per row")
	t.Logf("per record: %+v, postgres CPU %.3f ms", *c, *c.PostgresCPUms)
	require.Positive(t, c.AccessBytes, "the first rows of a month take a page of its partition and of its indexes")
	require.NotNil(t, c.PostgresCPUms)
	require.GreaterOrEqual(t, *c.PostgresCPUms, 0.0)

	table := costTable([]Result{{Name: "x", Concurrency: 1, Cost: c}})
	require.Contains(t, table, "| x | 1 | — |")
	require.Equal(t, 3, strings.Count(table, "\n|"), "header, rule and one row")
}
