// Package results issues and verifies electronic results: when an officer approves a case, the
// portal renders its result as an A4 PDF in Vietnamese — the procedure's own document (the birth
// certificate, the decision on the benefit…), defined as data in documents/*.json and filled by
// services/outcome — with its code "<case code>-KQ1", a verification code and a QR code to the
// public verification page, signs the SHA-256 of the PDF with the agency's ECDSA P-256 key, and
// stores both. An agency's apology for a late case ("<case code>-XL1", letters/apology.json) is
// signed and verified the same way; Preview renders a result unsigned for the officer to read
// before approving. Electronic results have the same legal value as paper ones, so anyone can
// check a result: by its verification code, or by uploading the PDF.
//
// Two signatures. The PDF carries an embedded PAdES signature by the agency's certificate
// (services/signing), which any PDF reader checks; and the SHA-256 of that signed PDF is signed
// again, detached, stored next to it, which this portal's verification checks too (results
// issued before the embedded signature have only the detached one).
//
// Keys. Each agency signs with one ECDSA P-256 key; its public key is recorded in agency_keys,
// which is all verification needs. Two Keys implementations:
//   - NewDBKeys, for development and demonstrations: the first time an agency signs, a key is
//     generated and stored, private half included, in agency_keys.
//   - NewDirKeys(dir), for production: the private key is read from <dir>/<agency code>.pem
//     (PKCS#8, "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256") and never
//     enters the database; the first signature records its public key. Once recorded, an
//     agency's key cannot be replaced by another (earlier results would stop verifying).
//
// Certificates (WithCertificates). The embedded signature needs the agency's certificate: from
// the development CA in the database by default, from the government CA's files beside the
// keys in production (<dir>/<agency code>.crt, <dir>/chain.crt; services/signing).
package results

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/readpool"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/services/signing"
)

// Message keys of the faults this package returns (views/i18n).
const (
	MsgNotFound = "result.notfound"
	MsgExists   = "result.exists"
)

// ErrIncomplete is returned by IssueTx for an Issue that lacks what a result must show, or that
// does not match its case. It is a defect of the caller, not of anyone's input.
var ErrIncomplete = errors.New("results: incomplete result")

// Issue is what the result shows and whom it is for. Text is shown after Unicode NFC
// normalisation.
type Issue struct {
	CaseID        int64
	CaseCode      string // e.g. "UBND-00070-261127-0001"; must be the case's code
	AgencyCode    string // the agency whose key signs; must be the case's agency
	AgencyName    string // its name, in the signature's box
	ProcedureCode string // must be the case's procedure
	ProcedureName string
	// Letterhead is the issuing agency's heading: the case's agency, or the one that decides on
	// its proposal (Document.Issuer). An empty Name is AgencyName.
	Letterhead Letterhead
	// Body is the procedure's document filled with the case's values (Document.Fill).
	Body      Body
	IssuedAt  time.Time // zero means now; kept to the second
	VerifyURL string    // absolute address of the public verification page, e.g. https://portal/verify
}

// Letterhead is the head of the issuing agency (catalogue.Letterhead): the body that manages
// it, its name, and the place its documents are dated at.
type Letterhead struct {
	Superior string // "Công an thành phố Hà Nội"; optional
	Name     string // "Công an phường Hoàn Kiếm"
	Locality string // "Hoàn Kiếm"; optional
}

// Result is an issued result, or another signed document of a case (an apology), without its
// PDF.
type Result struct {
	Code             string // "<case code>-KQ1"; "<case code>-XL1" for an apology
	Kind             string // KindResult or KindApology
	CaseCode         string
	AgencyCode       string
	ProcedureCode    string
	VerificationCode string // "K7QX-3MPA-9TRD"
	SHA256           []byte // of the PDF
	Signature        []byte // ASN.1 ECDSA signature of SHA256 by the agency's key
	IssuedAt         time.Time
	DownloadedAt     *time.Time // first download by the citizen
}

// Service issues, serves and verifies results. It is safe for concurrent use.
type Service struct {
	pool     *pgxpool.Pool
	cases    *cases.Service  // the results table and the case's code are services/cases'
	reads    readpool.Reader // where verification reads (WithReader); the pool by default
	keys     Keys
	sealer   *signing.Sealer // the signature embedded in the PDF (seal.go)
	renderer *renderer
	now      func() time.Time
}

// New returns the results service. fontDir holds DejaVu Sans as for receipts ("" looks in
// $RECEIPT_FONT_DIR, then /usr/share/fonts/truetype/dejavu); New fails when the fonts cannot
// write Vietnamese, so a result never comes out with missing letters.
func New(pool *pgxpool.Pool, keys Keys, fontDir string, now func() time.Time) (*Service, error) {
	if keys == nil {
		return nil, errors.New("results: no keys")
	}
	if now == nil {
		now = time.Now
	}
	regular, bold, err := receipt.Fonts(fontDir)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	r, err := newRenderer(regular, bold)
	if err != nil {
		return nil, err
	}
	return &Service{pool: pool, cases: cases.New(pool, now, nil), reads: readpool.New(pool, nil, readpool.Config{}), keys: keys,
		sealer: signing.NewSealer(pool, keys, signing.NewDBCertificates(), now), renderer: r, now: now}, nil
}

// WithReader sends the public verification's reads to r, a read replica while it is close
// enough behind (services/readpool); issuing and serving results stay on the pool.
func (s *Service) WithReader(r readpool.Reader) *Service {
	s.reads = r
	return s
}

