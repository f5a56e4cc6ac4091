package notify_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/pipeline"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/notify"
)

// written is what a change left in the tables for its case, with the case's code replaced by
// {code} so that two cases' rows compare.
type written struct {
	Notification []string // kind, titles, bodies, link
	Email        []string // to, subject, body; nil: none
	SMS          []string // to, body; nil: none
	EmailJobs    int      // send_email jobs of the email's row
	SMSJobs      int
}

func (b bundle) written(t *testing.T, caseID, eventID int64, code string) written {
	t.Helper()
	ctx := context.Background()
	strip := func(ss ...string) []string {
		for i := range ss {
			ss[i] = strings.ReplaceAll(ss[i], code, "{code}")
		}
		return ss
	}
	var w written
	var kind, tvi, ten, bvi, ben, link string
	require.NoError(t, b.pool.QueryRow(ctx, `SELECT kind, title_vi, title_en, body_vi, body_en, link FROM notifications
		WHERE case_id = $1 AND case_event_id = $2`, caseID, eventID).Scan(&kind, &tvi, &ten, &bvi, &ben, &link))
	w.Notification = strip(kind, tvi, ten, bvi, ben, link)
	key := "case:" + itoa(caseID) + ":event:" + itoa(eventID)
	var id int64
	var to, subject, body string
	err := b.pool.QueryRow(ctx, `SELECT id, to_address, subject, body_text FROM email_outbox WHERE dedupe_key = $1`, key).Scan(&id, &to, &subject, &body)
	if err != pgx.ErrNoRows {
		require.NoError(t, err)
		w.Email, w.EmailJobs = strip(to, subject, body), b.count(t, jobsFor, id)
	}
	err = b.pool.QueryRow(ctx, `SELECT id, to_number, body_text FROM sms_outbox WHERE dedupe_key = $1`, key).Scan(&id, &to, &body)
	if err != pgx.ErrNoRows {
		require.NoError(t, err)
		w.SMS = strip(to, body)
		w.SMSJobs = b.count(t, `SELECT count(*) FROM river_job WHERE kind = 'send_sms' AND (args->>'outbox_id')::bigint = $1`, id)
	}
	return w
}

// TestPrepareCaseChange: a change prepared before its case is written (its outbox ids reserved
// and its jobs queued) and queued in a pipeline once the case has its code writes what
// CaseChanged writes for the same change, and its jobs send their rows; rolled back, it leaves
// nothing.
func TestPrepareCaseChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	due := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	an := b.contactCitizen(t, "an", "Nguyễn Văn An", "an@example.vn", "+84912345678", true)
	cuong := b.citizen(t, "cuong", "Lê Văn Cường", "")
	n := 0
	newCase := func(citizen int64) (int64, string) {
		n++
		code := "UBND-00004-261127-" + strings.Repeat("0", 3) + itoa(int64(n))
		return b.newCase(t, citizen, code), code
	}
	prepared := func(t *testing.T, tx pgx.Tx, c notify.Change, caseID int64, code string, eventID int64) {
		t.Helper()
		c.CaseID, c.CaseCode, c.EventID = 0, "", 0
		pend, err := b.svc.PrepareCaseChange(ctx, tx, c)
		require.NoError(t, err)
		p := pipeline.New(tx)
		require.NoError(t, pend.Queue(ctx, p, caseID, code, eventID))
		require.Equal(t, fault.EINVALID, fault.Code(pend.Queue(ctx, p, caseID, code, eventID)), "queued once")
		p.Send(ctx)
		require.NoError(t, p.Close())
	}

	for _, tc := range []struct {
		name     string
		citizen  int64
		from, to int
		email    bool
		sms      bool
	}{
		{"SubmittedEmailNoSMS", an, 0, 1, true, false},
		{"SupplementEmailAndSMS", an, 4, 5, true, true},
		{"NoContactInAppOnly", cuong, 0, 1, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			told, toldCode := newCase(tc.citizen)
			c := b.change(t, tc.citizen, told, toldCode, tc.to)
			c.FromStatus, c.DueOn = tc.from, &due
			b.inTx(t, true, func(tx pgx.Tx) error { return b.svc.CaseChanged(ctx, tx, c) })
			want := b.written(t, told, c.EventID, toldCode)
			require.Equal(t, tc.email, want.Email != nil)
			require.Equal(t, tc.sms, want.SMS != nil)

			caseID, code := newCase(tc.citizen)
			eventID := b.event(t, caseID, tc.to)
			b.inTx(t, true, func(tx pgx.Tx) error { prepared(t, tx, c, caseID, code, eventID); return nil })
			require.Equal(t, want, b.written(t, caseID, eventID, code))
		})
	}

	t.Run("JobsSendTheirRows", func(t *testing.T) {
		mailDir, smsDir := filepath.Join(t.TempDir(), "mail"), filepath.Join(t.TempDir(), "sms")
		b.workQueued(t, mailDir, smsDir)
		mails, texts := files(t, mailDir), files(t, smsDir)
		require.Len(t, mails, 4, "both ways, for the two changes with an address")
		require.Len(t, texts, 2, "both ways, for the supplement")
	})

	t.Run("RolledBackLeavesNothing", func(t *testing.T) {
		caseID, code := newCase(an)
		eventID := b.event(t, caseID, 5)
		c := b.change(t, an, caseID, code, 5)
		jobs, outbox, texts := b.count(t, `SELECT count(*) FROM river_job`), b.count(t, `SELECT count(*) FROM email_outbox`), b.count(t, `SELECT count(*) FROM sms_outbox`)
		b.inTx(t, false, func(tx pgx.Tx) error { prepared(t, tx, c, caseID, code, eventID); return nil })
		require.Zero(t, b.count(t, `SELECT count(*) FROM notifications WHERE case_id = $1`, caseID))
		require.Equal(t, jobs, b.count(t, `SELECT count(*) FROM river_job`))
		require.Equal(t, outbox, b.count(t, `SELECT count(*) FROM email_outbox`))
		require.Equal(t, texts, b.count(t, `SELECT count(*) FROM sms_outbox`))
	})

	t.Run("ErrCaseAlreadyGiven", func(t *testing.T) {
		caseID, code := newCase(an)
		c := b.change(t, an, caseID, code, 1)
		tx, err := b.pool.Begin(ctx)
		require.NoError(t, err)
		defer tx.Rollback(ctx)
		_, err = b.svc.PrepareCaseChange(ctx, tx, c)
		require.Equal(t, fault.EINVALID, fault.Code(err), "a change with its case is CaseChanged's")
	})
}
