package results_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signing"
)

// TestSealWithCAFiles is the production set-up: the agency's key and the certificate the CA
// issued for it are files (DirKeys, DirCertificates), and the CA's root in chain.crt is what
// verification trusts. Without its certificate an agency cannot issue: no result goes out
// unsigned.
func TestSealWithCAFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	keyPEM, err := results.KeyPEM(key)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "UBND-00070.pem"), keyPEM, 0o600))
	ca, err := signing.NewDevCA(fx.now) // stands in for the government CA, whose key is not here
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, signing.ChainFile), signing.CertificatePEM(ca.Cert), 0o600))
	keys, err := results.NewDirKeys(dir, func() time.Time { return fx.now })
	require.NoError(t, err)
	certs, err := signing.NewDirCertificates(dir)
	require.NoError(t, err)
	svc, err := results.New(fx.pool, keys, "", func() time.Time { return fx.now })
	require.NoError(t, err)
	svc.WithCertificates(certs)

	in := fx.newCase(t, "UBND-00070", 1)
	err = pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		_, err := svc.IssueTx(ctx, tx, in)
		return err
	})
	require.Error(t, err, "no UBND-00070.crt: nothing is issued")

	cert, err := ca.Issue(&key.PublicKey, signing.Agency{Code: "UBND-00070", Name: in.AgencyName}, fx.now, signing.AgencyValidity)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "UBND-00070.crt"), signing.CertificatePEM(cert), 0o600))
	res := fx.issue(t, svc, in)
	_, pdf, err := svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	v, err := svc.VerifyDocument(ctx, pdf)
	require.NoError(t, err)
	assert.True(t, v.Authentic)
	assert.Equal(t, res.Code, v.Code)
	assert.True(t, v.Embedded.Valid(), v.Embedded.Problem)

	// The development CA in the database is not the CA of these files: it does not vouch for them.
	dev, err := results.New(fx.pool, keys, "", func() time.Time { return fx.now })
	require.NoError(t, err)
	v, err = dev.VerifyDocument(ctx, pdf)
	require.NoError(t, err)
	assert.False(t, v.Authentic)
	assert.True(t, v.Embedded.Intact)
	assert.False(t, v.Embedded.Trusted)
}
