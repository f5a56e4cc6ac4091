package cases

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
)

// Lookup is a case as the helpdesk finds it, across agencies: what "where is my file?" needs,
// with the statuses of its timeline but not their reasons, which may hold personal data. The
// caller masks the applicant and records the access.
type Lookup struct {
	Code          string
	ProcedureCode string
	AgencyCode    string
	Status        status.Status
	SubmittedAt   time.Time
	DueOn         *time.Time
	ExpectedDueOn time.Time
	Overdue       bool // case_is_overdue today
	ApplicantName string
	ApplicantPID  string
	Timeline      []StatusAt // oldest first
}

// StatusAt is one step of a timeline as the helpdesk sees it: when, and the status it led to.
type StatusAt struct {
	At     time.Time
	Status status.Status
}

// LookupByCode finds a case by its code, in any agency; ErrNotFound when there is none.
func (s *Service) LookupByCode(ctx context.Context, code string) (Lookup, error) {
	return s.LookupByCodeIn(ctx, s.pool, code)
}

// LookupByCodeIn is LookupByCode inside the caller's transaction.
func (s *Service) LookupByCodeIn(ctx context.Context, db DB, code string) (Lookup, error) {
	r, err := casedb.New(db).LookupByCode(ctx, calendar.Date(s.now()), code)
	if err := noRow(err, "lookup by code"); err != nil {
		return Lookup{}, err
	}
	return lookup(r.Code, r.ProcedureCode, r.AgencyCode, r.Status, r.SubmittedAt, r.DueOn, r.ExpectedDueOn, r.IsOverdue,
		r.ApplicantName, r.ApplicantPid, r.TimelineAt, r.TimelineStatus), nil
}

// LookupByPerson finds the cases of a personal ID, newest first and at most 50, when the
// citizen who submitted them was born on born: both must match.
func (s *Service) LookupByPerson(ctx context.Context, personalID string, born time.Time) ([]Lookup, error) {
	return s.LookupByPersonIn(ctx, s.pool, personalID, born)
}

// LookupByPersonIn is LookupByPerson inside the caller's transaction.
func (s *Service) LookupByPersonIn(ctx context.Context, db DB, personalID string, born time.Time) ([]Lookup, error) {
	rows, err := casedb.New(db).LookupByPerson(ctx, calendar.Date(s.now()), personalID, born)
	if err != nil {
		return nil, fmt.Errorf("cases: lookup by person: %w", err)
	}
	out := make([]Lookup, len(rows))
	for i, r := range rows {
		out[i] = lookup(r.Code, r.ProcedureCode, r.AgencyCode, r.Status, r.SubmittedAt, r.DueOn, r.ExpectedDueOn, r.IsOverdue,
			r.ApplicantName, r.ApplicantPid, r.TimelineAt, r.TimelineStatus)
	}
	return out, nil
}

func lookup(code, procedure, agency string, st status.Status, submitted time.Time, due *time.Time, expected time.Time,
	overdue bool, name, pid string, ats []time.Time, statuses []int16) Lookup {
	l := Lookup{Code: code, ProcedureCode: procedure, AgencyCode: agency, Status: st, SubmittedAt: submitted, DueOn: due,
		ExpectedDueOn: expected, Overdue: overdue, ApplicantName: name, ApplicantPID: pid}
	l.Timeline = make([]StatusAt, min(len(ats), len(statuses)))
	for i := range l.Timeline {
		l.Timeline[i] = StatusAt{At: ats[i], Status: status.Status(statuses[i])}
	}
	return l
}

// Tracked is what public tracking reads of a case: its status and dates, whether it is late by
// the one rule, and the personal ID whose last four digits the caller must give. The caller
// compares them and shows nothing else.
type Tracked struct {
	Status        status.Status
	DueOn         *time.Time
	ExpectedDueOn time.Time
	Overdue       bool // case_is_overdue today
	ApplicantPID  string
}

// Track reads a case by its code for public tracking; ErrNotFound when there is none.
func (s *Service) Track(ctx context.Context, code string) (Tracked, error) {
	r, err := s.q.TrackByCode(ctx, calendar.Date(s.now()), code)
	if err := noRow(err, "track"); err != nil {
		return Tracked{}, err
	}
	return Tracked{Status: r.Status, DueOn: r.DueOn, ExpectedDueOn: r.ExpectedDueOn, Overdue: r.IsOverdue,
		ApplicantPID: r.ApplicantPid}, nil
}

// CitizenOf returns the id of the citizen a case is for; ErrNotFound when there is no such case.
// services/attachments asks it before it adds a citizen's file to a case.
func (s *Service) CitizenOf(ctx context.Context, caseID int64) (int64, error) {
	r, err := s.q.CaseParties(ctx, caseID)
	if err := noRow(err, "citizen of case"); err != nil {
		return 0, err
	}
	return r.CitizenID, nil
}

// AgencyOf returns the code of the agency a case went to; ErrNotFound when there is no such
// case. services/attachments asks it before it shows a case's file to an agency's staff.
func (s *Service) AgencyOf(ctx context.Context, caseID int64) (string, error) {
	r, err := s.q.CaseParties(ctx, caseID)
	if err := noRow(err, "agency of case"); err != nil {
		return "", err
	}
	return r.AgencyCode, nil
}

// noRow turns a query's missing row into ErrNotFound and wraps any other error with op.
func noRow(err error, op string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("cases: %s: %w", op, err)
	}
	return nil
}

// SupplementAsk is what an officer asked the citizen to supply, and when.
type SupplementAsk struct {
	Text string
	At   time.Time
}

// SupplementAskedIn returns the last supplement request of the case with code, inside the
// caller's transaction; ErrNotFound when none was asked.
func (s *Service) SupplementAskedIn(ctx context.Context, db DB, code string) (SupplementAsk, error) {
	r, err := casedb.New(db).SupplementAskedOfCode(ctx, code)
	if err := noRow(err, "supplement asked"); err != nil {
		return SupplementAsk{}, err
	}
	return SupplementAsk{Text: r.Reason, At: r.At}, nil
}
