package casework_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
)

// TestSupplementPausesClock: received on Monday 20 April 2026 with 7 working days, the case
// is due on Monday 4 May (27 April, 30 April and 1 May are holidays). A supplement asked on
// Friday 24 April and answered on Wednesday 29 April stopped the clock for two working days
// (Tuesday 28 and Wednesday 29; the weekend and the Monday holiday do not count), so the due
// date moves two working days, to Wednesday 6 May.
func TestSupplementPausesClock(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{submitted: at("2026-04-20 08:00")})

	e.clock.Set(at("2026-04-20 09:00"))
	c, err := e.svc.Do(ctx, officer, id, 1, casework.Receive, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, date("2026-05-04"), *c.DueOn)
	require.True(t, c.ReceivedAt.Equal(at("2026-04-20 09:00")))
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.StartProcessing, casework.Input{})
	require.NoError(t, err)

	e.clock.Set(at("2026-04-24 15:00")) // a Friday, before the weekend and the holiday
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.RequestSupplement, casework.Input{Reason: "Bản sao hợp đồng thuê nhà có chứng thực"})
	require.NoError(t, err)
	require.Equal(t, status.Supplement, c.Status)
	require.True(t, c.PausedAt.Equal(at("2026-04-24 15:00")))
	require.False(t, c.Overdue(at("2026-06-01 09:00")), "no case is late while the clock is stopped")

	e.clock.Set(at("2026-04-29 10:00"))
	_, err = e.svc.Do(ctx, officer, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã bổ sung"})
	requireFault(t, err, fault.EFORBIDDEN, casework.MsgForbidden) // the officer cannot answer for the citizen
	_, err = e.svc.Do(ctx, e.stranger, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã bổ sung"})
	requireFault(t, err, fault.ENOTFOUND, casework.MsgNotFound)
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã tải lên hợp đồng thuê nhà"})
	require.NoError(t, err)
	require.Equal(t, status.Processing, c.Status)
	require.Nil(t, c.PausedAt)
	require.Equal(t, 2, c.PausedDays)
	require.Equal(t, date("2026-05-06"), *c.DueOn)
	require.False(t, c.Overdue(at("2026-05-06 16:00")))
	require.True(t, c.Overdue(at("2026-05-07 08:00")))

	// Paused and answered the same day: no working day lost, the due date stays.
	e.clock.Set(at("2026-05-04 08:00"))
	c, err = e.svc.Do(ctx, supervisor, id, c.Version, casework.RequestSupplement, casework.Input{Reason: "Ảnh chân dung"})
	require.NoError(t, err)
	e.clock.Set(at("2026-05-04 16:00"))
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã bổ sung ảnh"})
	require.NoError(t, err)
	require.Equal(t, 2, c.PausedDays)
	require.Equal(t, date("2026-05-06"), *c.DueOn)

	evs, err := e.svc.Events(ctx, e.owner, id)
	require.NoError(t, err)
	require.Len(t, evs, 7)
	answer := evs[4]
	require.Equal(t, string(casework.AnswerSupplement), answer.Action)
	require.Equal(t, casework.RoleCitizen, answer.Role)
	require.Equal(t, "Đã tải lên hợp đồng thuê nhà", answer.Reason)
	require.Equal(t, date("2026-05-06"), *answer.DueOn)
}

// TestApologyOnce: one apology, with one later due date, per case.
func TestApologyOnce(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, matrixSpec(4)) // due Thursday 10 December 2026
	letter := "Cơ quan xin lỗi ông vì chậm trả kết quả do phải xác minh thêm."

	for _, bad := range []time.Time{date("2026-12-10"), date("2026-12-09"), date("2026-12-12")} { // same day, earlier, a Saturday
		_, err := e.svc.Do(ctx, officer, id, 1, casework.Apology, casework.Input{Reason: letter, NewDueOn: bad})
		requireFault(t, err, fault.EINVALID, casework.MsgApologyDueOn)
	}
	c, err := e.svc.Do(ctx, officer, id, 1, casework.Apology, casework.Input{Reason: letter, NewDueOn: at("2026-12-17 00:00")})
	require.NoError(t, err)
	require.True(t, c.ApologySent)
	require.Equal(t, date("2026-12-17"), *c.DueOn)
	require.Equal(t, status.Processing, c.Status)
	stored, err := casetest.ApologyOf(ctx, e.pool, id)
	require.NoError(t, err)
	require.Equal(t, casetest.Apology{Letter: letter, OldDueOn: date("2026-12-10"), NewDueOn: date("2026-12-17")}, stored)
	require.NotContains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Apology)

	_, err = e.svc.Do(ctx, supervisor, id, c.Version, casework.Apology, casework.Input{Reason: "Lần nữa", NewDueOn: date("2026-12-24")})
	requireFault(t, err, fault.ECONFLICT, casework.MsgApologyOnce)
	require.Equal(t, date("2026-12-17"), *e.get(t, id).DueOn)

	ch := e.notes.all()
	require.Len(t, ch, 1)
	require.Equal(t, casework.Apology, ch[0].Action)
	require.Equal(t, status.Processing, ch[0].FromStatus)
	require.Equal(t, status.Processing, ch[0].ToStatus)
	require.Equal(t, letter, ch[0].Reason)
	require.Equal(t, date("2026-12-17"), *ch[0].DueOn)
}

