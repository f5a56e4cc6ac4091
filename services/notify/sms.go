package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/motlan/portal/services/notify/internal/notifydb"
	"github.com/motlan/portal/services/sms"
)

// smsText is the text message of a case change, for the kinds that need the citizen to act or
// to come for a result; other changes get no text message. {code} is the case code, {due} the
// new due date, {url} the case's page. sms.Text drops the diacritics.
var smsText = map[string]string{
	"case_supplement_requested": "Một Lần: Hồ sơ {code} cần bổ sung giấy tờ, thời hạn giải quyết tạm dừng. Xem: {url}",
	"case_payment_requested":    "Một Lần: Hồ sơ {code} cần thực hiện nghĩa vụ tài chính để được tiếp tục giải quyết. Xem: {url}",
	"case_decided":              "Một Lần: Hồ sơ {code} đã được giải quyết, kết quả đã sẵn sàng. Xem: {url}",
	"case_apology":              "Một Lần: Cơ quan xin lỗi vì hồ sơ {code} chưa được giải quyết đúng hạn. Ngày hẹn mới: {due}. Xem: {url}",
}

// caseSMS is the text message of c rendered as t, or "" when its kind sends none.
func caseSMS(t texts, c Change, url string) string {
	tpl, ok := smsText[t.kind]
	if !ok {
		return ""
	}
	due := ""
	if c.DueOn != nil {
		due = dateVI(*c.DueOn)
	}
	return sms.Text(strings.NewReplacer("{code}", c.CaseCode, "{due}", due, "{url}", url).Replace(tpl))
}

// queueSMS writes an SMS outbox row and, when the row is new, the River job that sends it.
func (s *Service) queueSMS(ctx context.Context, tx pgx.Tx, to, text, key string, now time.Time) error {
	id, err := notifydb.New(tx).SMSOutboxInsert(ctx, notifydb.SMSOutboxInsertParams{ToNumber: to, BodyText: text,
		DedupeKey: key, CreatedAt: now})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // already queued, with its job
	}
	if err != nil {
		return fmt.Errorf("sms outbox %s: %w", key, err)
	}
	if _, err := s.inserter.InsertTx(ctx, tx, SendSMSArgs{OutboxID: id}, nil); err != nil {
		return fmt.Errorf("enqueue sms outbox %d: %w", id, err)
	}
	return nil
}

// SendSMSArgs is the River job that sends one SMS outbox row.
type SendSMSArgs struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the job in the queue.
func (SendSMSArgs) Kind() string { return "send_sms" }

// InsertOpts caps the attempts of every send_sms job, as for emails.
func (SendSMSArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxSendAttempts}
}

// SendSMSWorker sends an SMS outbox row as SendEmailWorker sends an email: under the row's lock,
// recording sent_at in the same transaction, so a retried or duplicated job sends once (at least
// once if the commit fails after the gateway accepted it; the message ID is the same).
type SendSMSWorker struct {
	river.WorkerDefaults[SendSMSArgs]
	Pool    *pgxpool.Pool
	Gateway sms.Gateway
	Now     func() time.Time
}

// Timeout bounds one attempt.
func (w *SendSMSWorker) Timeout(*river.Job[SendSMSArgs]) time.Duration { return time.Minute }

// Work sends the message unless it has been sent.
func (w *SendSMSWorker) Work(ctx context.Context, job *river.Job[SendSMSArgs]) error {
	id := job.Args.OutboxID
	tx, err := w.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("notify: sms %d: %w", id, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	q := notifydb.New(tx)
	row, err := q.SMSOutboxForUpdate(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return river.JobCancel(fmt.Errorf("notify: sms %d: no such outbox row", id))
	}
	if err != nil {
		return fmt.Errorf("notify: sms %d: %w", id, err)
	}
	if row.SentAt != nil {
		return nil
	}
	m := sms.Message{ID: "sms-" + strconv.FormatInt(id, 10), To: row.ToNumber, Text: row.BodyText}
	if sendErr := w.Gateway.Send(ctx, m); sendErr != nil {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err := q.SMSOutboxFailed(rctx, truncate(sendErr.Error(), 1000), id)
		if err == nil {
			err = tx.Commit(rctx)
		}
		return errors.Join(fmt.Errorf("notify: sms %d: %w", id, sendErr), err)
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	err = q.SMSOutboxSent(ctx, now().UTC(), id)
	if err == nil {
		err = tx.Commit(ctx)
	}
	if err != nil {
		return fmt.Errorf("notify: sms %d: record sent: %w", id, err)
	}
	return nil
}
