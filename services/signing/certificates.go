package signing

import (
	"context"
	"crypto"
	"crypto/x509"
	"time"

	"github.com/jackc/pgx/v5"
)

// Certificates gives an agency's signing key its certificate chain, and verification its
// trust store. DBCertificates is the development CA; DirCertificates, the government CA's
// certificates as files.
type Certificates interface {
	// Chain returns the certificate chain of the agency's key, its own certificate first and
	// the CA's root last, valid at now. tx is the signing transaction, which has recorded the
	// agency's key in agency_keys.
	Chain(ctx context.Context, tx pgx.Tx, a Agency, key crypto.PublicKey, now time.Time) ([]*x509.Certificate, error)
	// Roots is the trust store: the root certificates a signature's chain must reach; none
	// before the development CA exists.
	Roots(ctx context.Context, db Queryer) ([]*x509.Certificate, error)
}

// Pool is a certificate pool of certs, for Check.
func Pool(certs []*x509.Certificate) *x509.CertPool {
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool
}

// Queryer reads from the database: a pool, a replica's pool or a transaction.
type Queryer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}
