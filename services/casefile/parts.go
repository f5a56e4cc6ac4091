package casefile

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
)

// PartFile is what an officer of a linked agency (the police registering the child's residence,
// the social insurance issuing the card) reads of a case whose part reached their agency: the
// submitted data and files, every part, and which of them are their agency's.
type PartFile struct {
	Filing
	Case  cases.Case
	Parts []cases.Part
	Mine  []cases.Part // the parts of the reader's agency
	Files []attachments.Attachment
}

// ForPartOfficer loads, for an officer or supervisor of an agency holding one of its parts, a
// case by code, and records in the same transaction that they opened the data of everyone it
// names. A case with no part of theirs, or whose part has not reached them yet, is not found.
func (s *Service) ForPartOfficer(ctx context.Context, a casework.Actor, code string) (PartFile, error) {
	if a.Kind != casework.KindStaff || (a.Role != casework.RoleOfficer && a.Role != casework.RoleSupervisor) || a.AgencyCode == "" {
		return PartFile{}, casework.ErrNotFound
	}
	var f PartFile
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		k, err := s.cases.ForPartAgencyIn(ctx, tx, a.AgencyCode, code)
		if err != nil {
			return err
		}
		f.Case = k
		if f.Filing, err = s.filing(ctx, k); err != nil { // before the access is logged: no page, no log row
			return err
		}
		if f.Parts, err = s.cases.Parts(ctx, tx, k.ID); err != nil {
			return err
		}
		if f.Files, err = attachments.OfCase(ctx, tx, k.CitizenID, k.ID); err != nil {
			return err
		}
		return s.audit.RecordTx(ctx, tx, staffAccess(k, a)...)
	})
	if err != nil {
		return PartFile{}, fmt.Errorf("casefile: for part officer: %w", err)
	}
	for _, p := range f.Parts {
		if !p.Lead() && p.AgencyCode == a.AgencyCode {
			f.Mine = append(f.Mine, p)
		}
	}
	return f, nil
}

// staffAccess are the data-access log's rows of an officer opening a case file (of the case's
// agency or of a linked agency): a row in the log of each person the case names, once (the
// applicant once, even when also a party).
func staffAccess(k cases.Case, a casework.Actor) []audit.Entry {
	out := []audit.Entry{}
	seen := map[string]bool{}
	for _, pid := range append([]string{k.ApplicantPID}, partyIDs(k)...) {
		if seen[pid] {
			continue
		}
		seen[pid] = true
		out = append(out, audit.Entry{
			SubjectPersonalID: pid, ActorKind: audit.ActorStaff, ActorID: "staff:" + a.ID, ActorName: a.Name,
			ActorRole: a.Role, Purpose: k.ProcedureCode, Reference: k.Code, Databases: []string{"portal"},
			Attributes: []string{"case.data", "case.files"}, Outcome: audit.OutcomeOK,
		})
	}
	return out
}
