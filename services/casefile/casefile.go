// Package casefile builds the read models of the pages that show one case: the officer's case
// file. A page gets everything it shows from one call, read in one transaction that also
// records the access to the citizen's data (services/audit), so the log never misses a read and
// never holds one that failed. The transaction runs at READ COMMITTED: the audit chain's append
// must see the chain head its advisory lock was waiting for.
package casefile

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/staff"
)

// Catalogue names a case's procedure and agency and gives the form it was filed on
// (services/catalogue, which keeps them in memory).
type Catalogue interface {
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
	Version(ctx context.Context, code string, version int) (catalogue.Version, error)
}

// Officers lists whom a supervisor may assign a case to (services/staff).
type Officers interface {
	Officers(ctx context.Context, agency string) ([]staff.Officer, error)
}

// Service loads case files.
type Service struct {
	pool     *pgxpool.Pool
	cases    *cases.Service
	audit    *audit.Log
	officers Officers
	cat      Catalogue
	now      func() time.Time
}

// New returns the case-file service.
func New(pool *pgxpool.Pool, auditLog *audit.Log, officers Officers, cat Catalogue, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, cases: cases.New(pool, now, nil), audit: auditLog, officers: officers, cat: cat, now: now}
}

// Filing is what a case was filed on: the procedure, the agency it went to, and the version
// of the form its answers follow.
type Filing struct {
	Procedure catalogue.Procedure
	Agency    catalogue.Agency
	Form      catalogue.Version
}

func (s *Service) filing(ctx context.Context, k cases.Case) (Filing, error) {
	var f Filing
	var err error
	if f.Procedure, err = s.cat.Get(ctx, k.ProcedureCode); err != nil {
		return Filing{}, err
	}
	if f.Agency, err = s.cat.Agency(ctx, k.AgencyCode); err != nil {
		return Filing{}, err
	}
	if f.Form, err = s.cat.Version(ctx, k.ProcedureCode, k.ProcedureVersion); err != nil {
		return Filing{}, err
	}
	return f, nil
}

// OfficerFile is what the officer's case page shows.
type OfficerFile struct {
	Filing
	Case     cases.Case
	Overdue  bool // the one rule of lateness, at the time of reading
	Events   []cases.Event
	Files    []attachments.Attachment
	Notes    []cases.Note
	Reports  []cases.Discrepancy
	Actions  []casework.Action // what the reader may do now
	Draft    casework.Draft    // where the draft of the result stands, for a procedure that needs one
	Officers []staff.Officer   // for a supervisor: whom the case may be assigned to
	Parts    []cases.Part      // a linked procedure's parts, each with its agency
}

// ForOfficer loads the agency's case by code for an officer or supervisor, and records in the
// same transaction that they opened the citizen's data. Another agency's case is not found.
func (s *Service) ForOfficer(ctx context.Context, a casework.Actor, code string) (OfficerFile, error) {
	if a.Kind != casework.KindStaff || (a.Role != casework.RoleOfficer && a.Role != casework.RoleSupervisor) || a.AgencyCode == "" {
		return OfficerFile{}, casework.ErrNotFound
	}
	var f OfficerFile
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		k, err := s.cases.ForAgencyIn(ctx, tx, a.AgencyCode, code)
		if err != nil {
			return err
		}
		f.Case = k
		if f.Filing, err = s.filing(ctx, k); err != nil { // before the access is logged: no page, no log row
			return err
		}
		if f.Events, err = s.cases.EventsIn(ctx, tx, k.ID); err != nil {
			return err
		}
		if f.Files, err = attachments.OfCase(ctx, tx, k.CitizenID, k.ID); err != nil {
			return err
		}
		if f.Notes, err = s.cases.Notes(ctx, tx, k.ID); err != nil {
			return err
		}
		if f.Reports, err = s.cases.Discrepancies(ctx, tx, k.ID); err != nil {
			return err
		}
		if f.Parts, err = s.cases.Parts(ctx, tx, k.ID); err != nil {
			return err
		}
		// The case file shows every party's data: each person named in it gets the row in their
		// own log (the applicant once, even when also a party).
		return s.audit.RecordTx(ctx, tx, staffAccess(k, a)...)
	})
	if err != nil {
		return OfficerFile{}, fmt.Errorf("casefile: for officer: %w", err)
	}
	now := s.now()
	f.Overdue = f.Case.Overdue(now)
	f.Actions = casework.LinkedActions(casework.CanDo(f.Case, a, now), f.Parts)
	f.Draft = casework.DraftOf(f.Case, now)
	if a.Role == casework.RoleSupervisor && s.officers != nil {
		if f.Officers, err = s.officers.Officers(ctx, a.AgencyCode); err != nil {
			return OfficerFile{}, fmt.Errorf("casefile: officers: %w", err)
		}
	}
	return f, nil
}

// partyIDs are the personal IDs of the people the case names besides the applicant.
func partyIDs(k cases.Case) []string {
	var out []string
	for _, p := range cases.Subjects(k.Parties) {
		out = append(out, p.PersonalID)
	}
	return out
}
