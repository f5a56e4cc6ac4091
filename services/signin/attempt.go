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
)

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
	_, err := s.pool.Exec(ctx, `DELETE FROM signin_attempts WHERE expires_at < $1`, now.Add(-time.Minute))
	if err != nil {
		return fmt.Errorf("signin: purge attempts: %w", err)
	}
	_, err = s.pool.Exec(ctx, `
		INSERT INTO signin_attempts (state_hash, binding_hash, audience, nonce, pkce_verifier, return_to, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.keyedHash("state", state), s.keyedHash("binding", binding), a.audience, a.nonce, a.verifier,
		a.returnTo, now, now.Add(s.cfg.AttemptTTL))
	if err != nil {
		return fmt.Errorf("signin: save attempt: %w", err)
	}
	return nil
}

// takeAttempt deletes and returns the attempt for state, so each state is used at most once.
func (s *Service) takeAttempt(ctx context.Context, state string) (attempt, bool, error) {
	var a attempt
	err := s.pool.QueryRow(ctx, `
		DELETE FROM signin_attempts WHERE state_hash = $1
		RETURNING binding_hash, audience, nonce, pkce_verifier, return_to, expires_at`,
		s.keyedHash("state", state),
	).Scan(&a.bindingHash, &a.audience, &a.nonce, &a.verifier, &a.returnTo, &a.expiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return attempt{}, false, nil
	}
	if err != nil {
		return attempt{}, false, fmt.Errorf("signin: take attempt: %w", err)
	}
	return a, true, nil
}
