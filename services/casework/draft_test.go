package casework_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
)

const birth = "1.001193" // its result is confirmed by the applicant as a draft

// birthCase is a birth registration being processed, received on Thursday 26 November 2026.
func (e *env) birthCase(t *testing.T) int64 {
	t.Helper()
	e.addProcedure(t, birth, "Đăng ký khai sinh", 1)
	return e.newCase(t, spec{procedure: birth, status: 4, received: ptr(at("2026-11-26 09:00")), due: ptr(date("2026-11-27"))})
}

// lastEvent is the case's latest timeline entry.
func (e *env) lastEvent(t *testing.T, id int64) cases.Event {
	t.Helper()
	evs, err := e.svc.Events(context.Background(), officer, id)
	require.NoError(t, err)
	return evs[len(evs)-1]
}

// TestDraftCertificateNeedsConfirmation: for a birth registration (NPD 1.001193) the officer
// sends the draft certificate, and approves only once the applicant has confirmed it; the draft
// is a step of its own, with no change of status. A procedure without the step approves as before.
func TestDraftCertificateNeedsConfirmation(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.birthCase(t)
	c := e.get(t, id)
	require.Equal(t, casework.DraftNotSent, casework.DraftOf(c, e.clock.Now()).State)
	require.Equal(t, "giấy khai sinh", casework.DraftOf(c, e.clock.Now()).Document.VI)
	officerCan := casework.CanDo(c, officer, e.clock.Now())
	require.Contains(t, officerCan, casework.SendDraft)
	require.NotContains(t, officerCan, casework.Approve)
	require.Contains(t, officerCan, casework.Refuse, "a refusal issues no certificate: no draft to confirm")
	require.NotContains(t, casework.CanDo(c, e.owner, e.clock.Now()), casework.ConfirmDraft)

	_, err := e.svc.Do(ctx, officer, id, 1, casework.Approve, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgDraftRequired)
	_, err = e.svc.Do(ctx, e.owner, id, 1, casework.ConfirmDraft, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgDraftNone)

	// Friday 27 November 09:00: the applicant has until Monday 30 November 09:00.
	c, err = e.svc.Do(ctx, officer, id, 1, casework.SendDraft, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Processing, c.Status)
	require.True(t, at("2026-11-30 09:00").Equal(*c.DraftDueAt), "%v", c.DraftDueAt)
	require.Empty(t, c.DraftAnswer)
	ev := e.lastEvent(t, id)
	require.Equal(t, string(casework.SendDraft), ev.Action)
	require.Equal(t, status.Processing, ev.FromStatus)
	require.Equal(t, status.Processing, ev.ToStatus)
	notes := e.notes.all()
	require.Len(t, notes, 1, "the applicant is told a draft awaits them")
	require.Equal(t, casework.SendDraft, notes[0].Action)
	require.True(t, c.DraftDueAt.Equal(*notes[0].DraftDueAt))

	require.Equal(t, casework.DraftAwaited, casework.DraftOf(c, e.clock.Now()).State)
	require.NotContains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Approve)
	_, err = e.svc.Do(ctx, supervisor, id, c.Version, casework.Approve, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgDraftAwaited)
	require.Equal(t, []casework.Action{casework.RequestWithdrawal, casework.ConfirmDraft, casework.CorrectDraft},
		casework.CanDo(c, e.owner, e.clock.Now()))

	e.clock.Set(at("2026-11-27 15:00"))
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.ConfirmDraft, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, cases.DraftConfirmed, c.DraftAnswer)
	require.Equal(t, casework.DraftConfirmed, casework.DraftOf(c, e.clock.Now()).State)
	require.NotContains(t, casework.CanDo(c, e.owner, e.clock.Now()), casework.ConfirmDraft)
	require.Equal(t, string(casework.ConfirmDraft), e.lastEvent(t, id).Action)
	require.Len(t, e.notes.all(), 1, "the citizen's own step is not news to them")

	require.Contains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Approve)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Done, c.Status)
	require.Empty(t, e.lastEvent(t, id).Note, "confirmed: nothing to remark")

	t.Run("NotNeeded", func(t *testing.T) {
		other := e.newCase(t, matrixSpec(4)) // permanent residence: no draft
		k := e.get(t, other)
		require.Equal(t, casework.DraftNotNeeded, casework.DraftOf(k, e.clock.Now()).State)
		require.NotContains(t, casework.CanDo(k, officer, e.clock.Now()), casework.SendDraft)
		_, err := e.svc.Do(ctx, officer, other, 1, casework.SendDraft, casework.Input{})
		requireFault(t, err, fault.ECONFLICT, casework.MsgDraftNotNeeded)
		k, err = e.svc.Do(ctx, officer, other, 1, casework.Approve, casework.Input{})
		require.NoError(t, err)
		require.Equal(t, status.Done, k.Status)
	})
}

