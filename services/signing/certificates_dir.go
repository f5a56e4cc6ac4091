package signing

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
)

// ChainFile is the name, in the key folder, of the file with the CA's certificates: the
// intermediates, if any, and the root, PEM one after another.
const ChainFile = "chain.crt"

// DirCertificates reads the certificates the government CA issued, from the folder that holds
// the agencies' keys (services/results DirKeys): <dir>/<agency code>.crt is the agency's
// certificate for the key in <dir>/<agency code>.pem, and <dir>/chain.crt the CA's chain, its
// root last. The root is the trust store of verification. The CA's private key is never here:
// an agency's certificate is requested from the CA with the agency's key (a CSR made with
// "openssl req -new -key UBND-00070.pem") and its answer saved as UBND-00070.crt. Files are
// read at every signature, so a renewed certificate needs no restart.
type DirCertificates struct {
	dir string
}

// NewDirCertificates returns the certificates of dir; it fails when dir has no readable
// chain.crt with a root certificate in it.
func NewDirCertificates(dir string) (*DirCertificates, error) {
	d := &DirCertificates{dir: dir}
	if _, err := d.Roots(context.Background(), nil); err != nil {
		return nil, err
	}
	return d, nil
}

var _ Certificates = (*DirCertificates)(nil)

// agencyCode is the agencies.code CHECK; it also keeps the file name inside the folder.
var agencyCode = regexp.MustCompile(`^[A-Z0-9-]{3,40}$`)

// Chain reads the agency's certificate and the CA's chain, and checks that the certificate is
// for key, valid at now, and chains to the root.
func (d *DirCertificates) Chain(_ context.Context, _ pgx.Tx, a Agency, key crypto.PublicKey, now time.Time) ([]*x509.Certificate, error) {
	if !agencyCode.MatchString(a.Code) {
		return nil, fmt.Errorf("signing: %q is not an agency code", a.Code)
	}
	own, err := d.read(a.Code + ".crt")
	if err != nil {
		return nil, err
	}
	ca, err := d.read(ChainFile)
	if err != nil {
		return nil, err
	}
	leaf := own[0]
	want, err := x509.MarshalPKIXPublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("signing: key of %s: %w", a.Code, err)
	}
	if got, err := x509.MarshalPKIXPublicKey(leaf.PublicKey); err != nil || !bytes.Equal(got, want) {
		return nil, fmt.Errorf("signing: %s.crt does not certify the key in %s.pem", a.Code, a.Code)
	}
	chain := append(own, ca...)
	roots, inter := x509.NewCertPool(), x509.NewCertPool()
	for _, c := range chain[1:] {
		if bytes.Equal(c.RawIssuer, c.RawSubject) {
			roots.AddCert(c)
		} else {
			inter.AddCert(c)
		}
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		return nil, fmt.Errorf("signing: certificate of %s: %w", a.Code, err)
	}
	return chain, nil
}

// Roots are the self-signed certificates of chain.crt.
func (d *DirCertificates) Roots(context.Context, Queryer) ([]*x509.Certificate, error) {
	certs, err := d.read(ChainFile)
	if err != nil {
		return nil, err
	}
	var roots []*x509.Certificate
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, c.RawSubject) {
			roots = append(roots, c)
		}
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("signing: %s in %s has no root certificate", ChainFile, d.dir)
	}
	return roots, nil
}

// read parses the PEM certificates of a file of the folder, which cannot lead outside it.
func (d *DirCertificates) read(name string) ([]*x509.Certificate, error) {
	root, err := os.OpenRoot(d.dir)
	if err != nil {
		return nil, fmt.Errorf("signing: certificate folder: %w", err)
	}
	defer func() { _ = root.Close() }() // read-only: nothing to report on close
	b, err := root.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	var out []*x509.Certificate
	for {
		var block *pem.Block
		block, b = pem.Decode(b)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("signing: %s: %w", name, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("signing: %s in %s holds no certificate", name, d.dir)
	}
	return out, nil
}

// CertificatePEM encodes certificates as the PEM files DirCertificates reads.
func CertificatePEM(certs ...*x509.Certificate) []byte {
	var b bytes.Buffer
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}) // a bytes.Buffer does not fail
	}
	return b.Bytes()
}
