// Package signing puts PAdES signatures into the PDFs the portal issues — results, apologies,
// receipt slips and e-receipts — so that any PDF reader (Adobe Reader, poppler's pdfsig)
// shows which agency signed and that the document is unchanged, and checks them again for the
// public verification page.
//
// An agency signs with its ECDSA P-256 key (agency_keys, services/results) under an X.509
// certificate issued by a certificate authority:
//   - in development (DBCertificates), a development CA the portal creates itself, once, in
//     the database ("Một Lần — CA phát triển (không dùng thật)"), which issues each agency's
//     certificate the first time it signs, and again when it has expired;
//   - in production (DirCertificates), the government CA: the agency's certificate is read from
//     <dir>/<agency code>.crt next to its key, and the chain up to the CA from <dir>/chain.crt;
//     the CA's private key never comes near the portal.
//
// The trust store of verification holds the CA's root certificate only: a signature counts
// when its bytes are intact and its certificate chains to that root at the signing time.
package signing

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
)

// Credential is what signs: the agency's private key, and its certificate chain, the agency's
// certificate first and the CA's root last.
type Credential struct {
	Key   crypto.Signer
	Chain []*x509.Certificate
}

// Info is what the signature says besides the certificate: who signs (the agency's name), why,
// where, and when (from the caller's clock).
type Info struct {
	Name     string // "Ủy ban nhân dân phường Hoàn Kiếm"
	Reason   string // "Ký số kết quả giải quyết thủ tục hành chính"
	Location string // "Việt Nam"
	Time     time.Time
}

// Reasons the portal's documents are signed for, in Vietnamese as the reader shows them.
const (
	ReasonResult  = "Ký số kết quả giải quyết thủ tục hành chính"
	ReasonApology = "Ký số phiếu xin lỗi và hẹn lại ngày trả kết quả"
	ReasonSlip    = "Ký số giấy tiếp nhận hồ sơ và hẹn trả kết quả"
	ReasonReceipt = "Ký số biên lai thu phí, lệ phí điện tử"
	Location      = "Việt Nam"
)

// Sign returns doc with an embedded signature (an incremental update holding a CMS signature
// over the whole file, adbe.pkcs7.detached with SHA-256) by c: a certification signature that
// allows no later change.
func Sign(doc []byte, c Credential, in Info) ([]byte, error) {
	if c.Key == nil || len(c.Chain) == 0 {
		return nil, errors.New("signing: no key or no certificate")
	}
	if in.Time.IsZero() {
		return nil, errors.New("signing: no signing time")
	}
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return nil, fmt.Errorf("signing: read PDF: %w", err)
	}
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(doc), &out, rdr, int64(len(doc)), sign.SignData{
		Signature: sign.SignDataSignature{
			CertType:   sign.CertificationSignature,
			DocMDPPerm: sign.DoNotAllowAnyChangesPerms,
			Info:       sign.SignDataSignatureInfo{Name: in.Name, Reason: in.Reason, Location: in.Location, Date: in.Time},
		},
		Signer:            c.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       c.Chain[0],
		CertificateChains: [][]*x509.Certificate{c.Chain},
	})
	if err != nil {
		return nil, fmt.Errorf("signing: sign PDF: %w", err)
	}
	return out.Bytes(), nil
}
