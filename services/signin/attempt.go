package signin

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/signin/internal/signindb"
)

// DB is a pool or a transaction.
type DB = signindb.DBTX

// PurgeExpired deletes the sign-in attempts that expired before now and says how many. Every
// replica may run it: the delete is idempotent. (Start also removes attempts a minute past their
// expiry as new ones arrive; this is the periodic sweep, services/database.PurgeExpired's.)
func PurgeExpired(ctx context.Context, db DB, now time.Time) (int64, error) {
	n, err := signindb.New(db).AttemptsPurge(ctx, now)
	if err != nil {
		return 0, fmt.Errorf("signin: purge expired attempts: %w", err)
	}
	return n, nil
}

// attempt is the pre-login record of one started sign-in.
type attempt struct {
	bindingHash []byte
	audience    string
	nonce       string
	verifier    string
	returnTo    string
	expiresAt   time.Time
}

// randomToken returns 32 random bytes, base64url-encoded (43 characters).
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never returns an error; crashes the program if the system has no randomness
	return base64.RawURLEncoding.EncodeToString(b)
}

// keyedHash hashes a browser-held secret with the portal's secret, so a copy of the table
// reveals neither states nor binding cookies.
func (s *Service) keyedHash(kind, value string) []byte {
	m := hmac.New(sha256.New, s.cfg.Secret)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return m.Sum(nil)
}

func (s *Service) saveAttempt(ctx context.Context, state, binding string, a attempt) error {
	now := s.cfg.Now()
	// Expired attempts are removed as new ones arrive; the index keeps this cheap.
	if _, err := s.q.AttemptsPurge(ctx, now.Add(-time.Minute)); err != nil {
		return fmt.Errorf("signin: purge attempts: %w", err)
	}
	err := s.q.AttemptInsert(ctx, signindb.AttemptInsertParams{StateHash: s.keyedHash("state", state),
		BindingHash: s.keyedHash("binding", binding), Audience: a.audience, Nonce: a.nonce, PkceVerifier: a.verifier,
		ReturnTo: a.returnTo, CreatedAt: now, ExpiresAt: now.Add(s.cfg.AttemptTTL)})
	if err != nil {
		return fmt.Errorf("signin: save attempt: %w", err)
	}
	return nil
}

// takeAttempt deletes and returns the attempt for state, so each state is used at most once.
func (s *Service) takeAttempt(ctx context.Context, state string) (attempt, bool, error) {
	r, err := s.q.AttemptTake(ctx, s.keyedHash("state", state))
	if errors.Is(err, pgx.ErrNoRows) {
		return attempt{}, false, nil
	}
	if err != nil {
		return attempt{}, false, fmt.Errorf("signin: take attempt: %w", err)
	}
	return attempt{bindingHash: r.BindingHash, audience: r.Audience, nonce: r.Nonce, verifier: r.PkceVerifier,
		returnTo: r.ReturnTo, expiresAt: r.ExpiresAt}, true, nil
}
