package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/motlan/portal/services/attachments"
)

// BlobCollector deletes the contents of the blob store that nothing names (blob_references:
// attachments and issued documents) once older than a grace period: attachments.S3Blobs. The
// PostgreSQL store deletes a content with its last file and has nothing to collect.
type BlobCollector interface {
	Collect(ctx context.Context, pool *pgxpool.Pool, grace time.Duration) (attachments.Collected, error)
}

// BlobsGCEvery is how often the blob collection job runs.
const BlobsGCEvery = time.Hour

// BlobsGCArgs is the blob collection job.
type BlobsGCArgs struct{}

// Kind names the job in the queue.
func (BlobsGCArgs) Kind() string { return "blobs_gc" }

// BlobsGCWorker runs `portal blobs gc` as a periodic job, with the same grace period
// (attachments.CollectGrace): an object younger than that may belong to an upload or an issued
// document whose transaction is still open. A run stopped by its timeout has deleted what it
// got to; the next run goes on from the bucket's listing.
type BlobsGCWorker struct {
	river.WorkerDefaults[BlobsGCArgs]
	Pool  *pgxpool.Pool
	Blobs BlobCollector
	Log   *slog.Logger
}

// Timeout keeps a run below RescueStuckJobsAfter, so River never takes a live run for a dead
// worker's; a large bucket is collected over several runs.
func (w *BlobsGCWorker) Timeout(*river.Job[BlobsGCArgs]) time.Duration {
	return RescueStuckJobsAfter - time.Minute
}

// Work collects once.
func (w *BlobsGCWorker) Work(ctx context.Context, _ *river.Job[BlobsGCArgs]) error {
	got, err := w.Blobs.Collect(ctx, w.Pool, attachments.CollectGrace)
	if got.Deleted > 0 || got.Held > 0 {
		w.Log.InfoContext(ctx, "blobs collected", "objects", got.Objects, "deleted", got.Deleted, "held", got.Held)
	}
	return err
}

// periodicBlobsGC runs the blob collection every BlobsGCEvery, and when the leader starts.
func periodicBlobsGC() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(BlobsGCEvery),
		func() (river.JobArgs, *river.InsertOpts) {
			return BlobsGCArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: BlobsGCEvery}}
		},
		&river.PeriodicJobOpts{RunOnStart: true})
}
