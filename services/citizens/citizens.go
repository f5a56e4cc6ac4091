// Package citizens keeps the portal's account record of each person who signs in: who they are at
// their identity provider (issuer and subject) and the personal ID their cases are filed under.
// Its writes to the citizens table are the named queries of queries/citizen.sql, compiled by sqlc
// into internal/citizensdb.
package citizens

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/citizens/internal/citizensdb"
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
	q   *citizensdb.Queries
	now func() time.Time
}

// New returns the citizen account store.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{q: citizensdb.New(pool), now: now}
}

// SignedIn records a sign-in: it creates the account on first sight and refreshes the name and
// personal ID from the provider afterwards.
func (s *Service) SignedIn(ctx context.Context, issuer, subject, personalID, fullName string) (Citizen, error) {
	return s.SignedInBorn(ctx, issuer, subject, personalID, fullName, "")
}

// SignedInBorn is SignedIn with the date of birth the provider asserts (YYYY-MM-DD, or "").
func (s *Service) SignedInBorn(ctx context.Context, issuer, subject, personalID, fullName, birthdate string) (Citizen, error) {
	var pid *string
	if personalID != "" {
		pid = &personalID
	}
	var born *time.Time
	if d, err := time.Parse("2006-01-02", birthdate); err == nil {
		born = &d
	}
	r, err := s.q.CitizenSignedIn(ctx, citizensdb.CitizenSignedInParams{Issuer: issuer, Subject: subject, PersonalID: pid,
		FullName: fullName, Now: s.now(), BirthDate: born})
	if err != nil {
		return Citizen{}, fmt.Errorf("citizens: signed in %s: %w", subject, err)
	}
	return Citizen{ID: r.ID, Issuer: r.Issuer, Subject: r.Subject, PersonalID: r.PersonalID, FullName: r.FullName,
		CreatedAt: r.CreatedAt, LastLoginAt: r.LastLoginAt}, nil
}

// Contact is how a citizen is written to: only verified values, so that nothing leaves the portal
// for an address or number nobody has confirmed.
type Contact struct {
	FullName string
	Email    string // a verified address, or ""
	Phone    string // a verified mobile number as +84xxxxxxxxx, or ""
}

// ContactOf reads the citizen's name and verified address and number through db, so that a
// notification written inside a step's transaction reads them in that transaction.
func ContactOf(ctx context.Context, db citizensdb.DBTX, id int64) (Contact, error) {
	r, err := citizensdb.New(db).CitizenContact(ctx, id)
	if err != nil {
		return Contact{}, fmt.Errorf("citizens: contact of %d: %w", id, err)
	}
	c := Contact{FullName: r.FullName}
	if r.Email != nil && r.EmailVerifiedAt != nil {
		c.Email = *r.Email
	}
	if r.Phone != nil && r.PhoneVerifiedAt != nil {
		c.Phone = *r.Phone
	}
	return c, nil
}
