package casework

import (
	"slices"

	"github.com/motlan/portal/services/fault"
)

// Action is a step an actor takes on a case.
type Action string

// The actions of the life cycle.
const (
	Receive           Action = "receive"            // 1→2, officer
	RefuseIntake      Action = "refuse_intake"      // 1→3, officer, reason
	StartProcessing   Action = "start_processing"   // 2→4, officer
	RequestSupplement Action = "request_supplement" // 2,4→5, officer, what is needed; the clock pauses
	AnswerSupplement  Action = "answer_supplement"  // 5→4, owner, answer text; the clock resumes
	RequestPayment    Action = "request_payment"    // 4→6, officer, amount and reason
	ConfirmPayment    Action = "confirm_payment"    // 6→4, owner
	RequestWithdrawal Action = "request_withdrawal" // 1,2,4,5,6→7, owner, reason
	AcceptWithdrawal  Action = "accept_withdrawal"  // 7→8, officer
	RejectWithdrawal  Action = "reject_withdrawal"  // 7→the status before, officer, reason
	Stop              Action = "stop"               // 2,4,5,6→8, officer, reason
	Approve           Action = "approve"            // 4→9 approved, officer
	Refuse            Action = "refuse"             // 4→9 refused, officer, reason
	Deliver           Action = "deliver"            // 9→10, officer; or owner of an approved case
	Apology           Action = "apology"            // no status change, once, officer, letter and new due date
	Assign            Action = "assign"             // no status change; supervisor: anyone; officer: claim
)

// AllActions lists every action in the order a UI shows them.
func AllActions() []Action {
	return []Action{
		Receive, RefuseIntake, StartProcessing, RequestSupplement, AnswerSupplement, RequestPayment, ConfirmPayment,
		RequestWithdrawal, AcceptWithdrawal, RejectWithdrawal, Stop, Approve, Refuse, Deliver, Apology, Assign,
	}
}

// rule says from which statuses an action may be taken, and by whom.
type rule struct {
	from    []int
	staff   bool // officers and supervisors of the case's agency
	citizen bool // the case's owner
	reason  bool // a reason (or letter, or answer) is required
}

var rules = map[Action]rule{
	Receive:           {from: []int{1}, staff: true},
	RefuseIntake:      {from: []int{1}, staff: true, reason: true},
	StartProcessing:   {from: []int{2}, staff: true},
	RequestSupplement: {from: []int{2, 4}, staff: true, reason: true},
	AnswerSupplement:  {from: []int{5}, citizen: true, reason: true},
	RequestPayment:    {from: []int{4}, staff: true, reason: true},
	ConfirmPayment:    {from: []int{6}, citizen: true},
	RequestWithdrawal: {from: []int{1, 2, 4, 5, 6}, citizen: true, reason: true},
	AcceptWithdrawal:  {from: []int{7}, staff: true},
	RejectWithdrawal:  {from: []int{7}, staff: true, reason: true},
	Stop:              {from: []int{2, 4, 5, 6}, staff: true, reason: true},
	Approve:           {from: []int{4}, staff: true},
	Refuse:            {from: []int{4}, staff: true, reason: true},
	Deliver:           {from: []int{9}, staff: true, citizen: true},
	Apology:           {from: []int{2, 4, 5, 6}, staff: true, reason: true},
	Assign:            {from: []int{1, 2, 4, 5, 6, 7, 9}, staff: true},
}

// Allowed is the matrix of the life cycle: whether role (RoleOfficer, RoleSupervisor,
// RoleHelpdesk, RoleAdmin, or RoleCitizen for the case's owner) may take action on a case in
// status. It knows nothing of the case itself: that an apology was already sent, that a refusal
// is not delivered by download, that an officer claims only an unassigned case — CanDo knows.
func Allowed(status int, action Action, role string) bool {
	r, ok := rules[action]
	if !ok || !slices.Contains(r.from, status) {
		return false
	}
	switch role {
	case RoleOfficer, RoleSupervisor:
		return r.staff
	case RoleCitizen:
		return r.citizen
	}
	return false
}

// CanDo returns the actions the actor may take on the case now, for a UI to offer only those.
func CanDo(c Case, a Actor) []Action {
	if checkActor(a) != nil || authorize(c, a) != nil {
		return nil
	}
	var out []Action
	for _, act := range AllActions() {
		if check(c, a, act) == nil {
			out = append(out, act)
		}
	}
	return out
}

// check applies the rules to an authorized actor: a role that never takes the action is
// forbidden; an action the case's status does not allow is a conflict with the case's state.
func check(c Case, a Actor, action Action) error {
	const op = "casework.check"
	r, ok := rules[action]
	if !ok {
		return fault.New(fault.EINVALID, MsgUnknownAction, op)
	}
	role := a.role()
	ever := (role == RoleCitizen && r.citizen) || ((role == RoleOfficer || role == RoleSupervisor) && r.staff)
	if !ever {
		return fault.New(fault.EFORBIDDEN, MsgForbidden, op)
	}
	if !slices.Contains(r.from, c.Status) {
		return fault.New(fault.ECONFLICT, MsgBadStatus, op)
	}
	switch {
	case action == Deliver && role == RoleCitizen && c.Outcome != OutcomeApproved:
		return fault.New(fault.EFORBIDDEN, MsgDeliverRefused, op)
	case action == Apology && c.ApologySent:
		return fault.New(fault.ECONFLICT, MsgApologyOnce, op)
	case action == Apology && c.DueOn == nil:
		return fault.New(fault.ECONFLICT, MsgBadStatus, op)
	case action == Assign && role == RoleOfficer && c.AssignedTo != "":
		return fault.New(fault.ECONFLICT, MsgAssigned, op)
	case action == RejectWithdrawal && c.PrevStatus == 0:
		return fault.New(fault.ECONFLICT, MsgBadStatus, op)
	}
	return nil
}
