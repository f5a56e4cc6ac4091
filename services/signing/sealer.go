package signing

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Keys gives the signing key of an agency (services/results DBKeys and DirKeys), recording its
// public key in agency_keys inside tx.
type Keys interface {
	SigningKey(ctx context.Context, tx pgx.Tx, agencyCode string) (*ecdsa.PrivateKey, error)
}

// Sealer signs the portal's PDFs in an agency's name: the agency's key, its certificate chain
// and the signing time from the injected clock. It is safe for concurrent use.
type Sealer struct {
	pool  *pgxpool.Pool
	keys  Keys
	certs Certificates
	now   func() time.Time
}

// NewSealer returns a sealer signing with keys under certs' certificates.
func NewSealer(pool *pgxpool.Pool, keys Keys, certs Certificates, now func() time.Time) *Sealer {
	if now == nil {
		now = time.Now
	}
	return &Sealer{pool: pool, keys: keys, certs: certs, now: now}
}

// SealTx signs doc for agency a, for reason, inside tx (where the agency's key and
// certificate are recorded the first time). The signature is dated by the sealer's clock.
func (s *Sealer) SealTx(ctx context.Context, tx pgx.Tx, doc []byte, a Agency, reason string) ([]byte, error) {
	return s.sealAt(ctx, tx, doc, a, reason, s.now())
}

// SealAtTx is SealTx with the signing time given: a result is signed at its issue time.
func (s *Sealer) SealAtTx(ctx context.Context, tx pgx.Tx, doc []byte, a Agency, reason string, at time.Time) ([]byte, error) {
	return s.sealAt(ctx, tx, doc, a, reason, at)
}

// Seal is SealTx in its own transaction, for documents made on request (receipt slips,
// e-receipts).
func (s *Sealer) Seal(ctx context.Context, doc []byte, a Agency, reason string) ([]byte, error) {
	var out []byte
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		out, err = s.SealTx(ctx, tx, doc, a, reason)
		return err
	})
	return out, err
}

func (s *Sealer) sealAt(ctx context.Context, tx pgx.Tx, doc []byte, a Agency, reason string, at time.Time) ([]byte, error) {
	key, err := s.keys.SigningKey(ctx, tx, a.Code)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	chain, err := s.certs.Chain(ctx, tx, a, &key.PublicKey, at)
	if err != nil {
		return nil, err
	}
	return Sign(doc, Credential{Key: key, Chain: chain}, Info{Name: a.Name, Reason: reason, Location: Location, Time: at})
}

// Check verifies doc's embedded signature against the trust store, read from db (the
// development CA) or the CA's files.
func (s *Sealer) Check(ctx context.Context, db Queryer, doc []byte) (Report, error) {
	roots, err := s.certs.Roots(ctx, db)
	if err != nil {
		return Report{}, err
	}
	return Check(doc, Pool(roots)), nil
}

// Roots are the root certificates of the trust store, read from db (the development CA) or the
// CA's files, for those who verify the portal's PDFs with their own software. The development
// CA is made on the primary the first time it is asked for, if nothing was signed before.
func (s *Sealer) Roots(ctx context.Context, db Queryer) ([]*x509.Certificate, error) {
	roots, err := s.certs.Roots(ctx, db)
	dev, ok := s.certs.(*DBCertificates)
	if err != nil || len(roots) > 0 || !ok {
		return roots, err
	}
	if err := dev.MakeCA(ctx, s.pool, s.now()); err != nil {
		return nil, err
	}
	return s.certs.Roots(ctx, s.pool)
}