// TestApologyClearsOverdue: a late case that gets its new due date is no longer late.
func TestApologyClearsOverdue(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	s := matrixSpec(4)
	s.due = ptr(date("2026-11-25"))
	id := e.newCase(t, s)
	w := e.worker(nil)
	_, err := w.Sweep(ctx, e.clock.Now(), 0)
	require.NoError(t, err)
	c := e.get(t, id)
	require.True(t, c.OverdueFlag)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Apology, casework.Input{Reason: "Xin lỗi", NewDueOn: date("2026-12-04")})
	require.NoError(t, err)
	require.False(t, c.OverdueFlag)
	// Decided late, without any sweep in between: the flag is set by the decision itself.
	e.clock.Set(at("2026-12-08 09:00"))
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	require.NoError(t, err)
	require.True(t, c.OverdueFlag)
}

func TestOverdueAndReceiptOverdue(t *testing.T) {
	t.Parallel()
	cal := testCalendar()
	due := date("2026-12-10")
	running := casework.Case{Status: status.Processing, DueOn: &due}
	require.False(t, running.Overdue(at("2026-12-10 23:59")))
	require.True(t, running.Overdue(at("2026-12-11 00:01")))
	require.False(t, running.Overdue(time.Date(2026, 12, 10, 16, 59, 0, 0, time.UTC)), "16:59 UTC is 23:59 in Vietnam")
	require.True(t, running.Overdue(time.Date(2026, 12, 10, 17, 1, 0, 0, time.UTC)))
	for _, st := range []status.Status{3, 5, 8, 9, 10} {
		c := running
		c.Status = st
		require.False(t, c.Overdue(at("2027-01-01 09:00")), st)
	}
	paused := running
	paused.Status, paused.PausedAt = status.Withdrawal, ptr(at("2026-12-01 09:00"))
	require.False(t, paused.Overdue(at("2027-01-01 09:00")))
	require.False(t, casework.Case{Status: status.New}.Overdue(at("2027-01-01 09:00")))

	// Submitted Friday 27 November 2026 at 16:00: one office hour that day, the other seven on
	// Monday 30 November (08:00–12:00, 13:00–16:00).
	hours := cal.Hours("01")
	c := casework.Case{Status: status.New, SubmittedAt: at("2026-11-27 16:00")}
	require.False(t, casework.ReceiptOverdue(c, at("2026-11-30 16:00"), cal, hours))
	require.True(t, casework.ReceiptOverdue(c, at("2026-11-30 16:01"), cal, hours))
	c.Status = status.Received
	require.False(t, casework.ReceiptOverdue(c, at("2026-12-30 16:31"), cal, hours))
	// Submitted Friday 24 April 2026 at 16:00, before a weekend and the Monday holiday.
	c = casework.Case{Status: status.New, SubmittedAt: at("2026-04-24 16:00")}
	require.False(t, casework.ReceiptOverdue(c, at("2026-04-28 16:00"), cal, hours))
	require.True(t, casework.ReceiptOverdue(c, at("2026-04-28 16:01"), cal, hours))
}

