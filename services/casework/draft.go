package casework

import (
	"time"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// confirmations are the procedures whose applicant confirms a draft of the result before it is
// issued, with the document the draft is of. Data, kept here because the step is the life
// cycle's: the procedure files (services/catalogue/data) do not say it yet.
var confirmations = map[string]forms.Text{
	// NPD 1.001193 "Thủ tục đăng ký khai sinh", online: the civil status officer sends the
	// draft electronic birth certificate to the applicant, who confirms it within one day
	// (DOMAIN-CHECK §1, "1.001193 online flow").
	"1.001193": {VI: "giấy khai sinh", EN: "birth certificate"},
	// NPD 1.000894 "Thủ tục đăng ký kết hôn": the same online step for the marriage certificate.
	"1.000894": {VI: "giấy chứng nhận kết hôn", EN: "marriage certificate"},
}

// draftDue is when the applicant's one working day to answer a draft sent at sent ends: the
// same time of day on the next working day.
func draftDue(cal *calendar.Calendar, sent time.Time) time.Time {
	t := sent.In(calendar.Vietnam())
	d := cal.NextWorkingDay(t)
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), calendar.Vietnam())
}

// NoteDraftUnanswered marks, in the approval's timeline entry (its note), an approval given
// after the applicant left the draft unanswered for its working day.
const NoteDraftUnanswered = "draft_unanswered"

// DraftState is where the draft of a case's result stands.
type DraftState string

// The states of a draft.
const (
	DraftNotNeeded  DraftState = ""           // the procedure issues its result without a draft
	DraftNotSent    DraftState = "not_sent"   // needed, not sent yet
	DraftAwaited    DraftState = "awaited"    // sent, the applicant's working day runs
	DraftUnanswered DraftState = "unanswered" // sent, the day passed without an answer: approval may go ahead
	DraftConfirmed  DraftState = "confirmed"  // the applicant confirmed the last draft
	DraftCorrection DraftState = "correction" // the applicant asked for a correction: a new draft is due
)

// Draft is what a page shows of a case's draft.
type Draft struct {
	State    DraftState
	Document forms.Text // what the draft is of: "giấy khai sinh"
	DueAt    *time.Time // the end of the applicant's day to answer the last draft
}

// NeedsConfirmation reports whether the procedure's result is confirmed by the applicant as a
// draft before it is issued, and the document it is.
func NeedsConfirmation(procedureCode string) (forms.Text, bool) {
	doc, ok := confirmations[procedureCode]
	return doc, ok
}

// DraftOf says where the draft of the case's result stands at now.
func DraftOf(c Case, now time.Time) Draft {
	doc, ok := NeedsConfirmation(c.ProcedureCode)
	if !ok {
		return Draft{}
	}
	d := Draft{Document: doc, DueAt: c.DraftDueAt}
	switch {
	case c.DraftDueAt == nil:
		d.State = DraftNotSent
	case c.DraftAnswer == cases.DraftConfirmed:
		d.State = DraftConfirmed
	case c.DraftAnswer == cases.DraftCorrection:
		d.State = DraftCorrection
	case now.Before(*c.DraftDueAt):
		d.State = DraftAwaited
	default:
		d.State = DraftUnanswered
	}
	return d
}

// checkDraft refuses the steps of a draft that the case's draft does not allow at now, and an
// approval that must wait for the applicant.
func checkDraft(c Case, action Action, now time.Time) error {
	const op = "casework.draft"
	d := DraftOf(c, now)
	switch action {
	case SendDraft:
		if d.State == DraftNotNeeded {
			return fault.New(fault.ECONFLICT, MsgDraftNotNeeded, op)
		}
	case ConfirmDraft, CorrectDraft:
		if d.State != DraftAwaited && d.State != DraftUnanswered {
			return fault.New(fault.ECONFLICT, MsgDraftNone, op)
		}
	case Approve:
		switch d.State {
		case DraftNotSent:
			return fault.New(fault.ECONFLICT, MsgDraftRequired, op)
		case DraftAwaited:
			return fault.New(fault.ECONFLICT, MsgDraftAwaited, op)
		case DraftCorrection:
			return fault.New(fault.ECONFLICT, MsgDraftCorrection, op)
		}
	}
	return nil
}
