package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// Partitioned is a service with a table partitioned by month (services/audit's data-access
// log, services/cases' timeline) that makes its coming months' partitions when asked.
type Partitioned interface {
	EnsurePartitions(ctx context.Context, at time.Time, monthsAhead int) ([]string, error)
}

// PartitionMonthsAhead is how many months after the current one the partitions job keeps made:
// three runs' worth of months, whatever happens to one run.
const PartitionMonthsAhead = 3

// PartitionsArgs is the partitions job.
type PartitionsArgs struct{}

// Kind names the job in the queue.
func (PartitionsArgs) Kind() string { return "partitions_ensure" }

// PartitionsWorker makes the monthly partitions of the current month and the next
// PartitionMonthsAhead, for each table, when missing. Making what exists does nothing, so a
// retried job is harmless; a table that fails does not stop the others.
type PartitionsWorker struct {
	river.WorkerDefaults[PartitionsArgs]
	Tables []Partitioned
	Now    func() time.Time
	Log    *slog.Logger
}

// Work runs one round.
func (w *PartitionsWorker) Work(ctx context.Context, _ *river.Job[PartitionsArgs]) error {
	var errs []error
	for _, t := range w.Tables {
		made, err := t.EnsurePartitions(ctx, w.Now(), PartitionMonthsAhead)
		errs = append(errs, err)
		if len(made) > 0 {
			w.Log.InfoContext(ctx, "partitions made", "partitions", made)
		}
	}
	return errors.Join(errs...)
}

// periodicPartitions runs the partitions job every day, and when the leader starts.
func periodicPartitions() *river.PeriodicJob {
	const every = 24 * time.Hour
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) {
			return PartitionsArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: every}}
		},
		&river.PeriodicJobOpts{RunOnStart: true})
}
