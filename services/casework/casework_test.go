package casework_test

import (
	"context"
	"fmt"
	"github.com/motlan/portal/services/cases/status"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
)

// TestStaleVersion: two officers open the same case at version 1; the first to act wins, the
// second is told that someone acted first.
func TestStaleVersion(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})

	c, err := e.svc.Do(ctx, officer, id, 1, casework.Receive, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, 2, c.Version)
	_, err = e.svc.Do(ctx, supervisor, id, 1, casework.RefuseIntake, casework.Input{Reason: "Sai thẩm quyền"})
	requireFault(t, err, fault.ECONFLICT, casework.MsgConflict)
	// A stale version is a conflict even for an action the new status allows.
	_, err = e.svc.Do(ctx, supervisor, id, 1, casework.StartProcessing, casework.Input{})
	requireFault(t, err, fault.ECONFLICT, casework.MsgConflict)
	c, err = e.svc.Do(ctx, supervisor, id, 2, casework.StartProcessing, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Processing, c.Status)
	require.Equal(t, 3, c.Version)
}

// TestRace: many officers act on one case at once with the version they all saw; exactly one
// succeeds, and the timeline has exactly one step after the submission.
func TestRace(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	for round := range 5 {
		id := e.newCase(t, spec{})
		actors := []casework.Actor{officer, officer2, supervisor, officer, officer2, supervisor, officer, supervisor}
		start := make(chan struct{})
		errs := make([]error, len(actors))
		var wg sync.WaitGroup
		for i, a := range actors {
			wg.Go(func() {
				<-start
				action, in := casework.Receive, casework.Input{}
				if i%2 == 1 {
					action, in = casework.RefuseIntake, casework.Input{Reason: fmt.Sprintf("lý do %d", i)}
				}
				_, errs[i] = e.svc.Do(ctx, a, id, 1, action, in)
			})
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
				continue
			}
			requireFault(t, err, fault.ECONFLICT, casework.MsgConflict)
		}
		require.Equal(t, 1, won, "round %d", round)
		c := e.get(t, id)
		require.Equal(t, 2, c.Version)
		require.Contains(t, []status.Status{status.Received, status.Refused}, c.Status)
		evs, err := e.svc.Events(ctx, officer, id)
		require.NoError(t, err)
		require.Len(t, evs, 2)
		ok, _, err := e.svc.VerifyEvents(ctx, id)
		require.NoError(t, err)
		require.True(t, ok)
	}
}

// TestOtherAgency: an officer of another agency, or another citizen, gets exactly what a
// missing case gives.
func TestOtherAgency(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{}) // agency X

	_, errMissing := e.svc.Do(ctx, officerY, id+1000, 1, casework.Receive, casework.Input{})
	requireFault(t, errMissing, fault.ENOTFOUND, "case.notfound")
	for _, a := range []casework.Actor{officerY, supervisorY, e.stranger} {
		_, err := e.svc.Do(ctx, a, id, 1, casework.Receive, casework.Input{})
		requireFault(t, err, fault.ENOTFOUND, "case.notfound")
		require.Equal(t, fault.Message(errMissing), fault.Message(err))
		_, err = e.svc.Get(ctx, a, id)
		requireFault(t, err, fault.ENOTFOUND, "case.notfound")
		_, err = e.svc.Events(ctx, a, id)
		requireFault(t, err, fault.ENOTFOUND, "case.notfound")
		_, err = e.svc.Do(ctx, a, id, 1, casework.Assign, casework.Input{AssignTo: a.ID})
		requireFault(t, err, fault.ENOTFOUND, "case.notfound")
	}
	// Even with a stale version, the answer does not tell the case exists.
	_, err := e.svc.Do(ctx, officerY, id, 7, casework.Receive, casework.Input{})
	requireFault(t, err, fault.ENOTFOUND, "case.notfound")

	c := e.get(t, id)
	require.Equal(t, 1, c.Version)
	require.Empty(t, casework.CanDo(c, officerY, e.clock.Now()))
	yours, err := e.svc.Get(ctx, officer, id)
	require.NoError(t, err)
	require.Equal(t, agencyX, yours.AgencyCode)
}

// TestHelpdeskAndAdminCannotAct: they act on no case and read none through this service.
func TestHelpdeskAndAdminCannotAct(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})
	withAgency := helpdesk
	withAgency.AgencyCode = agencyX // even if the session carried an agency
	system := casework.Actor{Kind: casework.KindSystem, ID: "sweep", Role: casework.RoleOfficer, AgencyCode: agencyX}
	for _, a := range []casework.Actor{helpdesk, admin, withAgency, system} {
		for _, act := range casework.AllActions() {
			_, err := e.svc.Do(ctx, a, id, 1, act, casework.Input{Reason: "x", Amount: 1, AssignTo: a.ID})
			requireFault(t, err, fault.EFORBIDDEN, casework.MsgForbidden)
		}
		_, err := e.svc.Get(ctx, a, id)
		requireFault(t, err, fault.EFORBIDDEN, casework.MsgForbidden)
		require.Empty(t, casework.CanDo(e.get(t, id), a, e.clock.Now()))
	}
	require.Equal(t, 1, e.get(t, id).Version)
}

// TestInputRequired: reasons, amounts and due dates are checked before anything is written.
func TestInputRequired(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	for _, tc := range []struct {
		status int
		actor  casework.Actor
		action casework.Action
		in     casework.Input
		msg    string
	}{
		{1, officer, casework.RefuseIntake, casework.Input{Reason: "  "}, casework.MsgReason},
		{4, officer, casework.RequestSupplement, casework.Input{}, casework.MsgReason},
		{5, e.owner, casework.AnswerSupplement, casework.Input{}, casework.MsgReason},
		{4, officer, casework.RequestPayment, casework.Input{Reason: "Lệ phí"}, casework.MsgAmount},
		{4, officer, casework.RequestPayment, casework.Input{Amount: 10000}, casework.MsgReason},
		{4, e.owner, casework.RequestWithdrawal, casework.Input{}, casework.MsgReason},
		{4, officer, casework.Stop, casework.Input{}, casework.MsgReason},
		{4, officer, casework.Refuse, casework.Input{}, casework.MsgReason},
		{4, officer, casework.Apology, casework.Input{NewDueOn: date("2026-12-15")}, casework.MsgReason},
		{4, officer, casework.Apology, casework.Input{Reason: "Xin lỗi"}, casework.MsgApologyDueOn},
		{4, officer, casework.Refuse, casework.Input{Reason: strings.Repeat("ă", casework.MaxReason+1)}, casework.MsgReasonTooLong},
	} {
		id := e.newCase(t, matrixSpec(tc.status))
		_, err := e.svc.Do(ctx, tc.actor, id, 1, tc.action, tc.in)
		requireFault(t, err, fault.EINVALID, tc.msg)
		require.Equal(t, 1, e.get(t, id).Version, tc.action)
	}
	_, err := e.svc.Do(ctx, officer, e.newCase(t, spec{}), 1, casework.Action("approve_all"), casework.Input{})
	requireFault(t, err, fault.EINVALID, casework.MsgUnknownAction)
}
