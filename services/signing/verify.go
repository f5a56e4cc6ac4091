package signing

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
)

// Report is what Check found about a PDF's embedded signature. It names the signing agency
// (from its certificate), never a person.
type Report struct {
	Signed  bool // the PDF holds a signature
	Intact  bool // its CMS signature is sound and covers every byte of the file but the signature itself
	Trusted bool // the signer's certificate chains to a root of the trust store at the signing time
	// Agency is the signer's certificate subject: the agency's name and code.
	Agency   Agency
	SignedAt time.Time // the signing time the signature states
	Reason   string    // why it was signed: one of the Reason constants for the portal's documents
	Problem  string    // why it is not intact or not trusted, for the log
}

// Valid reports whether the document is signed, unchanged since, by a trusted certificate.
func (r Report) Valid() bool { return r.Signed && r.Intact && r.Trusted }

// Check verifies the last embedded signature of doc: that its byte range covers the whole
// file but the signature's own hole (nothing was appended after signing), that the CMS
// signature verifies over those bytes, and that the signer's certificate chains to one of
// roots at the signing time, with a key usage for signing. A PDF that cannot be read, or has
// no signature, gives a Report that is not Signed; Check returns no error.
func Check(doc []byte, roots *x509.CertPool) (r Report) {
	defer func() {
		if p := recover(); p != nil { // the PDF reader panics on some malformed files
			r = Report{Signed: r.Signed, Problem: fmt.Sprintf("malformed PDF: %v", p)}
		}
	}()
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return Report{Problem: "not a PDF: " + err.Error()}
	}
	if rdr.Trailer().Key("Root").Key("AcroForm").Key("SigFlags").IsNull() {
		return Report{Problem: "no signature"}
	}
	var sig pdf.Value
	for _, x := range rdr.Xref() {
		v := rdr.Resolve(x.Ptr(), x.Ptr())
		if v.Key("Filter").Name() == "Adobe.PPKLite" && v.Key("Type").Name() == "Sig" {
			sig = v
		}
	}
	if sig.IsNull() {
		return Report{Problem: "no signature"}
	}
	r.Signed = true
	r.Reason = sig.Key("Reason").Text()
	if t, err := parseDate(sig.Key("M").Text()); err == nil {
		r.SignedAt = t
	}
	content, err := signedBytes(doc, sig.Key("ByteRange"))
	if err != nil {
		r.Problem = err.Error()
		return r
	}
	p7, err := pkcs7.Parse([]byte(sig.Key("Contents").RawString()))
	if err != nil {
		r.Problem = "CMS signature: " + err.Error()
		return r
	}
	if leaf := p7.GetOnlySigner(); leaf != nil {
		r.Agency = Agency{Code: leaf.Subject.SerialNumber, Name: leaf.Subject.CommonName}
	}
	p7.Content = content
	if err := p7.Verify(); err != nil {
		r.Problem = "signature: " + err.Error()
		return r
	}
	r.Intact = true
	if err := trusted(p7, roots, r.SignedAt); err != nil {
		r.Problem = "certificate: " + err.Error()
		return r
	}
	r.Trusted = true
	return r
}

// signedBytes returns what the byte range [0 a b c] covers, checking that it covers the whole
// file except the hex string between a and b.
func signedBytes(doc []byte, br pdf.Value) ([]byte, error) {
	if br.Len() != 4 {
		return nil, fmt.Errorf("byte range has %d numbers, not 4", br.Len())
	}
	a, b, c := br.Index(1).Int64(), br.Index(2).Int64(), br.Index(3).Int64()
	n := int64(len(doc))
	if br.Index(0).Int64() != 0 || a <= 0 || b <= a+1 || c < 0 || b+c != n {
		return nil, fmt.Errorf("byte range [0 %d %d %d] does not cover the %d-byte file", a, b, c, n)
	}
	if doc[a] != '<' || doc[b-1] != '>' {
		return nil, errors.New("byte range leaves out more than the signature")
	}
	out := make([]byte, 0, a+c)
	return append(append(out, doc[:a]...), doc[b:]...), nil
}

// trusted checks the signer's certificate chain against roots at the signing time (now when
// the signature states none), with the certificates the signature carries as intermediates.
func trusted(p7 *pkcs7.PKCS7, roots *x509.CertPool, at time.Time) error {
	if roots == nil {
		return errors.New("no trust store")
	}
	leaf := p7.GetOnlySigner()
	if leaf == nil {
		return errors.New("not exactly one signer")
	}
	if leaf.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return errors.New("the certificate is not for signing")
	}
	inter := x509.NewCertPool()
	for _, c := range p7.Certificates {
		inter.AddCert(c)
	}
	if at.IsZero() {
		at = time.Now()
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	return err
}

// parseDate reads a PDF date, D:YYYYMMDDHHmmSS+HH'mm'.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z0700", "20060102150405Z", "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("signing time %q", s)
}
