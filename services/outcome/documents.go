package outcome

import (
	"context"
	"fmt"
	"strings"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/results"
)

// Preview renders, for an officer of the case's agency, the case's result as approving it now
// would issue it, unsigned and unnumbered, marked "BẢN XEM TRƯỚC — CHƯA KÝ" across every page.
// Nothing is stored. Anyone else gets casework.ErrNotFound.
func (s *Service) Preview(ctx context.Context, a casework.Actor, caseID int64) ([]byte, error) {
	if a.Kind != casework.KindStaff {
		return nil, casework.ErrNotFound
	}
	c, err := s.work.Get(ctx, a, caseID) // authorizes: the agency's staff only
	if err != nil {
		return nil, err
	}
	return s.PreviewCase(ctx, c)
}

// PreviewCase renders the unsigned preview of k's result, as Preview does, without checking
// who asks: for a caller that has (the draft of a birth certificate sent to the applicant for
// confirmation, for instance).
func (s *Service) PreviewCase(ctx context.Context, k cases.Case) ([]byte, error) {
	in, _ := s.document(ctx, k, s.clock())
	pdf, err := s.results.Preview(in)
	if err != nil {
		return nil, fmt.Errorf("outcome: preview %s: %w", k.Code, err)
	}
	return pdf, nil
}

// Apologise sends the agency's apology for a case it cannot decide on time, with its one new
// date (casework.Apology: in.Reason is the reason, in.NewDueOn the date), and issues its signed
// "Phiếu xin lỗi và hẹn lại ngày trả kết quả" in the same transaction: no apology without its
// signed letter.
func (s *Service) Apologise(ctx context.Context, a casework.Actor, caseID int64, version int, in casework.Input) (casework.Case, results.Result, error) {
	before, err := s.work.Get(ctx, a, caseID)
	if err != nil {
		return casework.Case{}, results.Result{}, err
	}
	if before.Version != version {
		return casework.Case{}, results.Result{}, casework.ErrConflict // the letter names the date the officer saw
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return casework.Case{}, results.Result{}, fmt.Errorf("outcome: apology: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	c, err := s.work.DoTx(ctx, tx, a, caseID, version, casework.Apology, in)
	if err != nil {
		return casework.Case{}, results.Result{}, err
	}
	letter, err := s.apology(ctx, before, c, strings.TrimSpace(in.Reason))
	if err != nil {
		return casework.Case{}, results.Result{}, err
	}
	r, err := s.results.IssueApologyTx(ctx, tx, letter)
	if err != nil {
		return casework.Case{}, results.Result{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return casework.Case{}, results.Result{}, fmt.Errorf("outcome: apology: %w", err)
	}
	return c, r, nil
}

// apology writes the letter of the case's apology: before is the case as the officer saw it,
// after as the apology left it.
func (s *Service) apology(ctx context.Context, before, after cases.Case, reason string) (results.Issue, error) {
	in := results.Issue{CaseID: after.ID, CaseCode: after.Code, AgencyCode: after.AgencyCode, ProcedureCode: after.ProcedureCode,
		IssuedAt: s.clock(), VerifyURL: s.verifyURL}
	if s.catalogue != nil {
		if p, err := s.catalogue.Get(ctx, after.ProcedureCode); err == nil {
			in.ProcedureName = p.NameVI
		}
		if a, err := s.catalogue.Agency(ctx, after.AgencyCode); err == nil {
			in.AgencyName = a.NameVI
			in.Letterhead = results.Letterhead{Name: a.NameVI}
			if s.units != nil {
				l := s.units.Letterhead(a)
				in.Letterhead = results.Letterhead{Superior: l.Superior, Name: l.Name, Locality: l.Locality}
			}
		}
	}
	f := results.ApologyFacts{ApplicantName: after.ApplicantName, AgencyName: in.AgencyName, ProcedureName: in.ProcedureName,
		CaseCode: after.Code, Reason: reason}
	if after.ReceivedAt != nil {
		f.ReceivedAt = *after.ReceivedAt
	}
	if before.DueOn != nil {
		f.OldDueOn = *before.DueOn
	}
	if after.DueOn != nil {
		f.NewDueOn = *after.DueOn
	}
	body, err := results.ApologyBody(f)
	if err != nil {
		return results.Issue{}, err
	}
	in.Body = body
	return in, nil
}

// Signed returns a signed document of the case (results.KindResult, results.KindApology) and
// its PDF to the case's owner or to its agency's staff, recording nothing: the citizen's
// download that delivers a result is Download.
func (s *Service) Signed(ctx context.Context, a casework.Actor, caseID int64, kind string) (results.Result, []byte, error) {
	c, err := s.work.Get(ctx, a, caseID) // authorizes
	if err != nil {
		return results.Result{}, nil, err
	}
	if kind == results.KindApology {
		return s.results.ApologyForCase(ctx, c.ID)
	}
	return s.results.ForCase(ctx, c.ID)
}

// SignedDocuments lists what the case pages show of a case's signed documents, its result and
// its apology, oldest first and without their PDFs, for a caller that has loaded the case for
// its reader (services/casefile).
func (s *Service) SignedDocuments(ctx context.Context, caseID int64) ([]results.Result, error) {
	return s.results.Documents(ctx, caseID)
}
