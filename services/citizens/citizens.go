// Package citizens keeps the portal's account record of each person who signs in: who they are at
// their identity provider (issuer and subject) and the personal ID their cases are filed under.
package citizens

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Citizen is a portal account.
type Citizen struct {
	ID          int64
	Issuer      string
	Subject     string
	PersonalID  string // "" when the provider asserts none
	FullName    string
	CreatedAt   time.Time
	LastLoginAt time.Time
}

// Service stores citizen accounts.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the citizen account store.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now}
}

// SignedIn records a sign-in: it creates the account on first sight and refreshes the name and
// personal ID from the provider afterwards.
func (s *Service) SignedIn(ctx context.Context, issuer, subject, personalID, fullName string) (Citizen, error) {
	return s.SignedInBorn(ctx, issuer, subject, personalID, fullName, "")
}

// SignedInBorn is SignedIn with the date of birth the provider asserts (YYYY-MM-DD, or "").
func (s *Service) SignedInBorn(ctx context.Context, issuer, subject, personalID, fullName, birthdate string) (Citizen, error) {
	now := s.now()
	var c Citizen
	var pid *string
	if personalID != "" {
		pid = &personalID
	}
	var born *time.Time
	if d, err := time.Parse("2006-01-02", birthdate); err == nil {
		born = &d
	}
	err := s.pool.QueryRow(ctx, `
		INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at, birth_date)
		VALUES ($1, $2, $3, $4, $5, $5, $6)
		ON CONFLICT (issuer, subject) DO UPDATE
		   SET personal_id = EXCLUDED.personal_id, full_name = EXCLUDED.full_name, last_login_at = EXCLUDED.last_login_at,
		       birth_date = coalesce(EXCLUDED.birth_date, citizens.birth_date)
		RETURNING id, issuer, subject, coalesce(personal_id, ''), full_name, created_at, last_login_at`,
		issuer, subject, pid, fullName, now, born,
	).Scan(&c.ID, &c.Issuer, &c.Subject, &c.PersonalID, &c.FullName, &c.CreatedAt, &c.LastLoginAt)
	if err != nil {
		return Citizen{}, fmt.Errorf("citizens: signed in %s: %w", subject, err)
	}
	return c, nil
}