// resultSuffix makes a result's code from its case's: the first (and, for now, only) result.
const resultSuffix = "-KQ1"

// IssueTx renders, signs and stores the result of an approved case inside tx, the approval's
// transaction, so that the case is approved with its result or not at all. A second result for
// the same case is a conflict.
func (s *Service) IssueTx(ctx context.Context, tx pgx.Tx, in Issue) (Result, error) {
	return s.issue(ctx, tx, in, KindResult, resultSuffix)
}

// issue renders, signs and stores a signed document of kind, numbered by its case's code and
// suffix, inside tx.
func (s *Service) issue(ctx context.Context, tx pgx.Tx, in Issue, kind, suffix string) (Result, error) {
	const op = "results.issue"
	in = clean(in)
	if in.IssuedAt.IsZero() {
		in.IssuedAt = s.now()
	}
	in.IssuedAt = in.IssuedAt.Truncate(time.Second)
	if err := validate(in); err != nil {
		return Result{}, err
	}
	if err := s.matchCase(ctx, tx, in); err != nil {
		return Result{}, err
	}
	key, err := s.keys.SigningKey(ctx, tx, in.AgencyCode)
	if err != nil {
		return Result{}, fmt.Errorf("results: issue %s: %w", in.CaseCode, err)
	}
	res := Result{
		Code:          in.CaseCode + suffix,
		Kind:          kind,
		CaseCode:      in.CaseCode,
		AgencyCode:    in.AgencyCode,
		ProcedureCode: in.ProcedureCode,
		IssuedAt:      in.IssuedAt,
	}
	// A verification code has 60 random bits, so a clash is all but impossible; when one
	// happens the PDF, which shows the code, is rendered again with a new one.
	for range 3 {
		if res.VerificationCode, err = newVerificationCode(); err != nil {
			return Result{}, fmt.Errorf("results: issue %s: %w", in.CaseCode, err)
		}
		pdf, err := s.renderer.pdf(in, res.Code, res.VerificationCode)
		if err != nil {
			return Result{}, fmt.Errorf("results: issue %s: %w", in.CaseCode, err)
		}
		if pdf, err = s.seal(ctx, tx, pdf, in, kind); err != nil {
			return Result{}, fmt.Errorf("results: sign %s: %w", res.Code, err)
		}
		sum := sha256.Sum256(pdf)
		res.SHA256 = sum[:]
		if res.Signature, err = ecdsa.SignASN1(rand.Reader, key, res.SHA256); err != nil {
			return Result{}, fmt.Errorf("results: sign %s: %w", res.Code, err)
		}
		stored, err := s.cases.AddResult(ctx, tx, cases.Result{Code: res.Code, Kind: kind, CaseID: in.CaseID, AgencyCode: res.AgencyCode,
			ProcedureCode: res.ProcedureCode, VerificationCode: res.VerificationCode, PDF: pdf, SHA256: res.SHA256,
			Signature: res.Signature, IssuedAt: res.IssuedAt})
		if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "23505" {
			return Result{}, fault.Wrap(fault.ECONFLICT, MsgExists, op, err)
		}
		if err != nil {
			return Result{}, fmt.Errorf("results: store %s: %w", res.Code, err)
		}
		if stored {
			return res, nil
		}
	}
	return Result{}, fmt.Errorf("results: issue %s: no unused verification code", in.CaseCode)
}

// matchCase checks that the result is for the case it names, so the code, agency and
// procedure on the signed PDF are the case's.
func (s *Service) matchCase(ctx context.Context, tx pgx.Tx, in Issue) error {
	ref, err := s.cases.RefOf(ctx, tx, in.CaseID)
	if errors.Is(err, cases.ErrNotFound) {
		return fault.New(fault.ENOTFOUND, cases.MsgNotFound, "results.issue")
	}
	if err != nil {
		return fmt.Errorf("results: issue %s: read case: %w", in.CaseCode, err)
	}
	if ref.Code != in.CaseCode || ref.AgencyCode != in.AgencyCode || ref.ProcedureCode != in.ProcedureCode {
		return fmt.Errorf("%w: case %d is %s of %s for %s, not %s of %s for %s", ErrIncomplete,
			in.CaseID, ref.Code, ref.AgencyCode, ref.ProcedureCode, in.CaseCode, in.AgencyCode, in.ProcedureCode)
	}
	return nil
}

// ForCase returns the result of a case and its PDF. It does not check who asks: the caller
// has made sure the case is the citizen's (or the officer's agency's).
func (s *Service) ForCase(ctx context.Context, caseID int64) (Result, []byte, error) {
	return s.forCase(ctx, caseID, KindResult)
}

// MarkDownloaded records that the citizen downloaded the result. first is true only for the
// first download, which is when the case becomes "Đã trả kết quả" (status 10).
func (s *Service) MarkDownloaded(ctx context.Context, code string) (first bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		first, err = s.MarkDownloadedTx(ctx, tx, code)
		return err
	})
	return first, err
}

// MarkDownloadedTx is MarkDownloaded inside tx, so that the first download and the case's
// move to status 10 are recorded together.
func (s *Service) MarkDownloadedTx(ctx context.Context, tx pgx.Tx, code string) (first bool, err error) {
	first, err = s.cases.MarkResultDownloaded(ctx, tx, code, s.now())
	if errors.Is(err, cases.ErrNotFound) {
		return false, fault.New(fault.ENOTFOUND, MsgNotFound, "results.markDownloaded")
	}
	if err != nil {
		return false, fmt.Errorf("results: mark %s downloaded: %w", code, err)
	}
	return first, nil
}
