package registryfeed

import (
	"context"
	"errors"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/motlan/portal/services/registry"
)

// UpdateArgs is the job that sends one result's update.
type UpdateArgs struct {
	Update registry.Update `json:"update"`
}

// Kind names the job in the queue.
func (UpdateArgs) Kind() string { return "registry_update" }

// InsertOpts: one job per update (a result is issued once, but a retried transaction must not
// queue it twice), retried for about three weeks of River's backoff while the exchange is down.
func (UpdateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Sender sends an update through the exchange (registry.Client).
type Sender interface {
	SendUpdate(ctx context.Context, up registry.Update) (registry.UpdateReceipt, error)
}

var _ Sender = (*registry.Client)(nil)

// Subjects gives a result to a person it is about who had no personal ID when it was issued
// (documents.Service.AddSubject): the child of a birth, numbered by the registry the result fed.
type Subjects interface {
	AddSubject(ctx context.Context, resultCode, personalID string) error
}

// UpdateWorker sends the updates. The exchange applies an update once per result code, so an
// attempt whose answer was lost is safely sent again. An update the exchange refuses is
// cancelled, not retried, and logged as an error for an operator. When the exchange answers a
// birth with the child's new personal ID, the child holds the birth certificate (Subjects; nil:
// nobody is told).
type UpdateWorker struct {
	river.WorkerDefaults[UpdateArgs]
	Registry Sender
	Subjects Subjects
	Log      *slog.Logger
}

// Work sends the job's update.
func (w *UpdateWorker) Work(ctx context.Context, job *river.Job[UpdateArgs]) error {
	up := job.Args.Update
	rc, err := w.Registry.SendUpdate(ctx, up)
	switch {
	case errors.Is(err, registry.ErrRejected) || errors.Is(err, registry.ErrInvalid):
		w.Log.ErrorContext(ctx, "registry refused a result's update", "result", up.ResultCode, "kind", up.Kind, slog.Any("error", err))
		return river.JobCancel(err)
	case err != nil:
		return err
	}
	if up.Kind == registry.UpdateBirth && rc.PersonalID != "" && w.Subjects != nil {
		// Retried on failure: the exchange answers the same receipt for the same result.
		if err := w.Subjects.AddSubject(ctx, up.ResultCode, rc.PersonalID); err != nil {
			return err
		}
	}
	w.Log.InfoContext(ctx, "registry updated from a result", "result", up.ResultCode, "kind", up.Kind, "applied_at", rc.AppliedAt)
	return nil
}
