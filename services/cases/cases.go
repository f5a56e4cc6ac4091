// Package cases owns a submitted application and everything recorded about it: the case tables
// (cases, case_events, case_apologies, case_notes, case_code_counters, case_code_timelines,
// case_counts, results) are read and written only here, through the named queries of
// queries/*.sql compiled by sqlc into internal/casedb. The rest of the portal asks this package: the submission of a draft
// (submit.go), the one Case type and the one rule of lateness (case.go), the timeline (event.go),
// the life cycle's writes for services/casework (step.go), the deadline sweep's reads and flags
// (deadline.go), the read models of the pages (views.go), the queue, the dashboard and the
// helpdesk lookups (queue.go, stats.go, lookup.go), and the rows of signed results (result.go).
//
// The statuses and their groups are in the subpackage status.
package cases

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases/internal/casedb"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/fault"
)

// DB is a pool or a transaction: the methods that take one run inside the caller's transaction.
type DB = casedb.DBTX

// Service is the owner of the case tables. It is safe for concurrent use.
type Service struct {
	pool *pgxpool.Pool
	q    *casedb.Queries
	now  func() time.Time
	log  *slog.Logger

	resultBlobs ResultBlobs // where new signed documents' PDFs go (WithResultBlobs); nil: the results table
}

// New returns the cases service.
func New(pool *pgxpool.Pool, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{pool: pool, q: casedb.New(pool), now: now, log: log}
}

// Message keys of the faults this package returns (views/i18n).
const (
	MsgNotFound = "case.notfound"
	MsgConflict = "case.conflict" // another actor changed the case first
)

var (
	// ErrNotFound is a missing case and, alike, a case of another agency or another citizen.
	ErrNotFound = fault.New(fault.ENOTFOUND, MsgNotFound, "cases")
	// ErrConflict is a step on a case that changed since its version was read.
	ErrConflict = fault.New(fault.ECONFLICT, MsgConflict, "cases")
)

func one[R any](r R, err error, conv func(R) (Case, error), op string) (Case, error) {
	if errors.Is(err, pgx.ErrNoRows) {
		return Case{}, ErrNotFound
	}
	if err != nil {
		return Case{}, fmt.Errorf("cases: %s: %w", op, err)
	}
	return conv(r)
}

// Get reads a case by id, with no regard to who asks: callers authorize.
func (s *Service) Get(ctx context.Context, db DB, id int64) (Case, error) {
	r, err := casedb.New(db).CaseByID(ctx, id)
	return one(r, err, func(r casedb.CaseByIDRow) (Case, error) { return fromRow(r.Case, r.ApologySent) }, "get")
}

// Lock reads a case and holds its row lock until tx ends: the start of every step.
func (s *Service) Lock(ctx context.Context, tx pgx.Tx, id int64) (Case, error) {
	r, err := casedb.New(tx).CaseByIDForUpdate(ctx, id)
	return one(r, err, func(r casedb.CaseByIDForUpdateRow) (Case, error) { return fromRow(r.Case, r.ApologySent) }, "lock")
}

// ForCitizen returns the citizen's case by code; anyone else's is not found.
func (s *Service) ForCitizen(ctx context.Context, citizenID int64, code string) (Case, error) {
	return s.ForCitizenIn(ctx, s.pool, citizenID, code)
}

// ForCitizenIn is ForCitizen inside the caller's transaction.
func (s *Service) ForCitizenIn(ctx context.Context, db DB, citizenID int64, code string) (Case, error) {
	r, err := casedb.New(db).CaseByCodeOfCitizen(ctx, code, citizenID)
	return one(r, err, func(r casedb.CaseByCodeOfCitizenRow) (Case, error) { return fromRow(r.Case, r.ApologySent) }, "for citizen")
}

// ForAgency returns a case of the agency by code; another agency's case is not found.
func (s *Service) ForAgency(ctx context.Context, agencyCode, code string) (Case, error) {
	return s.ForAgencyIn(ctx, s.pool, agencyCode, code)
}

// ForAgencyIn is ForAgency inside the caller's transaction.
func (s *Service) ForAgencyIn(ctx context.Context, db DB, agencyCode, code string) (Case, error) {
	r, err := casedb.New(db).CaseByCodeOfAgency(ctx, code, agencyCode)
	return one(r, err, func(r casedb.CaseByCodeOfAgencyRow) (Case, error) { return fromRow(r.Case, r.ApologySent) }, "for agency")
}

// Summary is a case as the citizen's list shows it.
type Summary struct {
	Code          string
	ProcedureCode string
	AgencyCode    string
	Status        status.Status
	SubmittedAt   time.Time
	ExpectedDueOn time.Time
	DueOn         *time.Time
	Overdue       bool
	Subject       string // the name of whom the case is about, when not the applicant ("" otherwise)
}

// AboutMe is a case someone else filed about the citizen, with who filed it and what the
// citizen is to it.
type AboutMe struct {
	Summary
	FiledBy string // the applicant's name
	As      Party  // the citizen's party in the case
}

// AboutPerson returns the cases others filed about the person with that personal ID (as the
// subject, a parent, a partner…), newest first.
func (s *Service) AboutPerson(ctx context.Context, personalID string) ([]AboutMe, error) {
	rows, err := s.q.CasesAboutPerson(ctx, calendar.Date(s.now()), personalID)
	if err != nil {
		return nil, fmt.Errorf("cases: about person: %w", err)
	}
	out := make([]AboutMe, len(rows))
	for i, r := range rows {
		sum := Summary{Code: r.Code, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode,
			Status: r.Status, SubmittedAt: r.SubmittedAt, ExpectedDueOn: r.ExpectedDueOn, DueOn: r.DueOn, Overdue: r.IsOverdue}
		if out[i], err = aboutMe(sum, r.ApplicantName, r.Party, r.Parties); err != nil {
			return nil, fmt.Errorf("cases: about person: %w", err)
		}
	}
	return out, nil
}

// List returns the citizen's cases, newest first.
func (s *Service) List(ctx context.Context, citizenID int64) ([]Summary, error) {
	rows, err := s.q.CasesOfCitizen(ctx, calendar.Date(s.now()), citizenID)
	if err != nil {
		return nil, fmt.Errorf("cases: list: %w", err)
	}
	out := make([]Summary, len(rows))
	for i, r := range rows {
		out[i] = Summary{Code: r.Code, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, Status: r.Status,
			SubmittedAt: r.SubmittedAt, ExpectedDueOn: r.ExpectedDueOn, DueOn: r.DueOn, Overdue: r.IsOverdue, Subject: r.SubjectName}
	}
	return out, nil
}
