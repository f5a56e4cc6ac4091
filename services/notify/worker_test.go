package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/notify"
)

// queued commits a case change for a citizen with an email and returns the outbox row's id.
func (b bundle) queued(t *testing.T, subject, email, code string) int64 {
	t.Helper()
	ctx := context.Background()
	c := b.citizen(t, subject, "Nguyễn Văn An", email)
	caseID := b.newCase(t, c, code)
	ch := b.change(t, c, caseID, code, 9)
	b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, ch) })
	var id int64
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT id FROM email_outbox WHERE to_address = $1`, email).Scan(&id))
	return id
}

func TestSendEmailWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	sent := now.Add(time.Minute)
	job := func(id int64) *river.Job[notify.SendEmailArgs] {
		return &river.Job[notify.SendEmailArgs]{Args: notify.SendEmailArgs{OutboxID: id}}
	}

	t.Run("SendsOnce", func(t *testing.T) {
		id := b.queued(t, "an", "an@example.vn", "UBND-00004-261127-0001")
		m := &fakeMailer{}
		w := &notify.SendEmailWorker{Pool: b.pool, Mailer: m, Now: func() time.Time { return sent }}
		require.NoError(t, w.Work(ctx, job(id)))
		require.NoError(t, w.Work(ctx, job(id)), "a duplicate job is harmless")
		require.Equal(t, 1, m.count())
		require.Equal(t, "an@example.vn", m.sent[0].To)
		require.Equal(t, "outbox-"+itoa(id), m.sent[0].MessageID)
		require.Contains(t, m.sent[0].Subject, "đã được giải quyết")
		var sentAt *time.Time
		var attempts int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT sent_at, attempts FROM email_outbox WHERE id = $1`, id).Scan(&sentAt, &attempts))
		require.NotNil(t, sentAt)
		require.True(t, sentAt.Equal(sent))
		require.Equal(t, 1, attempts)
	})

	t.Run("ErrMailerFails", func(t *testing.T) {
		id := b.queued(t, "binh", "binh@example.vn", "UBND-00004-261127-0002")
		m := &fakeMailer{fail: errRefused}
		w := &notify.SendEmailWorker{Pool: b.pool, Mailer: m, Now: func() time.Time { return sent }}
		for try := 1; try <= 2; try++ {
			err := w.Work(ctx, job(id))
			require.ErrorIs(t, err, errRefused, "the error goes back to River, which retries")
			var sentAt *time.Time
			var attempts int
			var lastErr string
			require.NoError(t, b.pool.QueryRow(ctx, `SELECT sent_at, attempts, last_error FROM email_outbox WHERE id = $1`, id).
				Scan(&sentAt, &attempts, &lastErr))
			require.Nil(t, sentAt)
			require.Equal(t, try, attempts)
			require.Contains(t, lastErr, "550 mailbox unavailable")
		}

		m.fail = nil
		require.NoError(t, w.Work(ctx, job(id)), "a later retry succeeds")
		var lastErr string
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT last_error FROM email_outbox WHERE id = $1 AND sent_at IS NOT NULL`, id).Scan(&lastErr))
		require.Empty(t, lastErr)
	})

	t.Run("ErrMissingRowCancels", func(t *testing.T) {
		w := &notify.SendEmailWorker{Pool: b.pool, Mailer: &fakeMailer{}, Now: func() time.Time { return sent }}
		err := w.Work(ctx, job(999999))
		var cancel *rivertype.JobCancelError
		require.True(t, errors.As(err, &cancel), "no retries for a row that does not exist: %v", err)
	})

	t.Run("MaxAttempts", func(t *testing.T) {
		require.Equal(t, 10, notify.SendEmailArgs{}.InsertOpts().MaxAttempts)
		var maxAttempts int
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT max_attempts FROM river_job WHERE kind = 'send_email' LIMIT 1`).Scan(&maxAttempts))
		require.Equal(t, notify.MaxSendAttempts, maxAttempts)
	})
}

// TestRiverSendsEmail runs a real River client: a committed case change ends up in the mailer.
func TestRiverSendsEmail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := &fakeMailer{done: make(chan notify.Message, 1)}
	b := setup(t, m)
	require.NoError(t, b.client.Start(ctx))
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, b.client.Stop(stopCtx))
	})
	id := b.queued(t, "an", "an@example.vn", "UBND-00004-261127-0001")

	select {
	case msg := <-m.done:
		require.Equal(t, "outbox-"+itoa(id), msg.MessageID)
		require.Equal(t, "an@example.vn", msg.To)
	case <-time.After(20 * time.Second):
		t.Fatal("the send_email job did not run")
	}
	require.Eventually(t, func() bool {
		var sent bool
		err := b.pool.QueryRow(ctx, `SELECT sent_at IS NOT NULL FROM email_outbox WHERE id = $1`, id).Scan(&sent)
		return err == nil && sent
	}, 10*time.Second, 50*time.Millisecond)
	require.Equal(t, 1, m.count())
}
