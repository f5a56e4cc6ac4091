package results

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/readpool"
	"github.com/motlan/portal/services/results/internal/resultdb"
	"github.com/motlan/portal/services/signing"
)

// Verification is what the public verification page may show about a result. It holds no
// personal data, since anyone holding a code, a QR code or a PDF can ask.
//
// When Authentic is false the other fields are empty if no result matched, and set if a result
// matched but failed the check (its stored PDF or signature was altered): the page shows only
// "not authentic"; the fields are for the log.
type Verification struct {
	Authentic     bool
	Code          string // the result's code, "<case code>-KQ1" ("-XL1" for an apology)
	Kind          string // KindResult or KindApology
	ProcedureCode string
	AgencyCode    string
	IssuedAt      time.Time
	// Embedded is what the PDF's own signature says (services/signing): which agency's
	// certificate signed it, when, and whether the file is unchanged since. It is not Signed for
	// a result issued before results carried one.
	Embedded signing.Report
}

// VerifySignature reports whether sig is the ASN.1 ECDSA signature, by pub, of the SHA-256 of
// pdf.
func VerifySignature(pub *ecdsa.PublicKey, pdf, sig []byte) bool {
	if pub == nil {
		return false
	}
	sum := sha256.Sum256(pdf)
	return ecdsa.VerifyASN1(pub, sum[:], sig)
}

// VerifyCode checks the result with a verification code, typed in any case, with or without
// dashes: the stored PDF must still have its recorded hash and the agency's signature. An
// unknown code is not authentic, and not an error.
func (s *Service) VerifyCode(ctx context.Context, verificationCode string) (Verification, error) {
	code, ok := normalizeCode(verificationCode)
	if !ok {
		return Verification{}, nil
	}
	// On a replica, a result issued a moment ago may not be there yet: what is not authentic
	// there is asked again of the primary (readpool.Recheck).
	v, _, err := readpool.Recheck(ctx, s.reads, func(db *pgxpool.Pool) (Verification, bool, error) {
		v, err := s.verifyCode(ctx, db, code)
		return v, v.Authentic, err
	})
	return v, err
}

func (s *Service) verifyCode(ctx context.Context, db *pgxpool.Pool, code string) (Verification, error) {
	r, err := s.cases.On(db).ResultByVerificationCode(ctx, code) // the PDF may be in the blob store (WithBlobs)
	if errors.Is(err, cases.ErrNotFound) {
		return Verification{}, nil
	}
	if err != nil {
		return Verification{}, fmt.Errorf("results: verify code: %w", err)
	}
	pk, err := publicKeyOf(ctx, db, r.AgencyCode)
	if err != nil {
		return Verification{}, fmt.Errorf("results: verify code: %w", err)
	}
	v := Verification{Code: r.Code, Kind: r.Kind, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, IssuedAt: r.IssuedAt}
	actual := sha256.Sum256(r.PDF)
	if v.Embedded, err = s.sealer.Check(ctx, db, r.PDF); err != nil {
		return Verification{}, fmt.Errorf("results: verify code: %w", err)
	}
	v.Authentic = bytes.Equal(actual[:], r.SHA256) && signedBy(pk, r.PDF, r.Signature) && embeddedSound(v.Embedded)
	return v, nil
}

// VerifyDocument checks an uploaded PDF: it must be, byte for byte, a result the portal issued,
// with its agency's signature. A PDF that matches no result is not authentic, and not an error.
// The caller limits the upload's size.
func (s *Service) VerifyDocument(ctx context.Context, pdf []byte) (Verification, error) {
	v, _, err := readpool.Recheck(ctx, s.reads, func(db *pgxpool.Pool) (Verification, bool, error) {
		v, err := s.verifyDocument(ctx, db, pdf)
		return v, v.Authentic, err
	})
	return v, err
}

func (s *Service) verifyDocument(ctx context.Context, db *pgxpool.Pool, pdf []byte) (Verification, error) {
	sum := sha256.Sum256(pdf)
	found, err := cases.New(db, s.now, nil).ResultsBySHA256(ctx, sum[:])
	if err != nil {
		return Verification{}, fmt.Errorf("results: verify document: %w", err)
	}
	embedded, err := s.sealer.Check(ctx, db, pdf)
	if err != nil {
		return Verification{}, fmt.Errorf("results: verify document: %w", err)
	}
	if len(found) == 0 {
		return signedOnly(embedded), nil
	}
	var last Verification
	for _, r := range found {
		pk, err := publicKeyOf(ctx, db, r.AgencyCode)
		if err != nil {
			return Verification{}, fmt.Errorf("results: verify document: %w", err)
		}
		last = Verification{Code: r.Code, Kind: r.Kind, ProcedureCode: r.ProcedureCode, AgencyCode: r.AgencyCode, IssuedAt: r.IssuedAt,
			Embedded: embedded}
		if last.Authentic = signedBy(pk, pdf, r.Signature) && embeddedSound(embedded); last.Authentic {
			return last, nil
		}
	}
	return last, nil
}

// publicKeyOf reads the public key agency_keys records for the agency, nil when it has none.
func publicKeyOf(ctx context.Context, db *pgxpool.Pool, agencyCode string) ([]byte, error) {
	pk, err := resultdb.New(db).AgencyPublicKey(ctx, agencyCode)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("key of %s: %w", agencyCode, err)
	}
	return pk, nil
}

// signedBy reports whether sig signs pdf under the public key recorded as pkDER.
func signedBy(pkDER, pdf, sig []byte) bool {
	if pkDER == nil {
		return false
	}
	pub, err := publicKey(pkDER)
	if err != nil {
		return false
	}
	return VerifySignature(pub, pdf, sig)
}
