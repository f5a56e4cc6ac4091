// Package consent records a citizen's agreement to fetch named attributes about them from the
// national databases, for one purpose, before anything is fetched.
package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Consent is one recorded agreement.
type Consent struct {
	ID         int64
	CitizenID  int64
	Purpose    string
	Reference  string
	Databases  []string
	Attributes []string
	GrantedAt  time.Time
	ExpiresAt  time.Time
}

// Reference used when a consent is for the My data page (purpose citizen-view).
func (c Consent) ViewReference() string { return fmt.Sprintf("CV-%d", c.ID) }

// Covers reports whether the consent allows reading every attribute in attrs.
func (c Consent) Covers(attrs []string) bool {
	for _, a := range attrs {
		if !slices.Contains(c.Attributes, a) {
			return false
		}
	}
	return true
}

// Service stores consents.
type Service struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the consent store.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now}
}

// Grant records a consent valid for ttl. reference may be "" when the consent itself is the
// reference (My data); it is then set to the consent's own id.
func (s *Service) Grant(ctx context.Context, citizenID int64, purpose, reference string, databases, attributes []string, ttl time.Duration) (Consent, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	c := Consent{CitizenID: citizenID, Purpose: purpose, Databases: databases, Attributes: attributes, GrantedAt: now, ExpiresAt: now.Add(ttl)}
	ref := reference
	if ref == "" {
		ref = "pending"
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return Consent{}, fmt.Errorf("consent: grant: %w", err)
	}
	defer tx.Rollback(ctx)
	err = tx.QueryRow(ctx, `
		INSERT INTO consents (citizen_id, purpose, reference, databases, attributes, granted_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		citizenID, purpose, ref, databases, attributes, c.GrantedAt, c.ExpiresAt).Scan(&c.ID)
	if err != nil {
		return Consent{}, fmt.Errorf("consent: grant: %w", err)
	}
	if reference == "" {
		ref = c.ViewReference()
		if _, err := tx.Exec(ctx, `UPDATE consents SET reference = $1 WHERE id = $2`, ref, c.ID); err != nil {
			return Consent{}, fmt.Errorf("consent: grant: %w", err)
		}
	}
	c.Reference = ref
	if err := tx.Commit(ctx); err != nil {
		return Consent{}, fmt.Errorf("consent: grant: %w", err)
	}
	return c, nil
}

// Active returns the newest unexpired, unwithdrawn consent of the citizen for purpose.
func (s *Service) Active(ctx context.Context, citizenID int64, purpose string) (Consent, bool, error) {
	var c Consent
	err := s.pool.QueryRow(ctx, `
		SELECT id, citizen_id, purpose, reference, databases, attributes, granted_at, expires_at
		FROM consents
		WHERE citizen_id = $1 AND purpose = $2 AND withdrawn_at IS NULL AND expires_at > $3
		ORDER BY granted_at DESC, id DESC LIMIT 1`, citizenID, purpose, s.now()).
		Scan(&c.ID, &c.CitizenID, &c.Purpose, &c.Reference, &c.Databases, &c.Attributes, &c.GrantedAt, &c.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Consent{}, false, nil
	}
	if err != nil {
		return Consent{}, false, fmt.Errorf("consent: active: %w", err)
	}
	return c, true, nil
}

// Withdraw ends every active consent of the citizen for purpose.
func (s *Service) Withdraw(ctx context.Context, citizenID int64, purpose string) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE consents SET withdrawn_at = $3
		WHERE citizen_id = $1 AND purpose = $2 AND withdrawn_at IS NULL AND expires_at > $3`,
		citizenID, purpose, s.now())
	if err != nil {
		return fmt.Errorf("consent: withdraw: %w", err)
	}
	return nil
}
