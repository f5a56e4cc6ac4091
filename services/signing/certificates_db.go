package signing

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/signing/internal/signingdb"
)

// DBCertificates is the development certificate authority, kept in the database: the CA is
// made the first time anything is signed, and issues an agency's certificate the first time
// the agency signs, and again once it has expired or its key changed. It is for development and
// demonstrations only: anyone who can read the database can issue certificates.
//
// Its certificates are valid at the portal's clock and at the machine's: the CMS signature
// states the machine's time (the PDF library writes it), which verifiers check against the
// certificate, while a demonstration or a test may set the portal's clock elsewhere.
type DBCertificates struct {
	wall func() time.Time // the machine's clock
}

// NewDBCertificates returns the development CA in the database.
func NewDBCertificates() *DBCertificates { return &DBCertificates{wall: time.Now} }

var _ Certificates = (*DBCertificates)(nil)

// Chain returns the agency's stored certificate, issuing one first when it has none valid at
// now for key. Two transactions doing so at once end up with the same certificate: the second
// waits for the first's write, then keeps it.
func (d *DBCertificates) Chain(ctx context.Context, tx pgx.Tx, a Agency, key crypto.PublicKey, now time.Time) ([]*x509.Certificate, error) {
	from, until := span(now, d.wall())
	ca, err := devCA(ctx, tx, from)
	if err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("signing: key of %s: %w", a.Code, err)
	}
	if cert, err := storedCertificate(ctx, tx, a.Code, pub, now); err != nil || cert != nil {
		return chainOf(cert, ca.Cert), err
	}
	cert, err := ca.Issue(key, a, from, until.Sub(from)+AgencyValidity)
	if err != nil {
		return nil, err
	}
	// The stored certificate is replaced only when it no longer fits (a concurrent writer's
	// certificate that does fit stays).
	err = signingdb.New(tx).AgencyCertificateUpsert(ctx, signingdb.AgencyCertificateUpsertParams{AgencyCode: a.Code,
		CertificateDer: cert.Raw, PublicKeyDer: pub, NotAfter: cert.NotAfter, CreatedAt: now})
	if err != nil {
		return nil, fmt.Errorf("signing: store certificate of %s: %w", a.Code, err)
	}
	stored, err := storedCertificate(ctx, tx, a.Code, pub, now)
	if err == nil && stored == nil {
		err = fmt.Errorf("signing: certificate of %s not stored", a.Code)
	}
	return chainOf(stored, ca.Cert), err
}

// Roots is the development CA's certificate; none before the CA exists.
func (d *DBCertificates) Roots(ctx context.Context, db Queryer) ([]*x509.Certificate, error) {
	der, err := signingdb.New(rowQuerier{db}).CACertificate(ctx)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("signing: read CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("signing: stored CA: %w", err)
	}
	return []*x509.Certificate{cert}, nil
}

// MakeCA makes the development CA in db, in a transaction of its own, unless there is one: the
// CA a reader's software is to trust is there before anything is signed (/verify/ca.crt).
func (d *DBCertificates) MakeCA(ctx context.Context, db *pgxpool.Pool, now time.Time) error {
	from, _ := span(now, d.wall())
	return pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		_, err := devCA(ctx, tx, from)
		return err
	})
}

// devCA reads the development CA, making it first if there is none.
func devCA(ctx context.Context, tx pgx.Tx, now time.Time) (CA, error) {
	ca, found, err := storedCA(ctx, tx)
	if err != nil || found {
		return ca, err
	}
	if ca, err = NewDevCA(now); err != nil {
		return CA{}, err
	}
	priv, err := x509.MarshalPKCS8PrivateKey(ca.Key)
	if err != nil {
		return CA{}, fmt.Errorf("signing: CA key: %w", err)
	}
	err = signingdb.New(tx).CAInsert(ctx, ca.Cert.Raw, priv, now)
	if err != nil {
		return CA{}, fmt.Errorf("signing: store CA: %w", err)
	}
	ca, found, err = storedCA(ctx, tx) // another transaction's, if it won the race
	if err == nil && !found {
		err = errors.New("signing: CA not stored")
	}
	return ca, err
}

func storedCA(ctx context.Context, tx pgx.Tx) (CA, bool, error) {
	row, err := signingdb.New(tx).CAGet(ctx)
	if errors.Is(err, pgx.ErrNoRows) {
		return CA{}, false, nil
	}
	if err != nil {
		return CA{}, false, fmt.Errorf("signing: read CA: %w", err)
	}
	cert, err := x509.ParseCertificate(row.CertificateDer)
	if err != nil {
		return CA{}, false, fmt.Errorf("signing: stored CA: %w", err)
	}
	key, err := x509.ParsePKCS8PrivateKey(row.PrivateKeyDer)
	if err != nil {
		return CA{}, false, fmt.Errorf("signing: stored CA key: %w", err)
	}
	signer, ok := key.(*ecdsa.PrivateKey)
	if !ok {
		return CA{}, false, errors.New("signing: stored CA key is not ECDSA")
	}
	return CA{Cert: cert, Key: signer}, true, nil
}

// storedCertificate reads the agency's certificate; nil when it has none that certifies pub
// at now.
func storedCertificate(ctx context.Context, tx pgx.Tx, agencyCode string, pub []byte, now time.Time) (*x509.Certificate, error) {
	row, err := signingdb.New(tx).AgencyCertificate(ctx, agencyCode)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("signing: read certificate of %s: %w", agencyCode, err)
	}
	cert, err := x509.ParseCertificate(row.CertificateDer)
	if err != nil {
		return nil, fmt.Errorf("signing: stored certificate of %s: %w", agencyCode, err)
	}
	if !bytes.Equal(row.PublicKeyDer, pub) || !now.Before(cert.NotAfter) {
		return nil, nil
	}
	return cert, nil
}

// rowQuerier lets the generated queries read through a Queryer (a pool, a replica's pool or a
// transaction), which only reads rows: Roots runs no statement that needs more.
type rowQuerier struct{ Queryer }

func (rowQuerier) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, errors.New("signing: a Queryer only reads rows")
}

func (rowQuerier) Query(context.Context, string, ...any) (pgx.Rows, error) {
	return nil, errors.New("signing: a Queryer only reads rows")
}

// chainOf is [leaf, root], or nil without a leaf.
func chainOf(leaf, root *x509.Certificate) []*x509.Certificate {
	if leaf == nil {
		return nil
	}
	return []*x509.Certificate{leaf, root}
}

// span orders the portal's and the machine's clocks.
func span(now, wall time.Time) (from, until time.Time) {
	if wall.Before(now) {
		return wall, now
	}
	return now, wall
}
