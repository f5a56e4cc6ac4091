package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/internal/casedb"
)

// CaseRef is what a result prints of its case: its code, agency and procedure.
type CaseRef struct {
	Code          string
	AgencyCode    string
	ProcedureCode string
}

// RefOf reads what a result prints of the case, inside the caller's transaction (the
// approval's); ErrNotFound when there is no such case.
func (s *Service) RefOf(ctx context.Context, db DB, caseID int64) (CaseRef, error) {
	r, err := casedb.New(db).CaseRef(ctx, caseID)
	if err := noRow(err, "ref of case"); err != nil {
		return CaseRef{}, err
	}
	return CaseRef{Code: r.Code, AgencyCode: r.AgencyCode, ProcedureCode: r.ProcedureCode}, nil
}

// Kinds of signed document of a case.
const (
	DocumentResult  = "result"  // the result of an approved case, "<case code>-KQ1"
	DocumentApology = "apology" // the agency's apology with a new date, "<case code>-XL1"
)

// Result is a stored, signed document of a case: the result of an approved case, or an apology
// (services/results renders, signs and verifies it). Which fields are set depends on the read:
// see each method.
type Result struct {
	Code             string // "<case code>-KQ1"
	Kind             string // DocumentResult or DocumentApology
	CaseID           int64
	CaseCode         string
	AgencyCode       string
	ProcedureCode    string
	VerificationCode string
	PDF              []byte
	SHA256           []byte // of PDF
	Signature        []byte
	IssuedAt         time.Time
	DownloadedAt     *time.Time // first download by the citizen
}

// AddResult stores a signed result inside tx, the approval's, and reports false when its
// verification code is already another result's: the caller renders again with a new code. A
// second result for the same case is the database's unique violation, wrapped.
func (s *Service) AddResult(ctx context.Context, tx pgx.Tx, r Result) (stored bool, err error) {
	if r.Kind == "" {
		r.Kind = DocumentResult
	}
	pdf, key, err := s.storeResultPDF(ctx, tx, r.PDF)
	if err != nil {
		return false, fmt.Errorf("cases: store result %s: %w", r.Code, err)
	}
	n, err := casedb.New(tx).ResultInsert(ctx, casedb.ResultInsertParams{Code: r.Code, Kind: r.Kind, CaseID: r.CaseID,
		AgencyCode: r.AgencyCode, ProcedureCode: r.ProcedureCode, VerificationCode: r.VerificationCode, Pdf: pdf,
		BlobSha256: key, Sha256: r.SHA256, Signature: r.Signature, IssuedAt: r.IssuedAt})
	if err != nil {
		return false, fmt.Errorf("cases: store result %s: %w", r.Code, err)
	}
	return n == 1, nil
}

// ResultOfCase returns the result of a case, every field set; ErrNotFound when it has none. It
// does not check who asks.
func (s *Service) ResultOfCase(ctx context.Context, caseID int64) (Result, error) {
	return s.DocumentOfCase(ctx, caseID, DocumentResult)
}

// DocumentOfCase returns the case's signed document of kind, every field set; ErrNotFound when
// it has none. It does not check who asks.
func (s *Service) DocumentOfCase(ctx context.Context, caseID int64, kind string) (Result, error) {
	r, err := s.q.ResultOfCase(ctx, caseID, kind)
	if err := noRow(err, "document of case"); err != nil {
		return Result{}, err
	}
	pdf, err := s.resultPDF(ctx, r.Pdf, r.BlobSha256)
	if err != nil {
		return Result{}, fmt.Errorf("cases: document %s: %w", r.Code, err)
	}
	return Result{Code: r.Code, Kind: r.Kind, CaseID: caseID, CaseCode: r.CaseCode, AgencyCode: r.AgencyCode,
		ProcedureCode: r.ProcedureCode, VerificationCode: r.VerificationCode, PDF: pdf, SHA256: r.Sha256,
		Signature: r.Signature, IssuedAt: r.IssuedAt, DownloadedAt: r.DownloadedAt}, nil
}

// SignedDocuments returns what the case pages show of a case's signed documents, oldest first:
// code, kind, verification code, issue and download times (no PDF), inside the caller's read.
func (s *Service) SignedDocuments(ctx context.Context, db DB, caseID int64) ([]Result, error) {
	rows, err := casedb.New(db).SignedDocumentsOfCase(ctx, caseID)
	if err != nil {
		return nil, fmt.Errorf("cases: signed documents of case %d: %w", caseID, err)
	}
	out := make([]Result, len(rows))
	for i, r := range rows {
		out[i] = Result{Code: r.Code, Kind: r.Kind, CaseID: caseID, VerificationCode: r.VerificationCode,
			IssuedAt: r.IssuedAt, DownloadedAt: r.DownloadedAt}
	}
	return out, nil
}

// MarkResultDownloaded records, inside tx, that the citizen downloaded the result at at; first is
// true only for the first download. ErrNotFound when there is no such result.
func (s *Service) MarkResultDownloaded(ctx context.Context, tx pgx.Tx, code string, at time.Time) (first bool, err error) {
	q := casedb.New(tx)
	n, err := q.ResultMarkDownloaded(ctx, at, code)
	if err != nil {
		return false, fmt.Errorf("cases: mark result %s downloaded: %w", code, err)
	}
	if n == 1 {
		return true, nil
	}
	exists, err := q.ResultExists(ctx, code)
	if err != nil {
		return false, fmt.Errorf("cases: mark result %s downloaded: %w", code, err)
	}
	if !exists {
		return false, ErrNotFound
	}
	return false, nil
}

// ResultByVerificationCode returns the result with that verification code, for the public
// check: its code, procedure, agency, issue time, PDF, hash and signature (no case, no
// download). ErrNotFound when there is none.
func (s *Service) ResultByVerificationCode(ctx context.Context, verificationCode string) (Result, error) {
	r, err := s.q.ResultByVerificationCode(ctx, verificationCode)
	if err := noRow(err, "result by verification code"); err != nil {
		return Result{}, err
	}
	pdf, err := s.resultPDF(ctx, r.Pdf, r.BlobSha256)
	if err != nil {
		return Result{}, fmt.Errorf("cases: result %s: %w", r.Code, err)
	}
	return Result{Code: r.Code, Kind: r.Kind, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, VerificationCode: verificationCode,
		IssuedAt: r.IssuedAt, PDF: pdf, SHA256: r.Sha256, Signature: r.Signature}, nil
}

// ResultsBySHA256 returns the results whose PDF has that hash, oldest first, for the public
// check of an uploaded PDF: their code, procedure, agency, issue time and signature.
func (s *Service) ResultsBySHA256(ctx context.Context, sum []byte) ([]Result, error) {
	rows, err := s.q.ResultsBySHA256(ctx, sum)
	if err != nil {
		return nil, fmt.Errorf("cases: results by hash: %w", err)
	}
	out := make([]Result, len(rows))
	for i, r := range rows {
		out[i] = Result{Code: r.Code, Kind: r.Kind, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, IssuedAt: r.IssuedAt,
			SHA256: sum, Signature: r.Signature}
	}
	return out, nil
}
