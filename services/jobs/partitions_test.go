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
	done := make(chan struct{}, 2)
	r, err := jobs.New(pool, &countingDrafts{done: make(chan struct{}, 1)}, jobs.Config{Now: now,
		Partitioned: []jobs.Partitioned{announced{audit.New(pool, now), done}, announced{cases.New(pool, now, nil), done}}},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { require.NoError(t, r.Stop(ctx)) })
	for range 2 { // both tables asked: wait on the job's own calls, not on a clock
		select {
		case <-done:
		case <-time.After(time.Minute): // a deadline for a failure, not a measure: this takes a second
			t.Fatal("the partitions job did not run on start")
		}
	}
	want := []string{"case_events_2031_05", "case_events_2031_08", "data_access_log_2031_05", "data_access_log_2031_08"}
	var got []string
	rows, err := pool.Query(ctx, `SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE c.relname = ANY($1) ORDER BY 1`, want)
	require.NoError(t, err)
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		got = append(got, n)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, want, got, "the current month and the third ahead, of both tables")
	made, err := cases.New(pool, now, nil).EnsurePartitions(ctx, now(), jobs.PartitionMonthsAhead)
	require.NoError(t, err)
	require.Empty(t, made, "a second run makes nothing")
}

// announced is a table whose partitions call, once made, is told on done.
type announced struct {
	jobs.Partitioned
	done chan<- struct{}
}

func (a announced) EnsurePartitions(ctx context.Context, at time.Time, monthsAhead int) ([]string, error) {
	made, err := a.Partitioned.EnsurePartitions(ctx, at, monthsAhead)
	if err == nil {
		select {
		case a.done <- struct{}{}:
		default:
		}
	}
	return made, err
}
