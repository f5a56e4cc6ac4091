package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
)

// DemoCase is a made-up case of the demo history (portal seed demo, services/demo): a case in
// any status with the timeline that led there, flagged demo so that staff see it is one.
type DemoCase struct {
	DraftID       uuid.UUID // the bare draft it was submitted from (drafts.InsertSubmittedDemo)
	CitizenID     int64
	ApplicantPID  string
	ApplicantName string
	Procedure     string
	Version       int
	Agency        string
	Status        status.Status
	Submitted     time.Time
	Days          int // days from receipt to the due date
	// Officer is who received and processed it (a staff member of the agency); OfficerID "" leaves
	// it unassigned.
	OfficerID, OfficerName string
	Overdue                bool // found late by the sweep
}

// demoPath is the statuses a demo case went through to reach its own, the submission first.
func demoPath(s status.Status) []status.Status {
	switch s {
	case status.New:
		return []status.Status{status.New}
	case status.Received:
		return []status.Status{status.New, status.Received}
	case status.Refused:
		return []status.Status{status.New, status.Refused}
	case status.Delivered:
		return []status.Status{status.New, status.Received, status.Processing, status.Done, status.Delivered}
	case status.Processing:
		return []status.Status{status.New, status.Received, status.Processing}
	}
	return []status.Status{status.New, status.Received, status.Processing, s}
}

// demoActions names the event that moves a case to each status, as the life cycle's steps do.
var demoActions = map[status.Status]string{status.Received: "receive", status.Refused: "refuse_intake",
	status.Processing: "start_processing", status.Supplement: "request_supplement", status.Payment: "request_payment",
	status.Withdrawal: "request_withdrawal", status.Stopped: "stop", status.Done: "approve", status.Delivered: "deliver"}

// InsertDemo adds a demo case and its timeline in the seed's transaction, with a code from the
// same counters as real submissions (so the two never collide), and returns the code.
func InsertDemo(ctx context.Context, tx pgx.Tx, d DemoCase) (string, error) {
	q := casedb.New(tx)
	next, err := newCodes(nil).next(ctx, tx, d.Agency, d.Submitted) // its reserved ids go unused
	if err != nil {
		return "", fmt.Errorf("cases: demo case: %w", err)
	}
	code := next.code
	received := d.Submitted.Add(3 * time.Hour)
	due := civilDate(received).AddDate(0, 0, d.Days)
	arg := casedb.CaseInsertDemoParams{Code: code, DraftID: d.DraftID, CitizenID: d.CitizenID, ApplicantPid: d.ApplicantPID,
		ApplicantName: d.ApplicantName, ProcedureCode: d.Procedure, ProcedureVersion: d.Version, AgencyCode: d.Agency,
		Status: d.Status, SubmittedAt: d.Submitted, ExpectedDueOn: civilDate(d.Submitted).AddDate(0, 0, d.Days+1),
		AssignedName: "", Overdue: d.Overdue}
	path := demoPath(d.Status)
	if len(path) > 1 && d.Status != status.Refused {
		arg.ReceivedAt, arg.DueOn = &received, &due
	}
	if d.OfficerID != "" && len(path) > 2 {
		arg.AssignedTo, arg.AssignedName = &d.OfficerID, d.OfficerName
	}
	switch d.Status {
	case status.Supplement:
		paused := received.Add(48 * time.Hour)
		arg.PausedAt = &paused
	case status.Withdrawal:
		prev := status.Processing
		arg.PrevStatus = &prev
	case status.Payment:
		amount := int64(50000)
		arg.PaymentAmount = &amount
	case status.Done, status.Delivered:
		outcome := OutcomeApproved
		arg.Outcome = &outcome
	}
	id, err := q.CaseInsertDemo(ctx, arg)
	if err != nil {
		return "", fmt.Errorf("cases: demo case %s: %w", code, err)
	}
	at := d.Submitted
	for i, to := range path {
		e := casedb.EventInsertParams{CaseID: id, At: at, ActorKind: "citizen", ActorID: fmt.Sprintf("citizen:%d", d.CitizenID),
			ActorName: d.ApplicantName, Role: "citizen", ToStatus: to}
		if i > 0 {
			from := path[i-1]
			e.FromStatus, e.Action = &from, demoActions[to]
			e.ActorKind, e.ActorID, e.ActorName, e.Role = "staff", d.OfficerID, d.OfficerName, "officer"
			if d.OfficerID == "" {
				e.ActorKind, e.ActorID, e.ActorName, e.Role = "system", "demo", "Dữ liệu mẫu", "system"
			}
			if to == status.Refused || to == status.Stopped {
				e.Reason = "Hồ sơ mẫu: thiếu giấy tờ theo quy định."
			}
			if to == status.Received {
				e.DueOn = &due
			}
			if to == status.Payment {
				e.Amount = arg.PaymentAmount
			}
			if to == status.Withdrawal {
				e.ActorKind, e.ActorID, e.ActorName, e.Role = "citizen", fmt.Sprintf("citizen:%d", d.CitizenID), d.ApplicantName, "citizen"
			}
		}
		if _, err := q.EventInsert(ctx, e); err != nil {
			return "", fmt.Errorf("cases: demo case %s: event: %w", code, err)
		}
		at = at.Add(3 * time.Hour)
	}
	return code, nil
}

// CountDemo is the number of demo cases.
func CountDemo(ctx context.Context, db casedb.DBTX) (int64, error) {
	n, err := casedb.New(db).CasesDemoCount(ctx)
	if err != nil {
		return 0, fmt.Errorf("cases: count demo cases: %w", err)
	}
	return n, nil
}
