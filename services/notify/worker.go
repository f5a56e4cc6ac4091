package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/motlan/portal/services/notify/internal/notifydb"
)

// MaxSendAttempts caps the tries of one email; after the last, River discards the job and the
// outbox row keeps its last error.
const MaxSendAttempts = 10

// SendEmailArgs is the River job that sends one outbox row.
type SendEmailArgs struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the job in the queue.
func (SendEmailArgs) Kind() string { return "send_email" }

// InsertOpts caps the attempts of every send_email job, wherever it is inserted.
func (SendEmailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxSendAttempts}
}

// SendEmailWorker sends an outbox row. It holds the row's lock while sending and records
// sent_at in the same transaction, so a retried or duplicated job sends once. (If the commit
// itself fails after the server accepted the message, the retry sends it again with the same
// Message-ID: delivery is at least once.)
type SendEmailWorker struct {
	river.WorkerDefaults[SendEmailArgs]
	Pool   *pgxpool.Pool
	Mailer Mailer
	Now    func() time.Time
}

// Timeout bounds one attempt, a slow SMTP server included.
func (w *SendEmailWorker) Timeout(*river.Job[SendEmailArgs]) time.Duration { return time.Minute }

// Work sends the email unless it has been sent.
func (w *SendEmailWorker) Work(ctx context.Context, job *river.Job[SendEmailArgs]) error {
	id := job.Args.OutboxID
	tx, err := w.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("notify: send %d: %w", id, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	q := notifydb.New(tx)
	row, err := q.OutboxForUpdate(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return river.JobCancel(fmt.Errorf("notify: send %d: no such outbox row", id))
	}
	if err != nil {
		return fmt.Errorf("notify: send %d: %w", id, err)
	}
	if row.SentAt != nil {
		return nil
	}
	m := Message{To: row.ToAddress, Subject: row.Subject, Body: row.BodyText, MessageID: "outbox-" + strconv.FormatInt(id, 10)}

	if sendErr := w.Mailer.Send(ctx, m); sendErr != nil {
		// Record the failure even when the attempt's context has run out.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err := q.OutboxFailed(rctx, truncate(sendErr.Error(), 1000), id)
		if err == nil {
			err = tx.Commit(rctx)
		}
		return errors.Join(fmt.Errorf("notify: send %d: %w", id, sendErr), err)
	}
	err = q.OutboxSent(ctx, w.now().UTC(), id)
	if err == nil {
		err = tx.Commit(ctx)
	}
	if err != nil {
		return fmt.Errorf("notify: send %d: record sent: %w", id, err)
	}
	return nil
}

func (w *SendEmailWorker) now() time.Time {
	if w.Now == nil {
		return time.Now()
	}
	return w.Now()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
