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
)

// Verification is what the public verification page may show about a result. It holds no
// personal data, since anyone holding a code, a QR code or a PDF can ask.
//
// When Authentic is false the other fields are empty if no result matched, and set if a result
// matched but failed the check (its stored PDF or signature was altered): the page shows only
// "not authentic"; the fields are for the log.
type Verification struct {
	Authentic     bool
	Code          string // the result's code, "<case code>-KQ1"
	ProcedureCode string
	AgencyCode    string
	IssuedAt      time.Time
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
	var (
		v                 Verification
		pdf, sum, sig, pk []byte
	)
	err := s.pool.QueryRow(ctx, `
		SELECT r.code, r.procedure_code, r.agency_code, r.issued_at, r.pdf, r.sha256, r.signature, k.public_key_der
		FROM results r LEFT JOIN agency_keys k ON k.agency_code = r.agency_code
		WHERE r.verification_code = $1`, code).
		Scan(&v.Code, &v.ProcedureCode, &v.AgencyCode, &v.IssuedAt, &pdf, &sum, &sig, &pk)
	if errors.Is(err, pgx.ErrNoRows) {
		return Verification{}, nil
	}
	if err != nil {
		return Verification{}, fmt.Errorf("results: verify code: %w", err)
	}
	actual := sha256.Sum256(pdf)
	v.Authentic = bytes.Equal(actual[:], sum) && signedBy(pk, pdf, sig)
	return v, nil
}

// VerifyDocument checks an uploaded PDF: it must be, byte for byte, a result the portal issued,
// with its agency's signature. A PDF that matches no result is not authentic, and not an error.
// The caller limits the upload's size.
func (s *Service) VerifyDocument(ctx context.Context, pdf []byte) (Verification, error) {
	sum := sha256.Sum256(pdf)
	rows, err := s.pool.Query(ctx, `
		SELECT r.code, r.procedure_code, r.agency_code, r.issued_at, r.signature, k.public_key_der
		FROM results r LEFT JOIN agency_keys k ON k.agency_code = r.agency_code
		WHERE r.sha256 = $1
		ORDER BY r.issued_at, r.code`, sum[:])
	if err != nil {
		return Verification{}, fmt.Errorf("results: verify document: %w", err)
	}
	defer rows.Close()
	var found Verification
	for rows.Next() {
		var (
			v       Verification
			sig, pk []byte
		)
		if err := rows.Scan(&v.Code, &v.ProcedureCode, &v.AgencyCode, &v.IssuedAt, &sig, &pk); err != nil {
			return Verification{}, fmt.Errorf("results: verify document: %w", err)
		}
		if v.Authentic = signedBy(pk, pdf, sig); v.Authentic {
			return v, nil
		}
		found = v
	}
	if err := rows.Err(); err != nil {
		return Verification{}, fmt.Errorf("results: verify document: %w", err)
	}
	return found, nil
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
