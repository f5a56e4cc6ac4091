package receipt

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/signing"
)

// caSealer signs as signing.Sealer does, with a key and certificate of its own CA, without a
// database.
type caSealer struct {
	ca  signing.CA
	key *ecdsa.PrivateKey
	now time.Time
}

func (s caSealer) Seal(_ context.Context, doc []byte, a signing.Agency, reason string) ([]byte, error) {
	cert, err := s.ca.Issue(&s.key.PublicKey, a, s.now, signing.AgencyValidity)
	if err != nil {
		return nil, err
	}
	return signing.Sign(doc, signing.Credential{Key: s.key, Chain: []*x509.Certificate{cert, s.ca.Cert}},
		signing.Info{Name: a.Name, Reason: reason, Location: signing.Location, Time: s.now})
}

// TestSignedSlip: the receipt slip carries the signature of the agency that received the case.
func TestSignedSlip(t *testing.T) {
	t.Parallel()
	fx := setup(t)
	now := time.Date(2026, 11, 28, 1, 15, 0, 0, time.UTC)
	ca, err := signing.NewDevCA(now)
	require.NoError(t, err)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	slip := sampleSlip()
	slip.AgencyCode = "CA-00070"

	_, err = fx.r.SignedSlipPDF(context.Background(), slip)
	require.Error(t, err, "a renderer without a sealer cannot sign")

	r := *fx.r
	r.WithSealer(caSealer{ca: ca, key: key, now: now})
	pdf, err := r.SignedSlipPDF(context.Background(), slip)
	require.NoError(t, err)
	roots := x509.NewCertPool()
	roots.AddCert(ca.Cert)
	got := signing.Check(pdf, roots)
	assert.True(t, got.Valid(), got.Problem)
	assert.Equal(t, signing.Agency{Code: "CA-00070", Name: slip.AgencyName}, got.Agency)
	assert.Equal(t, signing.ReasonSlip, got.Reason)

	slip.AgencyCode = ""
	_, err = r.SignedSlipPDF(context.Background(), slip)
	assert.True(t, errors.Is(err, ErrIncomplete), "%v", err)
}
