package signing_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/pdfdoc"
	"github.com/motlan/portal/services/signing"
)

var (
	clock  = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	agency = signing.Agency{Code: "UBND-00070", Name: "Ủy ban nhân dân phường Hoàn Kiếm"}
)

// unsignedPDF is a one-page document as the portal draws them.
func unsignedPDF(t *testing.T) []byte {
	t.Helper()
	fonts, err := pdfdoc.FindFonts("")
	require.NoError(t, err)
	d := pdfdoc.New(fonts)
	d.SetCreationDate(clock)
	d.SetModificationDate(clock)
	d.AddPage()
	d.Font("", pdfdoc.BodySize)
	d.Paragraph(pdfdoc.MarginLeft, 40, pdfdoc.ContentWidth, pdfdoc.BodyLine, "Giấy khai sinh — bản điện tử có chữ ký số", "L")
	b, err := d.Bytes()
	require.NoError(t, err)
	return b
}

// credential is an agency key and its certificate from ca, issued at issued for validity.
func credential(t *testing.T, ca signing.CA, issued time.Time, validity time.Duration) signing.Credential {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	cert, err := ca.Issue(&key.PublicKey, agency, issued, validity)
	require.NoError(t, err)
	return signing.Credential{Key: key, Chain: []*x509.Certificate{cert, ca.Cert}}
}

func pool(ca signing.CA) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

func info(at time.Time) signing.Info {
	return signing.Info{Name: agency.Name, Reason: signing.ReasonResult, Location: signing.Location, Time: at}
}

func TestDevCA(t *testing.T) {
	t.Parallel()
	ca, err := signing.NewDevCA(clock)
	require.NoError(t, err)
	assert.True(t, ca.Cert.IsCA)
	assert.Equal(t, signing.DevCAName, ca.Cert.Subject.CommonName)
	assert.Equal(t, ca.Cert.Subject.String(), ca.Cert.Issuer.String(), "self-signed")
	assert.True(t, ca.Cert.NotAfter.After(clock.Add(19*365*24*time.Hour)))
	require.NoError(t, ca.Cert.CheckSignatureFrom(ca.Cert))

	c := credential(t, ca, clock, signing.AgencyValidity)
	leaf := c.Chain[0]
	assert.Equal(t, agency.Name, leaf.Subject.CommonName)
	assert.Equal(t, agency.Code, leaf.Subject.SerialNumber)
	assert.Equal(t, x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment, leaf.KeyUsage)
	assert.False(t, leaf.IsCA)
	assert.True(t, leaf.NotBefore.Before(clock) && leaf.NotAfter.After(clock.Add(2*365*24*time.Hour)))
	_, err = leaf.Verify(x509.VerifyOptions{Roots: pool(ca), CurrentTime: clock, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	require.NoError(t, err, "the agency's certificate chains to the CA")

	other, err := signing.NewDevCA(clock)
	require.NoError(t, err)
	_, err = leaf.Verify(x509.VerifyOptions{Roots: pool(other), CurrentTime: clock})
	require.Error(t, err, "not to another CA")

	_, err = ca.Issue(c.Key.Public(), signing.Agency{Code: "UBND-00070"}, clock, time.Hour)
	require.Error(t, err, "a certificate without the agency's name")
}

func TestCheck(t *testing.T) {
	t.Parallel()
	ca, err := signing.NewDevCA(clock)
	require.NoError(t, err)
	c := credential(t, ca, clock, signing.AgencyValidity)
	doc := unsignedPDF(t)
	signed, err := signing.Sign(doc, c, info(clock))
	require.NoError(t, err)
	require.Equal(t, doc, signed[:len(doc)], "an incremental update: the original bytes come first")

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		r := signing.Check(signed, pool(ca))
		assert.True(t, r.Valid(), r.Problem)
		assert.Equal(t, agency, r.Agency)
		assert.True(t, clock.Equal(r.SignedAt), "signed at %s", r.SignedAt)
	})
	t.Run("ErrUnsigned", func(t *testing.T) {
		t.Parallel()
		r := signing.Check(doc, pool(ca))
		assert.False(t, r.Signed)
		assert.False(t, r.Valid())
	})
	t.Run("ErrNotPDF", func(t *testing.T) {
		t.Parallel()
		assert.False(t, signing.Check([]byte("not a pdf"), pool(ca)).Signed)
	})
	t.Run("ErrByteChanged", func(t *testing.T) {
		t.Parallel()
		altered := flipInText(t, signed)
		r := signing.Check(altered, pool(ca))
		assert.True(t, r.Signed)
		assert.False(t, r.Intact, r.Problem)
		assert.False(t, r.Valid())
	})
	t.Run("ErrAppended", func(t *testing.T) {
		t.Parallel()
		r := signing.Check(append(append([]byte{}, signed...), "\n% later\n"...), pool(ca))
		assert.True(t, r.Signed)
		assert.False(t, r.Intact, "bytes after the signed range")
	})
	t.Run("ErrOtherCA", func(t *testing.T) {
		t.Parallel()
		other, err := signing.NewDevCA(clock)
		require.NoError(t, err)
		r := signing.Check(signed, pool(other))
		assert.True(t, r.Intact)
		assert.False(t, r.Trusted, "a certificate from a CA not in the trust store")
	})
	t.Run("ErrNoTrustStore", func(t *testing.T) {
		t.Parallel()
		assert.False(t, signing.Check(signed, nil).Trusted)
	})
}

func TestCheckExpired(t *testing.T) {
	t.Parallel()
	ca, err := signing.NewDevCA(clock.Add(-3 * 365 * 24 * time.Hour))
	require.NoError(t, err)
	// Issued two years ago for a year: expired a year before the signature.
	c := credential(t, ca, clock.Add(-2*365*24*time.Hour), 365*24*time.Hour)
	signed, err := signing.Sign(unsignedPDF(t), c, info(clock))
	require.NoError(t, err)
	r := signing.Check(signed, pool(ca))
	assert.False(t, r.Trusted, "signed with an expired certificate")
	assert.False(t, r.Valid())

	assert.NotEmpty(t, r.Problem)
}

func TestSignNeedsCredential(t *testing.T) {
	t.Parallel()
	_, err := signing.Sign(unsignedPDF(t), signing.Credential{}, info(clock))
	require.Error(t, err)
	_, err = signing.Sign([]byte("not a pdf"), signing.Credential{}, info(clock))
	require.Error(t, err)
}
