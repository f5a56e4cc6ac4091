package results

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/results/internal/resultdb"
)

// Keys gives IssueTx the signing key of an agency: ECDSA on P-256.
//
// Every implementation records the agency's public key in agency_keys (inside tx) before it
// returns the private key; verification reads the public key from there only. An agency has
// one key: a different key for an agency that already has one is refused, since it would make
// the agency's earlier results fail verification.
type Keys interface {
	SigningKey(ctx context.Context, tx pgx.Tx, agencyCode string) (*ecdsa.PrivateKey, error)
}

// DBKeys keeps each agency's private key in agency_keys, generating it the first time the
// agency signs. It is for development and demonstrations only: anyone who can read the
// database can sign as the agency. Production uses DirKeys.
type DBKeys struct {
	now func() time.Time
}

// NewDBKeys returns keys generated and stored in the database; now stamps created_at.
func NewDBKeys(now func() time.Time) *DBKeys {
	if now == nil {
		now = time.Now
	}
	return &DBKeys{now: now}
}

// SigningKey returns the agency's stored key, generating and storing one first if it has none.
// Two transactions signing for a new agency at once end up with the same key: the second waits
// for the first's insert.
func (k *DBKeys) SigningKey(ctx context.Context, tx pgx.Tx, agencyCode string) (*ecdsa.PrivateKey, error) {
	key, found, err := storedKey(ctx, tx, agencyCode)
	if err != nil || found {
		return key, err
	}
	key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("results: generate key of %s: %w", agencyCode, err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("results: key of %s: %w", agencyCode, err)
	}
	priv, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("results: key of %s: %w", agencyCode, err)
	}
	err = resultdb.New(tx).AgencyKeyInsert(ctx, resultdb.AgencyKeyInsertParams{AgencyCode: agencyCode, PublicKeyDer: pub,
		PrivateKeyDer: priv, CreatedAt: k.now()})
	if err != nil {
		return nil, fmt.Errorf("results: store key of %s: %w", agencyCode, err)
	}
	key, found, err = storedKey(ctx, tx, agencyCode) // another transaction's, if it won the race
	if err == nil && !found {
		err = fmt.Errorf("results: key of %s not stored", agencyCode)
	}
	return key, err
}

// storedKey reads the agency's private key from agency_keys.
func storedKey(ctx context.Context, tx pgx.Tx, agencyCode string) (*ecdsa.PrivateKey, bool, error) {
	row, err := resultdb.New(tx).AgencyKey(ctx, agencyCode)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("results: read key of %s: %w", agencyCode, err)
	}
	pub, priv := row.PublicKeyDer, row.PrivateKeyDer
	if priv == nil {
		return nil, false, fmt.Errorf("results: the key of %s is configured outside the database (only its public key is stored); sign with DirKeys", agencyCode)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(priv)
	if err != nil {
		return nil, false, fmt.Errorf("results: stored key of %s: %w", agencyCode, err)
	}
	key, ok := parsed.(*ecdsa.PrivateKey)
	if !ok || key.Curve != elliptic.P256() {
		return nil, false, fmt.Errorf("results: stored key of %s is not an ECDSA P-256 key", agencyCode)
	}
	if err := sameKey(key, pub); err != nil {
		return nil, false, fmt.Errorf("results: stored key of %s: %w", agencyCode, err)
	}
	return key, true, nil
}

// DirKeys reads each agency's private key from <dir>/<agency code>.pem, a PKCS#8 "PRIVATE KEY"
// PEM block of an ECDSA P-256 key, for example made with
//
//	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out UBND-00070.pem
//
// The private key never enters the database. The first time an agency signs, its public key is
// recorded in agency_keys, so results stay verifiable; after that a file holding another key is
// refused. The file is read at every signature, so a corrected file needs no restart.
type DirKeys struct {
	dir string
	now func() time.Time
}

// NewDirKeys returns keys read from dir; now stamps created_at. It fails when dir is not a
// readable folder.
func NewDirKeys(dir string, now func() time.Time) (*DirKeys, error) {
	if now == nil {
		now = time.Now
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("results: key folder: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("results: key folder %s is not a folder", dir)
	}
	return &DirKeys{dir: dir, now: now}, nil
}

// agencyCodePattern is the agencies.code CHECK; it also keeps the file name inside the folder.
var agencyCodePattern = regexp.MustCompile(`^[A-Z0-9-]{3,40}$`)

// SigningKey reads the agency's key file and records its public key, or checks it against the
// one recorded.
func (k *DirKeys) SigningKey(ctx context.Context, tx pgx.Tx, agencyCode string) (*ecdsa.PrivateKey, error) {
	if !agencyCodePattern.MatchString(agencyCode) {
		return nil, fmt.Errorf("results: %q is not an agency code", agencyCode)
	}
	path := filepath.Join(k.dir, agencyCode+".pem")
	b, err := readInDir(k.dir, filepath.Base(path))
	if err != nil {
		return nil, fmt.Errorf("results: key of %s: %w", agencyCode, err)
	}
	key, err := ParseKeyPEM(b)
	if err != nil {
		return nil, fmt.Errorf("results: key of %s in %s: %w", agencyCode, path, err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("results: key of %s: %w", agencyCode, err)
	}
	q := resultdb.New(tx)
	if err := q.AgencyPublicKeyInsert(ctx, agencyCode, pub, k.now()); err != nil {
		return nil, fmt.Errorf("results: record public key of %s: %w", agencyCode, err)
	}
	recorded, err := q.AgencyPublicKey(ctx, agencyCode)
	if err != nil {
		return nil, fmt.Errorf("results: read public key of %s: %w", agencyCode, err)
	}
	if err := sameKey(key, recorded); err != nil {
		return nil, fmt.Errorf("results: key of %s in %s: %w", agencyCode, path, err)
	}
	return key, nil
}

// ParseKeyPEM reads an ECDSA P-256 private key from a PKCS#8 "PRIVATE KEY" PEM block; SEC 1
// "EC PRIVATE KEY" blocks (openssl ecparam -genkey) are accepted too.
func ParseKeyPEM(b []byte) (*ecdsa.PrivateKey, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	var (
		parsed any
		err    error
	)
	switch block.Type {
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		parsed, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("PEM block %q is not a private key; want PKCS#8 \"PRIVATE KEY\"", block.Type)
	}
	if err != nil {
		return nil, err
	}
	key, ok := parsed.(*ecdsa.PrivateKey)
	if !ok || key.Curve != elliptic.P256() {
		return nil, errors.New("not an ECDSA P-256 key")
	}
	return key, nil
}

// KeyPEM encodes key as the PKCS#8 PEM file DirKeys reads.
func KeyPEM(key *ecdsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("results: encode key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// sameKey checks that key is the private half of the recorded public key.
func sameKey(key *ecdsa.PrivateKey, recordedDER []byte) error {
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return err
	}
	if !bytes.Equal(pub, recordedDER) {
		return errors.New("it is not the key whose public key agency_keys records for the agency; " +
			"replacing an agency's key would make its earlier results fail verification")
	}
	return nil
}

// publicKey parses a public key as agency_keys stores it.
func publicKey(der []byte) (*ecdsa.PublicKey, error) {
	parsed, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, err
	}
	pub, ok := parsed.(*ecdsa.PublicKey)
	if !ok {
		return nil, errors.New("not an ECDSA public key")
	}
	return pub, nil
}

// readInDir reads a file of dir that cannot lead outside it, whatever its name or a link says.
func readInDir(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer func() { _ = root.Close() }() // read-only: nothing to report on close
	return root.ReadFile(name)
}
