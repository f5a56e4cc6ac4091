package signing_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/signing"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// withAgency gives a fresh database with the agency and a key recorded for it.
func withAgency(t *testing.T) (*pgxpool.Pool, *ecdsa.PrivateKey) {
	t.Helper()
	pool := dbtest.New(t)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(t, err)
	_, err = pool.Exec(context.Background(), `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code)
		VALUES ('UBND-00070', 'commune_committee', 'commune', 'Ủy ban nhân dân phường Hoàn Kiếm', 'Hoan Kiem', '01', '00070')`)
	require.NoError(t, err)
	_, err = pool.Exec(context.Background(), `INSERT INTO agency_keys (agency_code, public_key_der, created_at) VALUES ('UBND-00070', $1, now())`, pub)
	require.NoError(t, err)
	return pool, key
}

func chainIn(t *testing.T, pool *pgxpool.Pool, certs signing.Certificates, key *ecdsa.PrivateKey, at time.Time) []*x509.Certificate {
	t.Helper()
	var chain []*x509.Certificate
	require.NoError(t, pgx.BeginFunc(context.Background(), pool, func(tx pgx.Tx) error {
		var err error
		chain, err = certs.Chain(context.Background(), tx, agency, &key.PublicKey, at)
		return err
	}))
	return chain
}

func TestDBCertificates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, key := withAgency(t)
	certs := signing.NewDBCertificates()

	roots, err := certs.Roots(ctx, pool)
	require.NoError(t, err)
	assert.Empty(t, roots, "no CA before anything is signed")

	first := chainIn(t, pool, certs, key, clock)
	require.Len(t, first, 2)
	assert.Equal(t, signing.DevCAName, first[1].Subject.CommonName)
	assert.Equal(t, agency.Code, first[0].Subject.SerialNumber)
	roots, err = certs.Roots(ctx, pool)
	require.NoError(t, err)
	require.Len(t, roots, 1)
	assert.Equal(t, first[1].Raw, roots[0].Raw)
	_, err = first[0].Verify(x509.VerifyOptions{Roots: signing.Pool(roots), CurrentTime: clock, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	require.NoError(t, err, "the trust store holds the CA that issued it")

	t.Run("Kept", func(t *testing.T) {
		again := chainIn(t, pool, certs, key, clock.Add(24*time.Hour))
		assert.Equal(t, first[0].Raw, again[0].Raw)
		assert.Equal(t, first[1].Raw, again[1].Raw, "one CA")
	})
	t.Run("RenewedOnceExpired", func(t *testing.T) {
		later := first[0].NotAfter.Add(time.Hour)
		renewed := chainIn(t, pool, certs, key, later)
		assert.NotEqual(t, first[0].Raw, renewed[0].Raw)
		assert.True(t, renewed[0].NotAfter.After(later))
		assert.Equal(t, first[1].Raw, renewed[1].Raw, "issued by the same CA")
	})
	t.Run("RenewedForAnotherKey", func(t *testing.T) {
		other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		c := chainIn(t, pool, certs, other, clock)
		assert.True(t, c[0].PublicKey.(*ecdsa.PublicKey).Equal(&other.PublicKey))
	})
}

func TestDBCertificatesConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, key := withAgency(t)
	certs := signing.NewDBCertificates()
	tx1, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx1.Rollback(ctx) }()
	c1, err := certs.Chain(ctx, tx1, agency, &key.PublicKey, clock)
	require.NoError(t, err)

	done := make(chan []*x509.Certificate)
	go func() {
		var c2 []*x509.Certificate
		_ = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			var err error
			c2, err = certs.Chain(ctx, tx, agency, &key.PublicKey, clock) // waits for tx1's CA
			return err
		})
		done <- c2
	}()
	require.NoError(t, tx1.Commit(ctx))
	c2 := <-done
	require.Len(t, c2, 2)
	assert.Equal(t, c1[1].Raw, c2[1].Raw, "one CA")
	assert.Equal(t, c1[0].Raw, c2[0].Raw, "one certificate")
}

