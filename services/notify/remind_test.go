package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/notify"
)

// fakeOfficers is the staff directory: the addresses of each agency's officers.
type fakeOfficers struct {
	emails map[string][]string
	err    error
	calls  int
}

func (f *fakeOfficers) OfficerEmails(_ context.Context, agency string) ([]string, error) {
	f.calls++
	return f.emails[agency], f.err
}

var _ notify.Officers = (*fakeOfficers)(nil)

var dueSoon = []notify.DueCase{
	{Code: "UBND-00004-261125-0001", ProcedureCode: "1.001193", DueOn: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
	{Code: "UBND-00004-261125-0002", ProcedureCode: "1.001193", DueOn: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)},
}

// TestRemindOfficers checks notify writes the reminders of cases due soon itself, in its own
// transaction, through the insert-only River client it was built with.
func TestRemindOfficers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := setup(t, nil)
	officers := &fakeOfficers{emails: map[string][]string{
		"UBND-00004": {"officer@ubnd.example.vn", "Giám sát <supervisor@ubnd.example.vn>"},
		"UBND-00007": {"officer@ubnd7.example.vn", "not an address"},
	}}
	r := notify.NewReminders(b.svc, officers)
	const outbox = `SELECT count(*) FROM email_outbox`
	const sendJobs = `SELECT count(*) FROM river_job WHERE kind = 'send_email'`

	t.Run("OK", func(t *testing.T) {
		require.NoError(t, r.RemindOfficers(ctx, "UBND-00004", dueSoon))
		for _, addr := range []string{"officer@ubnd.example.vn", "supervisor@ubnd.example.vn"} {
			var id int64
			var subject, body string
			err := b.pool.QueryRow(ctx, `SELECT id, subject, body_text FROM email_outbox WHERE to_address = $1 AND dedupe_key = $2`,
				addr, "remind:UBND-00004:2026-11-27:"+addr).Scan(&id, &subject, &body)
			require.NoError(t, err, "one outbox row for %s, keyed by agency, day and address", addr)
			require.Contains(t, subject, "2 hồ sơ sắp đến hạn")
			require.Contains(t, subject, "cases due soon")
			require.Contains(t, body, "- UBND-00004-261125-0001 (1.001193): hạn / due 01/12/2026")
			require.Contains(t, body, "- UBND-00004-261125-0002 (1.001193): hạn / due 02/12/2026")
			require.Equal(t, 1, b.count(t, jobsFor, id), "a send_email job for the row, in the same transaction")
		}
		require.Equal(t, 2, b.count(t, outbox))
		require.Equal(t, 2, b.count(t, sendJobs))
	})
	t.Run("AgainSameDayAddsNothing", func(t *testing.T) {
		require.NoError(t, r.RemindOfficers(ctx, "UBND-00004", dueSoon[:1]))
		require.Equal(t, 2, b.count(t, outbox))
		require.Equal(t, 2, b.count(t, sendJobs))
	})
	t.Run("NoOfficers", func(t *testing.T) {
		require.NoError(t, r.RemindOfficers(ctx, "UBND-00010", dueSoon))
		require.Equal(t, 2, b.count(t, outbox))
	})
	t.Run("NoCasesAsksNobody", func(t *testing.T) {
		calls := officers.calls
		require.NoError(t, r.RemindOfficers(ctx, "UBND-00004", nil))
		require.Equal(t, calls, officers.calls)
	})
	t.Run("ErrBadAddressWritesNothing", func(t *testing.T) {
		err := r.RemindOfficers(ctx, "UBND-00007", dueSoon)
		require.Equal(t, fault.EINVALID, fault.Code(err))
		require.Zero(t, b.count(t, `SELECT count(*) FROM email_outbox WHERE to_address = 'officer@ubnd7.example.vn'`),
			"the good address's row is rolled back with the bad one")
		require.Equal(t, 2, b.count(t, sendJobs))
	})
	t.Run("ErrDirectory", func(t *testing.T) {
		broken := errors.New("directory down")
		err := notify.NewReminders(b.svc, &fakeOfficers{err: broken}).RemindOfficers(ctx, "UBND-00004", dueSoon)
		require.ErrorIs(t, err, broken)
	})
}

// TestRiverSendsReminder runs the two River clients as the portal does: notify enqueues the
// reminder through the insert-only one, and the other, with the workers, sends it.
func TestRiverSendsReminder(t *testing.T) {
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
	officers := &fakeOfficers{emails: map[string][]string{"UBND-00004": {"officer@ubnd.example.vn"}}}
	require.NoError(t, notify.NewReminders(b.svc, officers).RemindOfficers(ctx, "UBND-00004", dueSoon))

	select {
	case msg := <-m.done:
		require.Equal(t, "officer@ubnd.example.vn", msg.To)
		require.Contains(t, msg.Body, "UBND-00004-261125-0002")
	case <-time.After(20 * time.Second):
		t.Fatal("the reminder's send_email job did not run")
	}
}
