package casework

import (
	"slices"
	"time"

	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
)

// Action is a step an actor takes on a case.
type Action string

// The actions of the life cycle.
const (
	Receive           Action = "receive"            // 1→2, officer
	RefuseIntake      Action = "refuse_intake"      // 1→3, officer, reason
	StartProcessing   Action = "start_processing"   // 2→4, officer
	RequestSupplement Action = "request_supplement" // 1,2,4→5, officer, what is needed; after receipt the clock pauses; at reception once per case
	AnswerSupplement  Action = "answer_supplement"  // 5→1 if asked at reception, else 5→4, owner, answer text; the clock resumes
	RequestPayment    Action = "request_payment"    // 4→6, officer, amount and reason
	ConfirmPayment    Action = "confirm_payment"    // 6→4, system: the payment platform, once every item is paid or waived
	RequestWithdrawal Action = "request_withdrawal" // 1,2,4,5,6→7, owner, reason
	AcceptWithdrawal  Action = "accept_withdrawal"  // 7→8, officer
	RejectWithdrawal  Action = "reject_withdrawal"  // 7→the status before, officer, reason
	Stop              Action = "stop"               // 2,4,5,6→8, officer, reason
	SendDraft         Action = "send_draft"         // 4, no status change, officer: the draft result to confirm (draft.go)
	ConfirmDraft      Action = "confirm_draft"      // 4, no status change, owner: the draft is right
	CorrectDraft      Action = "correct_draft"      // 4, no status change, owner, what is wrong: back to the officer
	Approve           Action = "approve"            // 4→9 approved, officer; after the draft is confirmed or left unanswered a working day
	Refuse            Action = "refuse"             // 4→9 refused, officer, reason
	Deliver           Action = "deliver"            // 9→10, officer; or owner of an approved case
	Apology           Action = "apology"            // no status change, once, officer, letter and new due date
	Assign            Action = "assign"             // no status change; supervisor: anyone; officer: claim
)

// AllActions lists every action in the order a UI shows them.
func AllActions() []Action {
	return []Action{
		Receive, RefuseIntake, StartProcessing, RequestSupplement, AnswerSupplement, RequestPayment, ConfirmPayment,
		RequestWithdrawal, AcceptWithdrawal, RejectWithdrawal, Stop, SendDraft, ConfirmDraft, CorrectDraft, Approve,
		Refuse, Deliver, Apology, Assign,
	}
}

// rule says from which statuses an action may be taken, by whom, and to which status it leads.
type rule struct {
	from status.Group
	to   status.Status // 0: the status does not change (apology, assignment, draft), or returns (back)
	// back lists the statuses the action returns a case to when it came from one of them
	// (cameFrom): a refused withdrawal to where it was asked, a supplement answered to reception
	// when it was asked there. A case that came from elsewhere goes to to (0: the action is not
	// possible).
	back    status.Group
	staff   bool // officers and supervisors of the case's agency
	citizen bool // the case's owner
	system  bool // the portal itself (KindSystem): a step no person takes, such as a payment confirmed by the gateway
	reason  bool // a reason (or letter, or answer) is required
}

// rules is the life cycle: the one table of which action leads from which status to which.
// The database's trigger (migrations/00023, replacing 00008's) enforces the same pairs;
// TestTransitionTrigger checks it against Transitions.
var rules = map[Action]rule{
	Receive:           {from: status.Group{status.New}, to: status.Received, staff: true},
	RefuseIntake:      {from: status.Group{status.New}, to: status.Refused, staff: true, reason: true},
	StartProcessing:   {from: status.Group{status.Received}, to: status.Processing, staff: true},
	RequestSupplement: {from: status.Group{status.New, status.Received, status.Processing}, to: status.Supplement, staff: true, reason: true},
	AnswerSupplement:  {from: status.Group{status.Supplement}, to: status.Processing, back: status.Group{status.New}, citizen: true, reason: true},
	RequestPayment:    {from: status.Group{status.Processing}, to: status.Payment, staff: true, reason: true},
	ConfirmPayment:    {from: status.Group{status.Payment}, to: status.Processing, system: true},
	RequestWithdrawal: {from: withdrawable, to: status.Withdrawal, citizen: true, reason: true},
	AcceptWithdrawal:  {from: status.Group{status.Withdrawal}, to: status.Stopped, staff: true},
	RejectWithdrawal:  {from: status.Group{status.Withdrawal}, back: withdrawable, staff: true, reason: true},
	Stop:              {from: status.Group{status.Received, status.Processing, status.Supplement, status.Payment}, to: status.Stopped, staff: true, reason: true},
	SendDraft:         {from: status.Group{status.Processing}, staff: true},
	ConfirmDraft:      {from: status.Group{status.Processing}, citizen: true},
	CorrectDraft:      {from: status.Group{status.Processing}, citizen: true, reason: true},
	Approve:           {from: status.Group{status.Processing}, to: status.Done, staff: true},
	Refuse:            {from: status.Group{status.Processing}, to: status.Done, staff: true, reason: true},
	Deliver:           {from: status.Group{status.Done}, to: status.Delivered, staff: true, citizen: true},
	Apology:           {from: status.Group{status.Received, status.Processing, status.Supplement, status.Payment}, staff: true, reason: true},
	Assign:            {from: status.Group{status.New, status.Received, status.Processing, status.Supplement, status.Payment, status.Withdrawal, status.Done}, staff: true},
}