// TestApproveAfterOneWorkingDayWithoutAnswer: a draft left unanswered for one working day no
// longer holds the approval back, and the approval's timeline entry says it was unanswered.
func TestApproveAfterOneWorkingDayWithoutAnswer(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.birthCase(t)
	c, err := e.svc.Do(ctx, officer, id, 1, casework.SendDraft, casework.Input{}) // Friday 09:00
	require.NoError(t, err)

	e.clock.Set(at("2026-11-30 08:59")) // Monday, a minute short of one working day
	require.NotContains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Approve)
	_, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgDraftAwaited)

	e.clock.Set(at("2026-11-30 09:00"))
	require.Equal(t, casework.DraftUnanswered, casework.DraftOf(c, e.clock.Now()).State)
	require.Contains(t, casework.CanDo(c, officer, e.clock.Now()), casework.Approve)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Done, c.Status)
	require.Equal(t, casework.OutcomeApproved, c.Outcome)
	ev := e.lastEvent(t, id)
	require.Equal(t, string(casework.Approve), ev.Action)
	require.Equal(t, casework.NoteDraftUnanswered, ev.Note)

	t.Run("DayCountsWorkingDays", func(t *testing.T) {
		// Sent on Friday 24 April 2026: the weekend and the holiday of Monday 27 April do not count.
		e.clock.Set(at("2026-04-24 10:00"))
		other := e.newCase(t, spec{procedure: birth, status: 4, received: ptr(at("2026-04-24 08:00")), due: ptr(date("2026-04-28"))})
		k, err := e.svc.Do(ctx, officer, other, 1, casework.SendDraft, casework.Input{})
		require.NoError(t, err)
		require.True(t, at("2026-04-28 10:00").Equal(*k.DraftDueAt), "%v", k.DraftDueAt)
	})
	t.Run("LateAnswerStillCounts", func(t *testing.T) {
		// Past the day, the applicant may still answer until the officer approves.
		e.clock.Set(at("2026-11-27 09:00"))
		other := e.newCase(t, spec{procedure: birth, status: 4, received: ptr(at("2026-11-26 09:00")), due: ptr(date("2026-11-27"))})
		k, err := e.svc.Do(ctx, officer, other, 1, casework.SendDraft, casework.Input{})
		require.NoError(t, err)
		e.clock.Set(at("2026-12-01 09:00"))
		k, err = e.svc.Do(ctx, e.owner, other, k.Version, casework.CorrectDraft, casework.Input{Reason: "Sai ngày sinh của trẻ"})
		require.NoError(t, err)
		_, err = e.svc.Do(ctx, officer, other, k.Version, casework.Approve, casework.Input{})
		requireFault(t, err, fault.ECONFLICT, casework.MsgDraftCorrection)
	})
}

// TestCorrectionRequestReturnsToOfficer: the applicant who finds the draft wrong says what, and
// the case is back with the officer, who sends a corrected draft before approving.
func TestCorrectionRequestReturnsToOfficer(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.birthCase(t)
	c, err := e.svc.Do(ctx, officer, id, 1, casework.SendDraft, casework.Input{})
	require.NoError(t, err)

	_, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.CorrectDraft, casework.Input{Reason: "  "})
	requireFault(t, err, fault.EINVALID, casework.MsgReason)
	const wrong = "Tên đệm của mẹ là “Thị”, không phải “Thi”"
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.CorrectDraft, casework.Input{Reason: wrong})
	require.NoError(t, err)
	require.Equal(t, status.Processing, c.Status)
	require.Equal(t, cases.DraftCorrection, c.DraftAnswer)
	ev := e.lastEvent(t, id)
	require.Equal(t, string(casework.CorrectDraft), ev.Action)
	require.Equal(t, wrong, ev.Reason)
	require.Equal(t, status.Processing, ev.ToStatus)

	// With the officer: no approval, however long they wait, until a new draft is sent.
	e.clock.Set(at("2026-12-07 10:00"))
	require.Equal(t, casework.DraftCorrection, casework.DraftOf(c, e.clock.Now()).State)
	officerCan := casework.CanDo(c, officer, e.clock.Now())
	require.Contains(t, officerCan, casework.SendDraft)
	require.NotContains(t, officerCan, casework.Approve)
	_, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgDraftCorrection)
	require.NotContains(t, casework.CanDo(c, e.owner, e.clock.Now()), casework.ConfirmDraft)
	_, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.ConfirmDraft, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgDraftNone)

	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.SendDraft, casework.Input{}) // Monday 7 December 10:00
	require.NoError(t, err)
	require.Empty(t, c.DraftAnswer, "a new draft awaits a new answer")
	require.True(t, at("2026-12-08 10:00").Equal(*c.DraftDueAt), "%v", c.DraftDueAt)
	c, err = e.svc.Do(ctx, e.owner, id, c.Version, casework.ConfirmDraft, casework.Input{})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, officer, id, c.Version, casework.Approve, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Done, c.Status)
}
