package casework_test

import (
	"context"
	"fmt"
	"github.com/motlan/portal/services/cases/status"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/fault"
)

// lifeCycle is the brief's table written out again, independently of the package's rules, so
// the service is checked against it rather than against itself: from which statuses each action
// goes, to which status, and whether officers (and supervisors), the owner or the portal itself
// (a payment confirmed by the gateway) take it.
var lifeCycle = map[casework.Action]struct {
	from    []int
	to      int // 0: the status stays (apology, assign, draft); -1: the status before the withdrawal
	staff   bool
	citizen bool
	draft   bool // only for a procedure whose result is confirmed as a draft, which the matrix's is not (TestDraft…)
	system  bool
}{
	casework.Receive:           {[]int{1}, 2, true, false, false, false},
	casework.RefuseIntake:      {[]int{1}, 3, true, false, false, false},
	casework.StartProcessing:   {[]int{2}, 4, true, false, false, false},
	casework.RequestSupplement: {[]int{1, 2, 4}, 5, true, false, false, false},
	casework.AnswerSupplement:  {[]int{5}, 4, false, true, false, false}, // the matrix's case at 5 was received
	casework.RequestPayment:    {[]int{4}, 6, true, false, false, false},
	casework.ConfirmPayment:    {[]int{6}, 4, false, false, false, true},
	casework.RequestWithdrawal: {[]int{1, 2, 4, 5, 6}, 7, false, true, false, false},
	casework.AcceptWithdrawal:  {[]int{7}, 8, true, false, false, false},
	casework.RejectWithdrawal:  {[]int{7}, -1, true, false, false, false},
	casework.Stop:              {[]int{2, 4, 5, 6}, 8, true, false, false, false},
	casework.SendDraft:         {[]int{4}, 0, true, false, true, false},
	casework.ConfirmDraft:      {[]int{4}, 0, false, true, true, false},
	casework.CorrectDraft:      {[]int{4}, 0, false, true, true, false},
	casework.Approve:           {[]int{4}, 9, true, false, false, false},
	casework.Refuse:            {[]int{4}, 9, true, false, false, false},
	casework.Deliver:           {[]int{9}, 10, true, true, false, false},
	casework.Apology:           {[]int{2, 4, 5, 6}, 0, true, false, false, false},
	casework.Assign:            {[]int{1, 2, 4, 5, 6, 7, 9}, 0, true, false, false, false},
}

// matrixSpec is a case in status as the life cycle would have left it.
func matrixSpec(status int) spec {
	s := spec{status: status}
	if status != 1 && status != 3 {
		s.received = ptr(at("2026-11-20 09:00"))
		s.due = ptr(date("2026-12-10"))
	}
	switch status {
	case 5:
		s.paused = ptr(at("2026-11-25 10:00"))
	case 6:
		s.payment = 10000
	case 7:
		s.prev = 4
	case 9, 10:
		s.outcome = casework.OutcomeApproved
	}
	return s
}

// TestMatrix takes every action on a case in every status as every kind of actor, and checks
// the outcome against lifeCycle: the status reached, or the fault.
func TestMatrix(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	type who struct {
		name  string
		actor casework.Actor
	}
	actors := []who{
		{"Officer", officer}, {"Supervisor", supervisor}, {"Helpdesk", helpdesk}, {"Admin", admin},
		{"Owner", e.owner}, {"NotOwner", e.stranger}, {"System", system},
	}
	require.Len(t, casework.AllActions(), len(lifeCycle))
	for st := 1; st <= 10; st++ {
		t.Run(fmt.Sprint("Status", st), func(t *testing.T) {
			t.Parallel()
			for _, action := range casework.AllActions() {
				want, ok := lifeCycle[action]
				require.True(t, ok, action)
				for _, w := range actors {
					t.Run(fmt.Sprintf("%s/%s", action, w.name), func(t *testing.T) {
						in := casework.Input{Reason: "Bổ sung bản sao giấy khai sinh", Amount: 10000, NewDueOn: date("2026-12-15")}
						switch w.name {
						case "Officer":
							in.AssignTo = officer.ID
						case "Supervisor":
							in.AssignTo = officer2.ID
						}
						// What the brief says should happen.
						var code string
						role := w.actor.Role
						switch w.name {
						case "Helpdesk", "Admin":
							code = fault.EFORBIDDEN
						case "NotOwner":
							code = fault.ENOTFOUND
						case "Owner":
							role = casework.RoleCitizen
							if !want.citizen {
								code = fault.EFORBIDDEN
							}
						case "System":
							role = casework.RoleSystem
							if !want.system {
								code = fault.EFORBIDDEN
							}
						default:
							if !want.staff {
								code = fault.EFORBIDDEN
							}
						}
						if code == "" && !slices.Contains(want.from, st) {
							code = fault.ECONFLICT
						}
						require.Equal(t, code == "", casework.Allowed(status.Status(st), action, role), "Allowed disagrees")
						if code == "" && want.draft {
							code = fault.ECONFLICT // Allowed knows the status, not the procedure
						}

						id := e.newCase(t, matrixSpec(st))
						before := e.get(t, id)
						require.Equal(t, code == "", slices.Contains(casework.CanDo(before, w.actor, e.clock.Now()), action), "CanDo disagrees")
						got, err := e.svc.Do(ctx, w.actor, id, 1, action, in)
						if code != "" {
							requireFault(t, err, code, "")
							c := e.get(t, id)
							require.Equal(t, status.Status(st), c.Status, "a refused action changed the case")
							require.Equal(t, 1, c.Version)
							return
						}
						require.NoError(t, err)
						to := want.to
						switch to {
						case 0:
							to = st
						case -1:
							to = 4 // the fixture's status before the withdrawal
						}
						require.Equal(t, status.Status(to), got.Status)
						require.Equal(t, 2, got.Version)
						require.Equal(t, got, e.get(t, id))
					})
				}
			}
		})
	}
}

