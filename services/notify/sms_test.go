package notify_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/notify"
	"github.com/motlan/portal/services/sms"
)

// workQueued runs every queued send_email and send_sms job with the development mail folder and
// SMS sink, as the portal's River client would.
func (b bundle) workQueued(t *testing.T, mailDir, smsDir string) {
	t.Helper()
	ctx := context.Background()
	mailer := &notify.SendEmailWorker{Pool: b.pool, Mailer: notify.NewDirMailer(mailDir), Now: func() time.Time { return now }}
	texter := &notify.SendSMSWorker{Pool: b.pool, Gateway: sms.NewDirGateway(smsDir), Now: func() time.Time { return now }}
	rows, err := b.pool.Query(ctx, `SELECT kind, (args->>'outbox_id')::bigint FROM river_job WHERE kind IN ('send_email', 'send_sms') ORDER BY id`)
	require.NoError(t, err)
	type job struct {
		Kind string
		ID   int64
	}
	jobs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[job])
	require.NoError(t, err)
	for _, j := range jobs {
		if j.Kind == "send_email" {
			require.NoError(t, mailer.Work(ctx, &river.Job[notify.SendEmailArgs]{Args: notify.SendEmailArgs{OutboxID: j.ID}}))
		} else {
			require.NoError(t, texter.Work(ctx, &river.Job[notify.SendSMSArgs]{Args: notify.SendSMSArgs{OutboxID: j.ID}}))
		}
	}
}

func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return out
	}
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = string(b)
	}
	return out
}

// TestCaseChangedByEmailAndSMS: a change that needs the citizen (a supplement, a payment, a
// result, an apology) goes out by e-mail and SMS, to verified contacts only, once.
func TestCaseChangedByEmailAndSMS(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	mailDir, smsDir := filepath.Join(t.TempDir(), "mail"), filepath.Join(t.TempDir(), "sms")

	an := b.contactCitizen(t, "an", "Nguyễn Văn An", "an@example.vn", "+84912345678", true)
	anCase := b.newCase(t, an, "UBND-00004-261127-0001")
	supplement := b.change(t, an, anCase, "UBND-00004-261127-0001", 5)
	supplement.Reason = "Bản sao giấy chứng sinh"
	b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, supplement) })
	b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, supplement) }) // again: nothing more

	binh := b.contactCitizen(t, "binh", "Trần Thị Bình", "binh@example.vn", "+84987654321", false)
	binhCase := b.newCase(t, binh, "UBND-00004-261127-0002")
	unverified := b.change(t, binh, binhCase, "UBND-00004-261127-0002", 5)
	b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, unverified) })

	b.workQueued(t, mailDir, smsDir)
	mails, texts := files(t, mailDir), files(t, smsDir)
	require.Len(t, mails, 1, "one e-mail, to the verified address only")
	require.Len(t, texts, 1, "one SMS, to the verified number only")
	for _, m := range mails {
		require.Contains(t, m, "To: <an@example.vn>")
		require.Contains(t, m, "UBND-00004-261127-0001")
	}
	for _, text := range texts {
		require.True(t, strings.HasPrefix(text, "To: +84912345678\n\n"), text)
		require.Contains(t, text, "Mot Lan: Ho so UBND-00004-261127-0001 can bo sung giay to, thoi han giai quyet tam dung.")
		require.Contains(t, text, "https://motlan.example/cases/UBND-00004-261127-0001")
		for _, r := range text {
			require.True(t, r == '\n' || r >= 0x20 && r <= 0x7e, "GSM-7 basic characters only: %q", r)
		}
		require.LessOrEqual(t, len(strings.SplitN(text, "\n\n", 2)[1]), 2*153, "two segments at most")
	}

	t.Run("NoSMSForAChangeThatNeedsNothing", func(t *testing.T) {
		c := b.change(t, an, anCase, "UBND-00004-261127-0001", 4) // resumed: an e-mail, no SMS
		due := time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)
		c.FromStatus, c.DueOn = 5, &due
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
		require.Equal(t, 1, b.count(t, `SELECT count(*) FROM sms_outbox`))
		var body string
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT body_text FROM email_outbox WHERE dedupe_key = $1`,
			"case:"+itoa(anCase)+":event:"+itoa(c.EventID)).Scan(&body))
		require.Contains(t, body, "được tiếp tục giải quyết")
		require.Contains(t, body, "Ngày hẹn trả kết quả: 09/12/2026", "the new due date once resumed")
	})

	t.Run("ApologyWithNewDate", func(t *testing.T) {
		c := b.change(t, an, anCase, "UBND-00004-261127-0001", 4)
		due := time.Date(2026, 12, 16, 0, 0, 0, 0, time.UTC)
		c.FromStatus, c.DueOn = 4, &due
		b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
		var text string
		require.NoError(t, b.pool.QueryRow(ctx, `SELECT body_text FROM sms_outbox WHERE dedupe_key = $1`,
			"case:"+itoa(anCase)+":event:"+itoa(c.EventID)).Scan(&text))
		require.Contains(t, text, "Ngay hen moi: 16/12/2026")
	})
}

// TestSendCode: a contact code goes to the new (unverified) value, by the channel it confirms.
func TestSendCode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	mailDir, smsDir := filepath.Join(t.TempDir(), "mail"), filepath.Join(t.TempDir(), "sms")
	exp := now.Add(citizens.CodeTTL)
	b.inTx(t, true, func(tx pgx.Tx) error {
		if err := b.svc.SendCode(ctx, tx, citizens.CodeMessage{Channel: citizens.ChannelPhone, To: "+84912345678", Code: "123456", ExpiresAt: exp, Key: "contact:1:phone:1"}); err != nil {
			return err
		}
		return b.svc.SendCode(ctx, tx, citizens.CodeMessage{Channel: citizens.ChannelEmail, To: "an@example.vn", Code: "654321", ExpiresAt: exp, Key: "contact:1:email:1"})
	})
	b.workQueued(t, mailDir, smsDir)
	texts := files(t, smsDir)
	require.Len(t, texts, 1)
	for _, text := range texts {
		require.Equal(t, "To: +84912345678\n\nMot Lan: Ma xac nhan so dien thoai cua ban la 123456, hieu luc 10 phut. Khong cung cap ma nay cho bat ky ai.\n", text)
	}
	mails := files(t, mailDir)
	require.Len(t, mails, 1)
	for _, m := range mails {
		require.Contains(t, m, "654321")
	}
}
