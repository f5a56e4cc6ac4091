package signing

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// Validity of what the development CA makes. An agency's certificate is renewed once expired;
// documents signed before stay valid, since they were signed while it was.
const (
	CAValidity     = 20 * 365 * 24 * time.Hour
	AgencyValidity = 3 * 365 * 24 * time.Hour
	// backdate starts a certificate's validity a day early, so that a clock a little behind
	// another's does not find it not yet valid.
	backdate = 24 * time.Hour
)

// DevCAName is the development CA's common name: it says it is not to be trusted for real.
const DevCAName = "Một Lần — CA phát triển (không dùng thật)"

// oidDocumentSigning is the extended key usage for signing documents (RFC 9336).
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// CA is a certificate authority that can issue: its root certificate and private key.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// NewDevCA makes the development CA: a self-signed root with an ECDSA P-256 key, valid from
// now (less a day) for CAValidity, that may issue only end-entity certificates.
func NewDevCA(now time.Time) (CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return CA{}, fmt.Errorf("signing: CA key: %w", err)
	}
	serial, err := newSerial()
	if err != nil {
		return CA{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{CommonName: DevCAName, Organization: []string{"Cổng dịch vụ công Một Lần (môi trường phát triển)"},
			Country: []string{"VN"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.Add(CAValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return CA{}, fmt.Errorf("signing: CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return CA{}, fmt.Errorf("signing: CA certificate: %w", err)
	}
	return CA{Cert: cert, Key: key}, nil
}

// Agency names whom a certificate is for.
type Agency struct {
	Code string // "UBND-00070", in the subject's serialNumber
	Name string // "Ủy ban nhân dân phường Hoàn Kiếm", its common name and organisation
}

// Issue makes the certificate of an agency's signing key pub, valid from now (less a day) for
// validity: digitalSignature and nonRepudiation, for signing documents and e-mail (which
// is what NSS, hence pdfsig, asks of a signer).
func (ca CA) Issue(pub crypto.PublicKey, a Agency, now time.Time, validity time.Duration) (*x509.Certificate, error) {
	if a.Code == "" || a.Name == "" {
		return nil, errors.New("signing: a certificate needs the agency's code and name")
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{CommonName: a.Name, Organization: []string{a.Name}, SerialNumber: a.Code,
			Country: []string{"VN"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.Add(validity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, pub, ca.Key)
	if err != nil {
		return nil, fmt.Errorf("signing: certificate of %s: %w", a.Code, err)
	}
	return x509.ParseCertificate(der)
}

// newSerial is a random 128-bit certificate serial number.
func newSerial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, fmt.Errorf("signing: serial number: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil
}