func TestDirCertificates(t *testing.T) {
	t.Parallel()
	ca, err := signing.NewDevCA(clock)
	require.NoError(t, err)
	c := credential(t, ca, clock, signing.AgencyValidity)
	dir := t.TempDir()
	_, err = signing.NewDirCertificates(dir)
	require.Error(t, err, "no chain.crt")
	require.NoError(t, os.WriteFile(filepath.Join(dir, signing.ChainFile), signing.CertificatePEM(ca.Cert), 0o600))
	certs, err := signing.NewDirCertificates(dir)
	require.NoError(t, err)
	key := c.Key.(*ecdsa.PrivateKey)

	_, err = certs.Chain(context.Background(), nil, agency, &key.PublicKey, clock)
	require.Error(t, err, "no certificate for the agency")
	require.NoError(t, os.WriteFile(filepath.Join(dir, agency.Code+".crt"), signing.CertificatePEM(c.Chain[0]), 0o600))

	t.Run("OK", func(t *testing.T) {
		chain, err := certs.Chain(context.Background(), nil, agency, &key.PublicKey, clock)
		require.NoError(t, err)
		require.Len(t, chain, 2)
		assert.Equal(t, c.Chain[0].Raw, chain[0].Raw)
		roots, err := certs.Roots(context.Background(), nil)
		require.NoError(t, err)
		require.Len(t, roots, 1)
		signed, err := signing.Sign(unsignedPDF(t), signing.Credential{Key: key, Chain: chain}, info(clock))
		require.NoError(t, err)
		assert.True(t, signing.Check(signed, signing.Pool(roots)).Valid())
	})
	t.Run("ErrOtherKey", func(t *testing.T) {
		other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		_, err = certs.Chain(context.Background(), nil, agency, &other.PublicKey, clock)
		require.ErrorContains(t, err, "does not certify")
	})
	t.Run("ErrExpired", func(t *testing.T) {
		_, err := certs.Chain(context.Background(), nil, agency, &key.PublicKey, clock.Add(signing.AgencyValidity+time.Hour))
		require.Error(t, err)
	})
	t.Run("ErrNotAnAgencyCode", func(t *testing.T) {
		_, err := certs.Chain(context.Background(), nil, signing.Agency{Code: "../x", Name: "x"}, &key.PublicKey, clock)
		require.Error(t, err)
	})
}

// TestDBCertificatesClockElsewhere: a demonstration's clock five years back still gives PDFs
// that verify, although the CMS signature states the machine's time.
func TestDBCertificatesClockElsewhere(t *testing.T) {
	t.Parallel()
	pool, key := withAgency(t)
	past := time.Now().AddDate(-5, 0, 0)
	chain := chainIn(t, pool, signing.NewDBCertificates(), key, past)
	signed, err := signing.Sign(unsignedPDF(t), signing.Credential{Key: key, Chain: chain}, info(past))
	require.NoError(t, err)
	roots, err := signing.NewDBCertificates().Roots(context.Background(), pool)
	require.NoError(t, err)
	r := signing.Check(signed, signing.Pool(roots))
	assert.True(t, r.Valid(), r.Problem)
	assert.True(t, past.Truncate(time.Second).Equal(r.SignedAt.Truncate(time.Second)))
}

// TestSealerRootsBeforeAnySignature: the development CA is made the first time its root is asked
// for (/verify/ca.crt before anything was signed), once, and it is the CA that then issues the
// agencies' certificates.
func TestSealerRootsBeforeAnySignature(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, key := withAgency(t)
	certs := signing.NewDBCertificates()
	sealer := signing.NewSealer(pool, nil, certs, func() time.Time { return clock })

	roots, err := sealer.Roots(ctx, pool)
	require.NoError(t, err)
	require.Len(t, roots, 1, "the CA is made when first asked for")
	assert.Equal(t, signing.DevCAName, roots[0].Subject.CommonName)
	again, err := sealer.Roots(ctx, pool)
	require.NoError(t, err)
	require.Len(t, again, 1)
	assert.Equal(t, roots[0].Raw, again[0].Raw, "made once")

	chain := chainIn(t, pool, certs, key, clock)
	require.Len(t, chain, 2)
	assert.Equal(t, roots[0].Raw, chain[1].Raw, "the agency's certificate is issued by that CA")
	_, err = chain[0].Verify(x509.VerifyOptions{Roots: signing.Pool(roots), CurrentTime: clock, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	require.NoError(t, err)
}
