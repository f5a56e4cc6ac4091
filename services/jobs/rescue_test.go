package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/jobs"
	"github.com/motlan/portal/services/notify"
)

// sentMail is a Mailer that tells the test about each message it is given.
type sentMail struct {
	mu   sync.Mutex
	sent []notify.Message
	done chan struct{}
}

func (m *sentMail) Send(_ context.Context, msg notify.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	select {
	case m.done <- struct{}{}:
	default:
	}
	return nil
}

// TestRunnerRescuesJobOfKilledWorker: a notification job that a portal was working when it was
// killed stays 'running' in the queue. The next portal's runner gives it back to a worker once
// jobs.RescueStuckJobsAfter has passed since the attempt began (River's default waits an hour),
// and the email goes out.
func TestRunnerRescuesJobOfKilledWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	var outboxID int64
	require.NoError(t, pool.QueryRow(ctx, `INSERT INTO email_outbox (to_address, subject, body_text, dedupe_key, created_at)
		VALUES ('an@example.vn', 'Hồ sơ đã được giải quyết', 'Kết quả đã có.', 'rescue-test', now()) RETURNING id`).Scan(&outboxID))
	ins, err := jobs.NewInserter(pool, log)
	require.NoError(t, err)
	res, err := ins.Insert(ctx, notify.SendEmailArgs{OutboxID: outboxID}, nil)
	require.NoError(t, err)

	// What a worker killed in the middle of the attempt leaves behind: the job running, its
	// attempt begun a while ago (longer than the rescue delay, shorter than River's default).
	attempted := 2 * jobs.RescueStuckJobsAfter
	require.Less(t, attempted, time.Hour)
	tag, err := pool.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1,
		attempted_at = now() - make_interval(secs => $2), attempted_by = ARRAY['killed-portal']
		WHERE id = $1`, res.Job.ID, attempted.Seconds())
	require.NoError(t, err)
	require.Equal(t, int64(1), tag.RowsAffected())

	mail := &sentMail{done: make(chan struct{}, 1)}
	r, err := jobs.New(pool, &countingDrafts{done: make(chan struct{}, 1)}, jobs.Config{Mailer: mail}, log)
	require.NoError(t, err)
	require.NoError(t, r.Start(ctx))
	t.Cleanup(func() { require.NoError(t, r.Stop(context.Background())) })

	select {
	case <-mail.done:
	case <-time.After(time.Minute): // a deadline for the failure, not a measure: this takes seconds
		t.Fatal("the stuck notification job was not rescued")
	}
	require.Eventually(t, func() bool {
		var state string
		require.NoError(t, pool.QueryRow(ctx, `SELECT state FROM river_job WHERE id = $1`, res.Job.ID).Scan(&state))
		return state == "completed"
	}, 30*time.Second, 20*time.Millisecond, "the rescued job completes")

	mail.mu.Lock()
	defer mail.mu.Unlock()
	require.Len(t, mail.sent, 1)
	require.Equal(t, "an@example.vn", mail.sent[0].To)
	var attempt int
	var sent bool
	require.NoError(t, pool.QueryRow(ctx, `SELECT j.attempt, o.sent_at IS NOT NULL FROM river_job j, email_outbox o
		WHERE j.id = $1 AND o.id = $2`, res.Job.ID, outboxID).Scan(&attempt, &sent))
	require.Equal(t, 2, attempt, "the rescue is the job's second attempt")
	require.True(t, sent)
}
