// Package consent records a citizen's agreement to fetch named attributes about them from the
// national databases, for one purpose, before anything is fetched. The consents table is read and
// written here, through the named queries of queries/consent.sql compiled by sqlc into
// internal/consentdb.
package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/consent/internal/consentdb"
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
	q    *consentdb.Queries
	now  func() time.Time
}

// New returns the consent store.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, q: consentdb.New(pool), now: now}
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
	q := s.q.WithTx(tx)
	c.ID, err = q.ConsentInsert(ctx, consentdb.ConsentInsertParams{CitizenID: citizenID, Purpose: purpose, Reference: ref,
		Databases: databases, Attributes: attributes, GrantedAt: c.GrantedAt, ExpiresAt: c.ExpiresAt})
	if err != nil {
		return Consent{}, fmt.Errorf("consent: grant: %w", err)
	}
	if reference == "" {
		ref = c.ViewReference()
		if err := q.ConsentSetReference(ctx, ref, c.ID); err != nil {
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
	r, err := s.q.ConsentActive(ctx, citizenID, purpose, s.now())
	if errors.Is(err, pgx.ErrNoRows) {
		return Consent{}, false, nil
	}
	if err != nil {
		return Consent{}, false, fmt.Errorf("consent: active: %w", err)
	}
	return Consent{ID: r.ID, CitizenID: r.CitizenID, Purpose: r.Purpose, Reference: r.Reference, Databases: r.Databases,
		Attributes: r.Attributes, GrantedAt: r.GrantedAt, ExpiresAt: r.ExpiresAt}, true, nil
}

// Withdraw ends every active consent of the citizen for purpose.
func (s *Service) Withdraw(ctx context.Context, citizenID int64, purpose string) error {
	err := s.q.ConsentWithdraw(ctx, s.now(), citizenID, purpose)
	if err != nil {
		return fmt.Errorf("consent: withdraw: %w", err)
	}
	return nil
}
