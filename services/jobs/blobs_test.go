package jobs_test

import (
	"context"
	"crypto/sha256"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/attachments/s3test"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/jobs"
)

// TestBlobsGCWorker: on a real SeaweedFS, the job deletes an object nothing names once it is
// older than attachments.CollectGrace, and not an hour before.
func TestBlobsGCWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	srv := s3test.Start(t)
	var offset atomic.Int64 // the collection's clock: real time moved on by the test
	b, err := attachments.OpenS3(ctx, attachments.S3Config{Endpoint: srv.Endpoint, Bucket: "gc-" + uuid.NewString()[:8],
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, func() time.Time { return time.Now().Add(time.Duration(offset.Load())) })
	require.NoError(t, err)

	orphan := []byte("the content of an upload whose transaction rolled back")
	sum := sha256.Sum256(orphan)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	require.NoError(t, b.Put(ctx, tx, sum[:], orphan))
	require.NoError(t, tx.Rollback(ctx))

	w := &jobs.BlobsGCWorker{Pool: pool, Blobs: b, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	offset.Store(int64(attachments.CollectGrace - time.Hour))
	require.NoError(t, w.Work(ctx, &river.Job[jobs.BlobsGCArgs]{}))
	_, err = b.Get(ctx, sum[:])
	require.NoError(t, err, "younger than the grace period: kept")

	offset.Store(int64(attachments.CollectGrace + time.Hour))
	require.NoError(t, w.Work(ctx, &river.Job[jobs.BlobsGCArgs]{}))
	_, err = b.Get(ctx, sum[:])
	require.Error(t, err, "older and named by nothing: deleted")
}

// askedCollector tells done the grace period of each collection it is asked for.
type askedCollector struct{ done chan time.Duration }

func (c askedCollector) Collect(_ context.Context, _ *pgxpool.Pool, grace time.Duration) (attachments.Collected, error) {
	select {
	case c.done <- grace:
	default:
	}
	return attachments.Collected{}, nil
}

// TestRunnerRunsBlobsGC: given a collector, the River client runs the collection when it starts
// (a periodic job), with the command's grace period.
func TestRunnerRunsBlobsGC(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	c := askedCollector{done: make(chan time.Duration, 1)}
	r, err := jobs.New(pool, &countingDrafts{done: make(chan struct{}, 1)}, jobs.Config{Blobs: c},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { require.NoError(t, r.Stop(ctx)) })
	select {
	case grace := <-c.done:
		require.Equal(t, attachments.CollectGrace, grace)
	case <-time.After(time.Minute): // a deadline for a failure, not a measure: this takes a second
		t.Fatal("the blob collection job did not run on start")
	}
}