// fakeReminder records reminders and fails for the agencies in fail.
type fakeReminder struct {
	mu    sync.Mutex
	calls map[string][][]string // agency → the codes of each call
	fail  map[string]bool
}

func (f *fakeReminder) RemindOfficers(_ context.Context, agency string, cases []casework.CaseRef) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail[agency] {
		return errors.New("mail down")
	}
	var codes []string
	for _, c := range cases {
		codes = append(codes, c.Code)
	}
	if f.calls == nil {
		f.calls = map[string][][]string{}
	}
	f.calls[agency] = append(f.calls[agency], codes)
	return nil
}

func (f *fakeReminder) take() map[string][][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.calls
	f.calls = nil
	return c
}

func (e *env) worker(r casework.Reminder) *casework.DeadlineWorker {
	return &casework.DeadlineWorker{
		Pool: e.pool, Calendars: fixedCalendar{e.cal}, Reminder: r, Now: e.clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// TestDeadlineSweep flags late cases, reminds each agency of its cases due within two working
// days, and does each at most once a day however often it runs.
func TestDeadlineSweep(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	now := at("2026-12-03 10:00") // Thursday; two working days ahead is Monday 7 December
	e.clock.Set(now)
	received := ptr(at("2026-11-20 09:00"))
	mk := func(s spec) (int64, string) {
		s.received = received
		id := e.newCase(t, s)
		return id, e.get2(t, id).Code
	}
	late, _ := mk(spec{status: 4, due: ptr(date("2026-12-02"))})
	_, dueTomorrow := mk(spec{status: 4, due: ptr(date("2026-12-04"))})
	pausedID, _ := mk(spec{status: 5, due: ptr(date("2026-11-30")), paused: ptr(at("2026-11-25 10:00"))})
	decidedID, _ := mk(spec{status: 9, outcome: casework.OutcomeApproved, due: ptr(date("2026-11-30"))})
	unpaused5, _ := mk(spec{status: 5, due: ptr(date("2026-11-30"))}) // awaiting a supplement, even without paused_at
	_, dueMonday := mk(spec{status: 7, prev: 4, due: ptr(date("2026-12-07"))})
	_, dueTuesday := mk(spec{status: 2, due: ptr(date("2026-12-08"))}) // beyond the two days, for now
	mk(spec{status: 5, due: ptr(date("2026-12-04")), paused: ptr(at("2026-12-01 10:00"))})
	yToday, dueTodayY := mk(spec{agency: agencyY, status: 6, payment: 10000, due: ptr(date("2026-12-03"))})
	waiting := e.newCase(t, spec{submitted: at("2026-12-02 08:00")}) // 8 office hours end Wednesday 17:00
	fresh := e.newCase(t, spec{submitted: at("2026-12-02 14:00")})   // … Thursday 14:00

	rem := &fakeReminder{fail: map[string]bool{agencyY: true}}
	w := e.worker(rem)
	res, err := w.Sweep(ctx, now, 0)
	require.Error(t, err, "agency Y's reminder failed")
	require.EqualValues(t, 1, res.Overdue)
	require.EqualValues(t, 1, res.ReceiptOverdue)
	require.Equal(t, map[string][][]string{agencyX: {{dueTomorrow, dueMonday}}}, rem.take())

	require.True(t, e.get(t, late).OverdueFlag)
	require.False(t, e.get(t, pausedID).OverdueFlag)
	require.False(t, e.get(t, decidedID).OverdueFlag)
	require.True(t, e.get(t, waiting).ReceiptOverdue)
	require.False(t, e.get(t, fresh).ReceiptOverdue)
	require.False(t, e.get(t, unpaused5).OverdueFlag)
	for _, id := range []int64{late, pausedID, decidedID, unpaused5} {
		c := e.get(t, id)
		require.Equal(t, c.LateNow(now), c.OverdueFlag, "the sweep and LateNow agree on %s", c.Code)
	}

	// The retry (River retries a failed job) reminds only agency Y.
	rem.fail = nil
	require.NoError(t, w.Work(ctx, &river.Job[casework.DeadlineArgs]{Args: casework.DeadlineArgs{}}))
	require.Equal(t, map[string][][]string{agencyY: {{dueTodayY}}}, rem.take())
	// Again the same day: nothing new.
	res, err = w.Sweep(ctx, now.Add(3*time.Hour), 0)
	require.NoError(t, err)
	require.Zero(t, res.Overdue)
	require.Zero(t, res.ReceiptOverdue)
	require.Empty(t, res.Reminded)
	require.Empty(t, rem.take())

	// The next day: agency Y's case is now late; X's are reminded again.
	next := at("2026-12-04 10:00")
	res, err = w.Sweep(ctx, next, 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Overdue)
	require.True(t, e.get2(t, yToday).OverdueFlag)
	require.Equal(t, map[string][][]string{agencyX: {{dueTomorrow, dueMonday, dueTuesday}}}, rem.take())
	require.True(t, e.get(t, fresh).ReceiptOverdue)

	// A wider window reaches further: from Saturday 5 December, five working days end on
	// Friday 11 December; the case due on the 4th is late by then.
	res, err = w.Sweep(ctx, at("2026-12-05 10:00"), 5)
	require.NoError(t, err)
	require.EqualValues(t, 1, res.Overdue)
	require.Equal(t, map[string][][]string{agencyX: {{dueMonday, dueTuesday}}}, rem.take())
}

// get2 reads a case of either agency.
func (e *env) get2(t testing.TB, id int64) casework.Case {
	t.Helper()
	c, err := e.svc.Get(context.Background(), e.owner, id)
	require.NoError(t, err)
	return c
}

// TestNotifier: the citizen is told of what staff do, inside the same transaction; a failing
// notifier undoes the step.
func TestNotifier(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})
	c, err := e.svc.Do(ctx, officer, id, 1, casework.Receive, casework.Input{})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.StartProcessing, casework.Input{})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.RequestPayment, casework.Input{Amount: 10000, Reason: "Lệ phí đăng ký thường trú"})
	require.NoError(t, err)
	require.EqualValues(t, 10000, c.PaymentAmount)
	c, err = e.svc.Do(ctx, system, id, c.Version, casework.ConfirmPayment, casework.Input{})
	require.NoError(t, err)
	require.NotNil(t, c.PaidAt)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Assign, casework.Input{})
	require.NoError(t, err)

	ch := e.notes.all()
	require.Len(t, ch, 4, "receive, start, payment request, the payment confirmed by the gateway; not the assignment")
	require.Equal(t, []int{2, 4, 6, 4}, e.notes.seen, "the notifier sees the change in its transaction")
	first := ch[0]
	require.Equal(t, casework.Change{
		CaseID: id, CaseCode: c.Code, CitizenID: e.owner.CitizenID, AgencyCode: agencyX, ProcedureCode: procedure,
		Action: casework.Receive, FromStatus: 1, ToStatus: 2, DueOn: ptr(date("2026-12-08")),
		EventID: first.EventID, At: first.At,
	}, first)
	require.Positive(t, first.EventID)
	require.EqualValues(t, 10000, ch[2].Amount)
	require.Equal(t, "Lệ phí đăng ký thường trú", ch[2].Reason)

	e.notes.mu.Lock()
	e.notes.fail = true
	e.notes.mu.Unlock()
	_, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	require.Error(t, err)
	after := e.get(t, id)
	require.Equal(t, status.Processing, after.Status)
	require.Equal(t, c.Version, after.Version)
	evs, err := e.svc.Events(ctx, officer, id)
	require.NoError(t, err)
	require.Len(t, evs, 6)
}

// TestDoTx: a step inside the caller's transaction commits or rolls back with it.
func TestDoTx(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, matrixSpec(4))
	tx, err := e.pool.Begin(ctx)
	require.NoError(t, err)
	c, err := e.svc.DoTx(ctx, tx, officer, id, 1, casework.Approve, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Done, c.Status)
	require.NoError(t, tx.Rollback(ctx))
	require.Equal(t, status.Processing, e.get(t, id).Status)
}
