package cases

import (
	"fmt"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/forms"
)

// Outcomes of a decision.
const (
	OutcomeApproved = "approved"
	OutcomeRefused  = "refused"
)

// Answers of an applicant to a draft of their result.
const (
	DraftConfirmed  = "confirmed"
	DraftCorrection = "correction"
)

// Provenance of one submitted value.
type Provenance struct {
	Source      string    `json:"source"` // population, land, insurance, self_declared, citizen
	RecordRef   string    `json:"record_ref,omitempty"`
	RetrievedAt time.Time `json:"retrieved_at,omitzero"`
}

// Case is a submitted application: what was submitted (the snapshot with provenance) and where
// its life cycle stands. It is the one Go type of a case; services/casework computes its steps.
type Case struct {
	ID               int64
	Code             string
	DraftID          string
	CitizenID        int64
	ApplicantPID     string
	ApplicantName    string
	ProcedureCode    string
	ProcedureVersion int
	AgencyCode       string

	Status     status.Status
	PrevStatus status.Status // while a withdrawal is asked (status 7): the status to return to; else 0
	Version    int           // optimistic concurrency: a step names the version it saw
	Outcome    string        // OutcomeApproved or OutcomeRefused once decided

	SubmittedAt    time.Time
	ReceivedAt     *time.Time
	ExpectedDueOn  time.Time  // the date the receipt promised
	DueOn          *time.Time // a Vietnam civil date at 00:00 UTC; set at receipt
	PausedAt       *time.Time // the deadline clock is stopped since then (supplement requested)
	PausedDays     int        // working days the clock has been stopped, in total
	ApologySent    bool
	OverdueFlag    bool // found late by a step or the sweep; kept once the case finishes late
	ReceiptOverdue bool // was not received within 8 working hours
	// ResubmittedAt is when the citizen completed the dossier at reception's request (the one
	// supplement asked before receipt): the intake window counts from then.
	ResubmittedAt *time.Time
	// DraftDueAt is set when the agency sent a draft of the result for the applicant to
	// confirm: the end of their one working day to answer. DraftAnswer is their answer to the
	// last draft, DraftConfirmed or DraftCorrection, or "" while none.
	DraftDueAt  *time.Time
	DraftAnswer string

	AssignedTo    string
	AssignedName  string
	PaymentAmount int64
	PaidAt        *time.Time

	Data       forms.Answers
	Provenance map[string]Provenance
	// Parties are the people the case names, the applicant first (PartiesOf).
	Parties []Party
	// RoutingReason says why the case's agency is competent ("where you register…").
	RoutingReason forms.Text
	// Demo marks a made-up case of the demo history (portal seed demo, demo.go).
	Demo bool
}

// Party returns the party with that id.
func (c Case) Party(id string) (Party, bool) {
	for _, p := range c.Parties {
		if p.ID == id {
			return p, true
		}
	}
	return Party{}, false
}

// LateNow reports whether the case's running clock is past its due date at now: running, not
// paused for a supplement, and today, in Vietnam, after its due date. It ignores the flag.
func (c Case) LateNow(now time.Time) bool {
	if c.DueOn == nil || c.PausedAt != nil || !status.ClockRunning.Has(c.Status) {
		return false
	}
	return calendar.Date(now).After(calendar.Date(*c.DueOn))
}

// Overdue is the one rule of a late case, the same as the SQL function case_is_overdue
// (migrations/00016): flagged late already, or late now.
func (c Case) Overdue(now time.Time) bool {
	return c.OverdueFlag || c.LateNow(now)
}

// fromRow turns the table's row into a Case.
func fromRow(r casedb.Case, apologySent bool) (Case, error) {
	c := scalarsOf(r, apologySent)
	// The JSON v2 engine, as for drafts (services/drafts fromRow): a case's data is its draft's
	// answers, written by the portal with encoding/json's rules.
	if err := jsonv2.Unmarshal(r.Data, &c.Data); err != nil {
		return Case{}, fmt.Errorf("cases: case %s: data: %w", r.Code, err)
	}
	if err := jsonv2.Unmarshal(r.Provenance, &c.Provenance); err != nil {
		return Case{}, fmt.Errorf("cases: case %s: provenance: %w", r.Code, err)
	}
	if err := jsonv2.Unmarshal(r.Parties, &c.Parties); err != nil {
		return Case{}, fmt.Errorf("cases: case %s: parties: %w", r.Code, err)
	}
	return c, nil
}

// scalarsOf is fromRow without the row's JSON columns (data, provenance, parties): for a row
// whose JSON the caller has just written and holds decoded (SubmitDraft).
func scalarsOf(r casedb.Case, apologySent bool) Case {
	c := Case{
		ID: r.ID, Code: r.Code, DraftID: r.DraftID.String(), CitizenID: r.CitizenID, ApplicantPID: r.ApplicantPid,
		ApplicantName: r.ApplicantName, ProcedureCode: r.ProcedureCode, ProcedureVersion: r.ProcedureVersion,
		AgencyCode: r.AgencyCode, Status: r.Status, Version: r.Version, SubmittedAt: r.SubmittedAt,
		ReceivedAt: r.ReceivedAt, ExpectedDueOn: r.ExpectedDueOn, DueOn: r.DueOn, PausedAt: r.PausedAt,
		PausedDays: r.PausedDays, ApologySent: apologySent, OverdueFlag: r.Overdue, ReceiptOverdue: r.ReceiptOverdue,
		AssignedName: r.AssignedName, PaidAt: r.PaidAt, ResubmittedAt: r.ResubmittedAt, DraftDueAt: r.DraftDueAt,
		Demo: r.Demo,
	}
	if r.PrevStatus != nil {
		c.PrevStatus = *r.PrevStatus
	}
	if r.Outcome != nil {
		c.Outcome = *r.Outcome
	}
	if r.AssignedTo != nil {
		c.AssignedTo = *r.AssignedTo
	}
	if r.PaymentAmount != nil {
		c.PaymentAmount = *r.PaymentAmount
	}
	if r.DraftAnswer != nil {
		c.DraftAnswer = *r.DraftAnswer
	}
	c.RoutingReason = forms.Text{VI: r.RoutingReasonVi, EN: r.RoutingReasonEn}
	return c
}
