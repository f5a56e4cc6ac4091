// Package jobs runs the portal's background work on River, the PostgreSQL job queue: periodic
// housekeeping (purging expired drafts, sessions and sign-in attempts), the email outbox, the
// deadline sweep and the payments' reconciliation and refunds. River elects one leader among
// the replicas for periodic jobs, and a job is locked while it runs, so each runs once however
// many portals are up.
//
// Two clients: NewInserter's only inserts, and is built first, for the services that enqueue;
// New's works the jobs, and is built last, because its workers use those services.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/registryfeed"
	"github.com/motlan/portal/services/sms"
)

// DraftPurger deletes expired drafts (services/drafts).
type DraftPurger interface {
	Purge(ctx context.Context) (int64, error)
}

// PurgeArgs is the housekeeping job.
type PurgeArgs struct{}

// Kind names the job in the queue.
func (PurgeArgs) Kind() string { return "purge_expired" }

// PurgeWorker deletes expired drafts, sessions and sign-in attempts. Deleting what is already
// gone does nothing, so a retried job is harmless.
type PurgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	Pool   *pgxpool.Pool
	Drafts DraftPurger
	Now    func() time.Time
	Log    *slog.Logger
}

// Work runs the purge.
func (w *PurgeWorker) Work(ctx context.Context, _ *river.Job[PurgeArgs]) error {
	drafts, err := w.Drafts.Purge(ctx)
	if err != nil {
		return err
	}
	rows, err := database.PurgeExpired(ctx, w.Pool, w.Now())
	if err != nil {
		return err
	}
	w.Log.InfoContext(ctx, "purged expired", "drafts", drafts, "sessions_and_attempts", rows)
	return nil
}

// RescueStuckJobsAfter is how long a job may stay 'running' before River takes it for the job
// of a dead worker (a portal killed or crashed during the attempt) and retries it. River's
// default, an hour, kept an email in flight at a crash waiting that long. No attempt can
// legitimately run this long: every attempt is cancelled after a minute (River's JobTimeout
// default, and notify.SendEmailWorker's Timeout, a slow SMTP server included), so 5 minutes
// leaves a wide margin over a live worker and a late result of its commit.
const RescueStuckJobsAfter = 5 * time.Minute

// Config tunes the runner.
type Config struct {
	PurgeEvery time.Duration // default 1 h
	Now        func() time.Time
	Mailer     notify.Mailer // sends the email outbox; nil = log only
	SMS        sms.Gateway   // sends the SMS outbox; nil = log only
	// Deadlines flags late cases and reminds officers; nil = no sweep.
	Deadlines *casework.DeadlineWorker
	// Payments reconciles the payment gateway's orders and asks for refunds; nil = no job.
	Payments Payments
	// PaymentsEvery is how often the payments job runs; default 1 min.
	PaymentsEvery time.Duration
	// Partitioned are the tables partitioned by month whose coming partitions a daily job
	// makes; none = no job.
	Partitioned []Partitioned
	// RegistryUpdates sends the population database the updates of issued results
	// (services/registryfeed); nil = they stay queued.
	RegistryUpdates *registryfeed.UpdateWorker
	// Blobs collects the S3 bucket's unreferenced objects hourly (BlobsGCWorker); nil = no job
	// (the PostgreSQL store has nothing to collect).
	Blobs BlobCollector
}

// NewInserter returns an insert-only River client: no queues, no workers, never started. It is
// what services that enqueue jobs in their callers' transactions (services/notify) are given,
// so they can be built before the Runner, whose workers need them.
func NewInserter(pool *pgxpool.Pool, log *slog.Logger) (*river.Client[pgx.Tx], error) {
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: log})
	if err != nil {
		return nil, fmt.Errorf("jobs: inserter: %w", err)
	}
	return client, nil
}

// Runner owns the River client that works the jobs.
type Runner struct {
	client *river.Client[pgx.Tx]
}

// New builds the River client with the portal's workers and periodic jobs.
func New(pool *pgxpool.Pool, drafts DraftPurger, cfg Config, log *slog.Logger) (*Runner, error) {
	if cfg.PurgeEvery == 0 {
		cfg.PurgeEvery = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &PurgeWorker{Pool: pool, Drafts: drafts, Now: cfg.Now, Log: log}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	mailer := cfg.Mailer
	if mailer == nil {
		mailer = notify.NewLogMailer(log)
	}
	if err := river.AddWorkerSafely(workers, &notify.SendEmailWorker{Pool: pool, Mailer: mailer, Now: cfg.Now}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	gateway := cfg.SMS
	if gateway == nil {
		gateway = sms.NewLogGateway(log)
	}
	if err := river.AddWorkerSafely(workers, &notify.SendSMSWorker{Pool: pool, Gateway: gateway, Now: cfg.Now}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(cfg.PurgeEvery),
			func() (river.JobArgs, *river.InsertOpts) {
				return PurgeArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: cfg.PurgeEvery}}
			},
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
	if cfg.Deadlines != nil {
		if err := river.AddWorkerSafely(workers, cfg.Deadlines); err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		periodic = append(periodic, casework.PeriodicDeadlineSweep(time.Hour, casework.DefaultWithinDays))
	}
	if cfg.Payments != nil {
		if cfg.PaymentsEvery == 0 {
			cfg.PaymentsEvery = time.Minute
		}
		if err := river.AddWorkerSafely(workers, &PaymentsWorker{Payments: cfg.Payments, Log: log}); err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		periodic = append(periodic, periodicPayments(cfg.PaymentsEvery))
	}
	if len(cfg.Partitioned) > 0 {
		if err := river.AddWorkerSafely(workers, &PartitionsWorker{Tables: cfg.Partitioned, Now: cfg.Now, Log: log}); err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		periodic = append(periodic, periodicPartitions())
	}
	if cfg.RegistryUpdates != nil {
		if err := river.AddWorkerSafely(workers, cfg.RegistryUpdates); err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
	}
	if cfg.Blobs != nil {
		if err := river.AddWorkerSafely(workers, &BlobsGCWorker{Pool: pool, Blobs: cfg.Blobs, Log: log}); err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		periodic = append(periodic, periodicBlobsGC())
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger:               log,
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:              workers,
		PeriodicJobs:         periodic,
		RescueStuckJobsAfter: RescueStuckJobsAfter,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Runner{client: client}, nil
}

// Start starts working jobs until Stop.
func (r *Runner) Start(ctx context.Context) error { return r.client.Start(ctx) }

// Stop lets running jobs finish (within ctx) and stops.
func (r *Runner) Stop(ctx context.Context) error { return r.client.Stop(ctx) }

// Subscribe returns the events of the given kinds (a job completed, failed, cancelled…) as the
// runner works them, until the returned function is called; subscribe before Start to miss none.
func (r *Runner) Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func()) {
	return r.client.Subscribe(kinds...)
}
