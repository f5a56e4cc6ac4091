package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/jobs"
)

// fakePartitioned records the months it was asked for.
type fakePartitioned struct {
	asked []time.Time
	ahead []int
	err   error
}

func (f *fakePartitioned) EnsurePartitions(_ context.Context, at time.Time, ahead int) ([]string, error) {
	f.asked, f.ahead = append(f.asked, at), append(f.ahead, ahead)
	return nil, f.err
}

// TestPartitionsWorker: a round asks every table for the current month and the months ahead,
// even after one failed; the failure fails the job, so River retries it.
func TestPartitionsWorker(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)
	broken, ok := &fakePartitioned{err: errors.New("disk full")}, &fakePartitioned{}
	w := &jobs.PartitionsWorker{Tables: []jobs.Partitioned{broken, ok}, Now: func() time.Time { return now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	require.ErrorContains(t, w.Work(context.Background(), &river.Job[jobs.PartitionsArgs]{}), "disk full")
	require.Equal(t, []time.Time{now}, ok.asked)
	require.Equal(t, []int{jobs.PartitionMonthsAhead}, ok.ahead)
}

// TestRunnerRunsPartitions: the River client, given the real tables, makes their partitions on
// start (a periodic job that runs at once), idempotently: months already made are left alone.
func TestRunnerRunsPartitions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := func() time.Time { return time.Date(2031, 5, 10, 0, 0, 0, 0, time.UTC) }
	r, err := jobs.New(pool, &countingDrafts{done: make(chan struct{}, 1)}, jobs.Config{Now: now,
		Partitioned: []jobs.Partitioned{audit.New(pool, now), cases.New(pool, now, nil)}},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { require.NoError(t, r.Stop(ctx)) })
	want := []string{"case_events_2031_05", "case_events_2031_08", "data_access_log_2031_05", "data_access_log_2031_08"}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var got []string
		rows, err := pool.Query(ctx, `SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE c.relname LIKE '%2031_0%' ORDER BY 1`)
		require.NoError(t, err)
		for rows.Next() {
			var n string
			require.NoError(t, rows.Scan(&n))
			if n == want[0] || n == want[1] || n == want[2] || n == want[3] {
				got = append(got, n)
			}
		}
		require.NoError(t, rows.Err())
		if len(got) == len(want) {
			require.Equal(t, want, got)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the partitions job made %v of %v", got, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
	made, err := cases.New(pool, now, nil).EnsurePartitions(ctx, now(), jobs.PartitionMonthsAhead)
	require.NoError(t, err)
	require.Empty(t, made, "a second run makes nothing")
}
