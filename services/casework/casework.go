// Package casework is the life cycle of a submitted case: who may move it from which national
// status to which, the legal deadline that runs from its receipt (paused while a supplement is
// awaited, moved once by an apology), the hash-chained timeline of every step, and the sweep
// that flags late cases and reminds officers of cases due soon.
//
// The transitions are enforced twice: here, with the actor's role and ownership, and in the
// database, where a trigger refuses any status change outside the life cycle, so that not even a
// raw UPDATE can skip a step.
package casework

import (
	"fmt"

	"github.com/motlan/portal/services/cases"
)

// Outcomes of a decision (services/cases).
const (
	OutcomeApproved = cases.OutcomeApproved
	OutcomeRefused  = cases.OutcomeRefused
)

// SupplementField is the field under which a supplement's documents are stored.
const SupplementField = "supplement"

// Actor kinds and roles.
const (
	KindStaff   = cases.KindStaff
	KindCitizen = cases.KindCitizen
	KindSystem  = cases.KindSystem

	RoleOfficer    = "officer"
	RoleSupervisor = "supervisor"
	RoleHelpdesk   = "helpdesk"
	RoleAdmin      = "admin"
	RoleCitizen    = "citizen" // the role Allowed takes for a case's owner
	RoleSystem     = "system"  // the role of a KindSystem actor: the portal itself (a payment confirmed)
)

// Actor is who acts. A staff member acts with one role: pass the most capable case role they
// hold (supervisor over officer); helpdesk and administrators act on no case. A citizen is
// identified by CitizenID and acts only on their own cases. The portal itself (KindSystem, with
// an ID and a Name for the timeline) takes only the steps the rules mark as the system's, on
// any case: services/payment confirms a payment so.
type Actor struct {
	Kind       string // KindStaff, KindCitizen or KindSystem
	ID         string // the staff member's stable id; for a citizen, left empty
	Name       string // shown on the timeline
	Role       string // for staff: RoleOfficer, RoleSupervisor, RoleHelpdesk, RoleAdmin
	AgencyCode string // for staff: their agency
	CitizenID  int64  // for a citizen
}

// role is the actor's role as the rules know it.
func (a Actor) role() string {
	if a.Kind == KindCitizen {
		return RoleCitizen
	}
	if a.Kind == KindStaff {
		return a.Role
	}
	if a.Kind == KindSystem {
		return RoleSystem
	}
	return ""
}

// eventID is how the timeline names the actor.
func (a Actor) eventID() string {
	if a.Kind == KindCitizen {
		return fmt.Sprintf("citizen:%d", a.CitizenID)
	}
	return a.ID
}

// Case is a case: the one type of services/cases.
type Case = cases.Case

// Message keys of the faults this package returns (views/i18n).
const (
	MsgNotFound       = cases.MsgNotFound
	MsgConflict       = cases.MsgConflict       // another actor changed the case first
	MsgForbidden      = "case.forbidden"        // the actor's role may not do this
	MsgBadStatus      = "case.badstatus"        // not in the case's current status
	MsgApologyOnce    = "case.apology.once"     // an apology was already sent
	MsgAssigned       = "case.assign.taken"     // an officer claims a case someone holds
	MsgReason         = "case.reason.required"  // reason, supplement request, answer or letter
	MsgReasonTooLong  = "case.reason.toolong"   // more than MaxReason characters
	MsgAmount         = "case.amount.invalid"   // a payment request without a positive amount
	MsgApologyDueOn   = "case.apology.duedate"  // new due date missing, not later, or not a working day
	MsgAssignee       = "case.assignee.invalid" // not an officer of the agency
	MsgUnknownAction  = "case.action.unknown"
	MsgDeliverRefused = "case.deliver.refused" // a citizen takes delivery (download) of an approval only

	MsgSupplementOnce  = "case.supplement.once"  // reception asks for completion once per case
	MsgDraftNotNeeded  = "case.draft.notneeded"  // the procedure's result needs no draft
	MsgDraftNone       = "case.draft.none"       // no draft awaits the applicant's answer
	MsgDraftRequired   = "case.draft.required"   // approval: send the draft to the applicant first
	MsgDraftAwaited    = "case.draft.awaited"    // approval: the applicant's working day to answer runs
	MsgDraftCorrection = "case.draft.correction" // approval: the applicant asked for a correction
)

// Faults returned by the service; compare with fault.Code and fault.Message.
var (
	// ErrNotFound is a missing case and, alike, a case of another agency or another citizen.
	ErrNotFound = cases.ErrNotFound
	ErrConflict = cases.ErrConflict
)
