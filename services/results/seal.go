package results

import (
	"context"
	"crypto/x509"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/signing"
)

// WithCertificates sets where the agencies' certificates and the trust store of verification
// come from: the development CA in the database by default (signing.DBCertificates), the
// government CA's files in production (signing.DirCertificates, beside DirKeys' keys).
func (s *Service) WithCertificates(c signing.Certificates) *Service {
	s.sealer = signing.NewSealer(s.pool, s.keys, c, s.now)
	return s
}

// Sealer signs other documents of the portal (receipt slips, e-receipts) as the results are:
// with the same keys, certificates and clock.
func (s *Service) Sealer() *signing.Sealer { return s.sealer }

// seal embeds the agency's signature in a rendered result, dated at its issue time.
func (s *Service) seal(ctx context.Context, tx pgx.Tx, pdf []byte, in Issue, kind string) ([]byte, error) {
	reason := signing.ReasonResult
	if kind == KindApology {
		reason = signing.ReasonApology
	}
	return s.sealer.SealAtTx(ctx, tx, pdf, signing.Agency{Code: in.AgencyCode, Name: in.AgencyName}, reason, in.IssuedAt)
}

// KindSigned is the kind of a verified document the portal signed but does not keep: a receipt
// slip or an e-receipt, drawn when asked for. Its embedded signature is all there is to check.
const KindSigned = "signed"

// embeddedSound reports whether a stored document's embedded signature allows it to count as
// authentic: valid, or absent from a result issued before results carried one.
func embeddedSound(r signing.Report) bool { return !r.Signed || r.Valid() }

// signedOnly is the verification of an uploaded PDF that is no stored document: authentic when
// its embedded signature is valid and chains to the trust store, with what the signature says.
func signedOnly(r signing.Report) Verification {
	if !r.Valid() {
		return Verification{Embedded: r}
	}
	return Verification{Authentic: true, Kind: KindSigned, AgencyCode: r.Agency.Code, IssuedAt: r.SignedAt, Embedded: r}
}

// TrustedRoots are the root certificates verification trusts, for those who check the portal's
// PDFs with their own reader (Adobe Reader, pdfsig): the development CA, made by the first
// signature (none before), or the government CA's root in production.
func (s *Service) TrustedRoots(ctx context.Context) ([]*x509.Certificate, error) {
	roots, err := s.sealer.Roots(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("results: trusted roots: %w", err)
	}
	return roots, nil
}
