package casework

import (
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
)

// MaxReason is the longest reason, answer or letter, in characters.
const MaxReason = 4000

// Input is what an action takes besides the case.
type Input struct {
	Reason   string    // the reason; for a supplement request what is needed, for its answer the answer, for an apology the letter
	Amount   int64     // VND, for a payment request
	NewDueOn time.Time // for an apology: the one new due date (its Vietnam date counts)
	AssignTo string    // for assign: the staff id; an officer may only name themselves (or leave it empty)
	File     *File     // for a supplement's answer: the document sent with it, if any
}

// File is a document a citizen sends with a step, stored with the step or not at all.
type File struct {
	Name    string    // as the citizen's device named it
	Content io.Reader // read once, up to the store's size limit
}

// validate checks the input an action needs.
func validate(action Action, in Input) error {
	const op = "casework.input"
	if rules[action].reason {
		if strings.TrimSpace(in.Reason) == "" {
			return fault.New(fault.EINVALID, MsgReason, op)
		}
		if utf8.RuneCountInString(in.Reason) > MaxReason {
			return fault.New(fault.EINVALID, MsgReasonTooLong, op)
		}
	}
	switch {
	case action == RequestPayment && in.Amount <= 0:
		return fault.New(fault.EINVALID, MsgAmount, op)
	case action == Apology && in.NewDueOn.IsZero():
		return fault.New(fault.EINVALID, MsgApologyDueOn, op)
	}
	return nil
}

// step is the outcome of an action: the case after it and its timeline entry.
type step struct {
	next  Case
	event event
}

// event is a case_events row to write.
type event struct {
	action Action
	from   status.Status
	to     status.Status
	reason string
	note   string
	amount *int64
	dueOn  *time.Time
}

// env is what applying an action needs from outside the case.
type env struct {
	now          time.Time
	cal          *calendar.Calendar // for receive, answer_supplement, apology, send_draft
	days         int                // the procedure's processing days, for receive
	assignee     string             // for assign
	assigneeName string
}

// apply computes the case after an allowed action. It reads no clock and no database.
func apply(c Case, action Action, in Input, e env) (step, error) {
	const op = "casework.apply"
	n := c
	ev := event{action: action, from: c.Status, reason: strings.TrimSpace(in.Reason)}
	today := calendar.Date(e.now)
	dueMoved := false
	// The status follows the rules' table; the switch below does the rest of each step.
	n.Status = next(c, rules[action])
	switch action {
	case Receive:
		now := e.now
		due := e.cal.AddWorkingDays(now, e.days)
		n.ReceivedAt, n.DueOn = &now, &due
		ev.dueOn = &due
		dueMoved = true
	case RefuseIntake, StartProcessing, Deliver:
		// the status is all that changes
	case RequestSupplement:
		if c.ReceivedAt != nil { // before receipt no clock runs: nothing to pause
			now := e.now
			n.PausedAt = &now
		}
	case AnswerSupplement:
		if n.Status == status.New { // asked at reception: the intake window starts again
			now := e.now
			n.ResubmittedAt = &now
		}
		if c.PausedAt != nil {
			paused := max(e.cal.WorkingDaysBetween(*c.PausedAt, e.now), 0)
			n.PausedDays += paused
			if c.DueOn != nil && paused > 0 {
				due := e.cal.AddWorkingDays(*c.DueOn, paused)
				n.DueOn = &due
				dueMoved = true
			}
			n.PausedAt = nil
		}
		ev.dueOn = n.DueOn
	case RequestPayment:
		n.PaymentAmount, n.PaidAt = in.Amount, nil
		amount := in.Amount
		ev.amount = &amount
	case ConfirmPayment:
		now := e.now
		n.PaidAt = &now
		if c.PaymentAmount > 0 {
			amount := c.PaymentAmount
			ev.amount = &amount
		}
	case RequestWithdrawal:
		n.PrevStatus = c.Status
	case AcceptWithdrawal:
		n.PrevStatus, n.PausedAt = 0, nil
	case RejectWithdrawal:
		n.PrevStatus = 0
	case Stop:
		n.PausedAt = nil
	case SendDraft:
		due := draftDue(e.cal, e.now)
		n.DraftDueAt, n.DraftAnswer = &due, ""
	case ConfirmDraft:
		n.DraftAnswer = cases.DraftConfirmed
	case CorrectDraft:
		n.DraftAnswer = cases.DraftCorrection
	case Approve:
		n.Outcome = OutcomeApproved
		if DraftOf(c, e.now).State == DraftUnanswered {
			ev.note = NoteDraftUnanswered
		}
	case Refuse:
		n.Outcome = OutcomeRefused
	case Apology:
		due := calendar.Date(in.NewDueOn)
		if c.DueOn == nil || !due.After(calendar.Date(*c.DueOn)) || due.Before(today) || !e.cal.IsWorkingDay(due) {
			return step{}, fault.New(fault.EINVALID, MsgApologyDueOn, op)
		}
		n.DueOn, n.ApologySent = &due, true
		ev.dueOn = &due
		dueMoved = true
	case Assign:
		n.AssignedTo, n.AssignedName = e.assignee, e.assigneeName
		ev.note = e.assigneeName
		ev.reason = ""
	default:
		return step{}, fault.New(fault.EINVALID, MsgUnknownAction, op)
	}
	// The overdue flag follows a moved due date; otherwise it catches up with the step's moment,
	// so a case finished late keeps the flag even if no sweep ran in between.
	if dueMoved {
		n.OverdueFlag = n.LateNow(e.now)
	} else {
		n.OverdueFlag = c.Overdue(e.now)
	}
	ev.to = n.Status
	n.Version = c.Version + 1
	return step{next: n, event: ev}, nil
}
