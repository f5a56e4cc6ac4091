package casework_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
)

// TestSupplementAtReception: the reception officer asks for the dossier to be completed before
// receiving it (1→5). No deadline runs yet, so nothing pauses, and the citizen is told.
func TestSupplementAtReception(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})
	require.Contains(t, casework.CanDo(e.get(t, id), officer, e.clock.Now()), casework.RequestSupplement)

	_, err := e.svc.Do(ctx, officer, id, 1, casework.RequestSupplement, casework.Input{})
	requireFault(t, err, fault.EINVALID, casework.MsgReason)
	c, err := e.svc.Do(ctx, officer, id, 1, casework.RequestSupplement, casework.Input{Reason: "Bổ sung Giấy chứng sinh bản rõ nét"})
	require.NoError(t, err)
	require.Equal(t, status.Supplement, c.Status)
	require.Nil(t, c.ReceivedAt)
	require.Nil(t, c.DueOn)
	require.Nil(t, c.PausedAt, "before receipt no clock runs: nothing pauses")
	require.Zero(t, c.PausedDays)

	evs, err := e.svc.Events(ctx, officer, id)
	require.NoError(t, err)
	last := evs[len(evs)-1]
	require.Equal(t, string(casework.RequestSupplement), last.Action)
	require.Equal(t, status.New, last.FromStatus)
	require.Equal(t, status.Supplement, last.ToStatus)
	require.Equal(t, "Bổ sung Giấy chứng sinh bản rõ nét", last.Reason)

	notes := e.notes.all()
	require.Len(t, notes, 1)
	require.Equal(t, status.New, notes[0].FromStatus)
	require.Equal(t, status.Supplement, notes[0].ToStatus)

	// What the citizen may do now: answer, or withdraw.
	require.Equal(t, []casework.Action{casework.AnswerSupplement, casework.RequestWithdrawal}, casework.CanDo(c, e.owner, e.clock.Now()))
	// Nor an apology (no due date) nor receiving while the answer is awaited.
	require.NotContains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Apology)
	require.NotContains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Receive)
}

// TestSupplementAtReceptionOnlyOnce: reception asks for completion once per case ("hướng dẫn
// một lần"); a second request is refused with its own message. After receipt, a supplement may
// still be asked as before.
func TestSupplementAtReceptionOnlyOnce(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})
	c, err := e.svc.Do(ctx, officer, id, 1, casework.RequestSupplement, casework.Input{Reason: "Thiếu Giấy chứng sinh"})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã gửi Giấy chứng sinh"})
	require.NoError(t, err)
	require.Equal(t, status.New, c.Status)

	require.NotContains(t, casework.CanDo(c, officer, e.clock.Now()), casework.RequestSupplement)
	require.Contains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Receive)
	for _, a := range []casework.Actor{officer, officer2, supervisor} {
		_, err = e.svc.Do(ctx, a, id, c.Version, casework.RequestSupplement, casework.Input{Reason: "Thiếu thêm giấy tờ"})
		requireFault(t, err, fault.ECONFLICT, casework.MsgSupplementOnce)
	}
	require.Equal(t, c, e.get(t, id), "a refused request changes nothing")

	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Receive, casework.Input{})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.RequestSupplement, casework.Input{Reason: "Xác minh nơi sinh"})
	require.NoError(t, err, "after receipt the processing officer may still ask")
	require.Equal(t, status.Supplement, c.Status)
	require.NotNil(t, c.PausedAt, "after receipt the clock pauses")
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Sinh tại Bệnh viện Phụ sản Hà Nội"})
	require.NoError(t, err)
	require.Equal(t, status.Processing, c.Status)
}

// TestAnswerAtReceptionReturnsToNew: the answer to reception's request brings the case back to
// reception (5→1), even through a refused withdrawal, and it is then received as any new case,
// its deadline counted from the receipt.
func TestAnswerAtReceptionReturnsToNew(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})
	c, err := e.svc.Do(ctx, officer, id, 1, casework.RequestSupplement, casework.Input{Reason: "Thiếu Giấy chứng sinh"})
	require.NoError(t, err)

	// A withdrawal asked meanwhile, refused: the case is back awaiting the supplement.
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.RequestWithdrawal, casework.Input{Reason: "Nhầm thủ tục"})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.RejectWithdrawal, casework.Input{Reason: "Đúng thủ tục, chỉ thiếu giấy tờ"})
	require.NoError(t, err)
	require.Equal(t, status.Supplement, c.Status)

	e.clock.Set(at("2026-11-30 10:00"))
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã gửi Giấy chứng sinh"})
	require.NoError(t, err)
	require.Equal(t, status.New, c.Status)
	require.Nil(t, c.ReceivedAt)
	require.Nil(t, c.DueOn)
	require.Nil(t, c.PausedAt)
	require.Zero(t, c.PausedDays)
	require.NotNil(t, c.ResubmittedAt)
	require.True(t, at("2026-11-30 10:00").Equal(*c.ResubmittedAt))
	evs, err := e.svc.Events(ctx, officer, id)
	require.NoError(t, err)
	last := evs[len(evs)-1]
	require.Equal(t, string(casework.AnswerSupplement), last.Action)
	require.Equal(t, status.Supplement, last.FromStatus)
	require.Equal(t, status.New, last.ToStatus)
	require.Equal(t, "Đã gửi Giấy chứng sinh", last.Reason)

	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Receive, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Received, c.Status)
	require.Equal(t, date("2026-12-09"), *c.DueOn, "7 working days from Monday 30 November")
}

// TestIntakeWindowRestartsAfterAnswer: the 8 working hours to receive a case count from the
// answer to reception's request, not from the submission.
func TestIntakeWindowRestartsAfterAnswer(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	e.clock.Set(at("2026-11-23 10:00")) // Monday
	id := e.newCase(t, spec{submitted: at("2026-11-23 09:00")})
	c, err := e.svc.Do(ctx, officer, id, 1, casework.RequestSupplement, casework.Input{Reason: "Thiếu Giấy chứng sinh"})
	require.NoError(t, err)
	e.clock.Set(at("2026-11-25 14:00")) // Wednesday afternoon: three office hours left that day
	_, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.AnswerSupplement, casework.Input{Reason: "Đã gửi"})
	require.NoError(t, err)
	// Submitted the same Monday and never asked anything: long late by Thursday.
	untouched := e.newCase(t, spec{submitted: at("2026-11-23 09:00")})

	w := e.worker(nil)
	res, err := w.Sweep(ctx, at("2026-11-26 10:00"), 0) // Thursday: 5 of the 8 hours since the answer
	require.NoError(t, err)
	require.EqualValues(t, 1, res.ReceiptOverdue)
	require.False(t, e.get(t, id).ReceiptOverdue, "the window counts from the answer")
	require.True(t, e.get(t, untouched).ReceiptOverdue)

	res, err = w.Sweep(ctx, at("2026-11-27 10:00"), 0) // Friday: more than 8 hours since the answer
	require.NoError(t, err)
	require.EqualValues(t, 1, res.ReceiptOverdue)
	require.True(t, e.get(t, id).ReceiptOverdue)
}