// withdrawable are the statuses a citizen may ask to withdraw from, and so the statuses a
// refused withdrawal returns to.
var withdrawable = status.Group{status.New, status.Received, status.Processing, status.Supplement, status.Payment}

// cameFrom is the status a case left for the one it is in, when it may go back there: the
// status a withdrawal was asked from (cases.prev_status), or reception for a supplement asked
// before the case was received. 0 when there is none.
func cameFrom(c Case) status.Status {
	switch c.Status {
	case status.Withdrawal:
		return c.PrevStatus
	case status.Supplement:
		if c.ReceivedAt == nil {
			return status.New
		}
	}
	return 0
}

// next is the status an allowed action leads the case to.
func next(c Case, r rule) status.Status {
	if from := cameFrom(c); from != 0 && r.back.Has(from) {
		return from
	}
	if r.to != 0 {
		return r.to
	}
	return c.Status
}

// Transition is a change of status the life cycle allows. Back marks a return, allowed only
// to the status the case came from: a refused withdrawal's (cases.prev_status), or reception for
// a supplement asked there (a case at 5 never received); the trigger checks the same.
type Transition struct {
	From, To status.Status
	Back     bool
}

// Transitions lists every change of status the rules allow, in status order: what the
// database's trigger must accept, and nothing more.
func Transitions() []Transition {
	seen := map[Transition]bool{}
	for _, r := range rules {
		for _, from := range r.from {
			for _, prev := range r.back {
				seen[Transition{From: from, To: prev, Back: true}] = true
			}
			if r.to != 0 && r.to != from {
				seen[Transition{From: from, To: r.to}] = true
			}
		}
	}
	out := make([]Transition, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b Transition) int {
		if a.From != b.From {
			return int(a.From) - int(b.From)
		}
		return int(a.To) - int(b.To)
	})
	return out
}

// Allowed is the matrix of the life cycle: whether role (RoleOfficer, RoleSupervisor,
// RoleHelpdesk, RoleAdmin, RoleCitizen for the case's owner, or RoleSystem for the portal
// itself) may take action on a case in status. It knows nothing of the case itself: that an apology was already sent, that a refusal
// is not delivered by download, that an officer claims only an unassigned case — CanDo knows.
func Allowed(s status.Status, action Action, role string) bool {
	r, ok := rules[action]
	if !ok || !r.from.Has(s) {
		return false
	}
	switch role {
	case RoleOfficer, RoleSupervisor:
		return r.staff
	case RoleCitizen:
		return r.citizen
	case RoleSystem:
		return r.system
	}
	return false
}

// CanDo returns the actions the actor may take on the case at now, for a UI to offer only those.
func CanDo(c Case, a Actor, now time.Time) []Action {
	if checkActor(a) != nil || authorize(c, a) != nil {
		return nil
	}
	var out []Action
	for _, act := range AllActions() {
		if check(c, a, act, now) == nil {
			out = append(out, act)
		}
	}
	return out
}

// check applies the rules to an authorized actor at now: a role that never takes the action is
// forbidden; an action the case's status or state does not allow is a conflict with it.
func check(c Case, a Actor, action Action, now time.Time) error {
	const op = "casework.check"
	r, ok := rules[action]
	if !ok {
		return fault.New(fault.EINVALID, MsgUnknownAction, op)
	}
	role := a.role()
	ever := (role == RoleCitizen && r.citizen) || ((role == RoleOfficer || role == RoleSupervisor) && r.staff) ||
		(role == RoleSystem && r.system)
	if !ever {
		return fault.New(fault.EFORBIDDEN, MsgForbidden, op)
	}
	if !r.from.Has(c.Status) {
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
	case r.to == 0 && len(r.back) > 0 && !r.back.Has(cameFrom(c)):
		return fault.New(fault.ECONFLICT, MsgBadStatus, op) // nowhere to return to
	case action == RequestSupplement && c.Status == status.New && c.ResubmittedAt != nil:
		return fault.New(fault.ECONFLICT, MsgSupplementOnce, op)
	}
	return checkDraft(c, action, now)
}
