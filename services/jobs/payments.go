package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// Payments is the merchant's background work (services/payment): the reconciliation of orders
// left pending, then the refunds flagged.
type Payments interface {
	Reconcile(ctx context.Context) (int, error)
	RequestRefunds(ctx context.Context) (int, error)
}

// PaymentsArgs is the payments job.
type PaymentsArgs struct{}

// Kind names the job in the queue.
func (PaymentsArgs) Kind() string { return "payments_reconcile" }

// PaymentsWorker asks the gateway about the orders left pending and applies the answers, then
// asks it for the refunds flagged. Both are idempotent (an order settled, a refund requested, is
// not asked about again), so a retried job is harmless. The refunds are asked even when some
// queries failed: a gateway that does not answer one query may answer the rest.
type PaymentsWorker struct {
	river.WorkerDefaults[PaymentsArgs]
	Payments Payments
	Log      *slog.Logger
}

// Work runs one round.
func (w *PaymentsWorker) Work(ctx context.Context, _ *river.Job[PaymentsArgs]) error {
	settled, errQuery := w.Payments.Reconcile(ctx)
	refunds, errRefund := w.Payments.RequestRefunds(ctx)
	if settled > 0 || refunds > 0 {
		w.Log.InfoContext(ctx, "payments reconciled", "orders_settled", settled, "refunds_requested", refunds)
	}
	return errors.Join(errQuery, errRefund)
}

// periodicPayments runs the payments job every interval, once however many replicas run.
func periodicPayments(every time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) {
			return PaymentsArgs{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: every}}
		},
		&river.PeriodicJobOpts{RunOnStart: true})
}
