package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/jobs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fakeDrafts struct{ calls int }

func (f *fakeDrafts) Purge(context.Context) (int64, error) { f.calls++; return 2, nil }

func TestPurgeWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	_, err := pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ('old', '', $1), ('live', '', $2)`,
		now.Add(-time.Hour), now.Add(time.Hour))
	require.NoError(t, err)
	drafts := &fakeDrafts{}
	w := &jobs.PurgeWorker{Pool: pool, Drafts: drafts, Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	require.NoError(t, w.Work(ctx, &river.Job[jobs.PurgeArgs]{}))
	require.Equal(t, 1, drafts.calls)
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM sessions`).Scan(&n))
	require.Equal(t, 1, n)
}

// TestRunnerRunsPurgeOnStart checks the River client really runs the periodic job.
func TestRunnerRunsPurgeOnStart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	drafts := &countingDrafts{done: make(chan struct{}, 1)}
	r, err := jobs.New(pool, drafts, jobs.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { require.NoError(t, r.Stop(ctx)) })
	select {
	case <-drafts.done:
	case <-time.After(20 * time.Second):
		t.Fatal("the purge job did not run")
	}
}

type countingDrafts struct{ done chan struct{} }

func (c *countingDrafts) Purge(context.Context) (int64, error) {
	select {
	case c.done <- struct{}{}:
	default:
	}
	return 0, nil
}

// TestInserterOnlyInserts checks NewInserter's client enqueues in the caller's transaction and
// cannot work jobs: that is the Runner's.
func TestInserterOnlyInserts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	ins, err := jobs.NewInserter(pool, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)

	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer tx.Rollback(ctx)
	_, err = ins.InsertTx(ctx, tx, jobs.PurgeArgs{}, nil)
	require.NoError(t, err)
	require.NoError(t, tx.Commit(ctx))
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'purge_expired' AND state = 'available'`).Scan(&n))
	require.Equal(t, 1, n)

	require.Error(t, ins.Start(ctx), "an insert-only client has no queues to work")
}