// TestDeliverByCitizen: the owner takes delivery of an approval (first download), never of a
// refusal; an officer records the handover of either.
func TestDeliverByCitizen(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	refused := e.newCase(t, spec{status: 9, outcome: casework.OutcomeRefused, received: ptr(at("2026-11-20 09:00")), due: ptr(date("2026-12-10"))})
	_, err := e.svc.Do(ctx, e.owner, refused, 1, casework.Deliver, casework.Input{})
	requireFault(t, err, fault.EFORBIDDEN, casework.MsgDeliverRefused)
	c := e.get(t, refused)
	require.NotContains(t, casework.CanDo(c, e.owner, e.clock.Now()), casework.Deliver)
	c, err = e.svc.Do(ctx, officer, refused, 1, casework.Deliver, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Delivered, c.Status)
	require.Equal(t, casework.OutcomeRefused, c.Outcome)
}

// TestAssign: a supervisor assigns any officer of the agency; an officer only claims an
// unassigned case for themselves.
func TestAssign(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	id := e.newCase(t, spec{})

	t.Run("ErrOfficerAssignsOther", func(t *testing.T) {
		_, err := e.svc.Do(ctx, officer, id, 1, casework.Assign, casework.Input{AssignTo: officer2.ID})
		requireFault(t, err, fault.EFORBIDDEN, casework.MsgForbidden)
	})
	t.Run("OfficerClaims", func(t *testing.T) {
		c, err := e.svc.Do(ctx, officer, id, 1, casework.Assign, casework.Input{})
		require.NoError(t, err)
		require.Equal(t, officer.ID, c.AssignedTo)
		require.Equal(t, officer.Name, c.AssignedName)
		require.Equal(t, status.New, c.Status)
	})
	t.Run("ErrClaimTaken", func(t *testing.T) {
		_, err := e.svc.Do(ctx, officer2, id, 2, casework.Assign, casework.Input{AssignTo: officer2.ID})
		requireFault(t, err, fault.ECONFLICT, casework.MsgAssigned)
	})
	t.Run("ErrSupervisorUnknownOfficer", func(t *testing.T) {
		_, err := e.svc.Do(ctx, supervisor, id, 2, casework.Assign, casework.Input{AssignTo: "999"})
		requireFault(t, err, fault.EINVALID, casework.MsgAssignee)
	})
	t.Run("ErrSupervisorOtherAgencysOfficer", func(t *testing.T) {
		_, err := e.svc.Do(ctx, supervisor, id, 2, casework.Assign, casework.Input{AssignTo: officerY.ID})
		requireFault(t, err, fault.EINVALID, casework.MsgAssignee)
	})
	t.Run("ErrSupervisorNoOne", func(t *testing.T) {
		_, err := e.svc.Do(ctx, supervisor, id, 2, casework.Assign, casework.Input{})
		requireFault(t, err, fault.EINVALID, casework.MsgAssignee)
	})
	t.Run("SupervisorReassigns", func(t *testing.T) {
		c, err := e.svc.Do(ctx, supervisor, id, 2, casework.Assign, casework.Input{AssignTo: officer2.ID})
		require.NoError(t, err)
		require.Equal(t, officer2.ID, c.AssignedTo)
		require.Equal(t, officer2.Name, c.AssignedName)
		evs, err := e.svc.Events(ctx, supervisor, id)
		require.NoError(t, err)
		last := evs[len(evs)-1]
		require.Equal(t, string(casework.Assign), last.Action)
		require.Equal(t, officer2.Name, last.Note)
		require.Equal(t, casework.RoleSupervisor, last.Role)
	})
	require.Empty(t, e.notes.all(), "an assignment is not news to the citizen")
}

// TestWithdrawalDuringSupplement: a withdrawal asked while a supplement is awaited keeps the
// clock stopped; refused, the case is back awaiting the supplement; accepted, it stops.
func TestWithdrawalDuringSupplement(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	s := matrixSpec(5)
	id := e.newCase(t, s)
	c, err := e.svc.Do(ctx, e.owner, id, 1, casework.RequestWithdrawal, casework.Input{Reason: "Tôi chuyển nơi ở"})
	require.NoError(t, err)
	require.Equal(t, status.Withdrawal, c.Status)
	require.Equal(t, status.Supplement, c.PrevStatus)
	require.NotNil(t, c.PausedAt)
	require.False(t, c.Overdue(at("2027-06-01 09:00")), "the clock is stopped")

	_, err = e.svc.Do(ctx, officer, id, 2, casework.RejectWithdrawal, casework.Input{})
	requireFault(t, err, fault.EINVALID, casework.MsgReason)
	c, err = e.svc.Do(ctx, officer, id, 2, casework.RejectWithdrawal, casework.Input{Reason: "Hồ sơ đã được xử lý một phần"})
	require.NoError(t, err)
	require.Equal(t, status.Supplement, c.Status)
	require.Zero(t, c.PrevStatus)
	require.NotNil(t, c.PausedAt)

	c, err = e.svc.Do(ctx, e.owner, id, 3, casework.RequestWithdrawal, casework.Input{Reason: "Tôi vẫn muốn rút"})
	require.NoError(t, err)
	c, err = e.svc.Do(ctx, supervisor, id, 4, casework.AcceptWithdrawal, casework.Input{})
	require.NoError(t, err)
	require.Equal(t, status.Stopped, c.Status)
	require.Nil(t, c.PausedAt)
	require.Zero(t, c.PrevStatus)
}
