// Package drafts keeps a citizen's applications before they are submitted: started from a
// procedure's form schema, prefilled from the national databases under the citizen's consent,
// saved at every step, resumable, deletable, and purged when they expire.
package drafts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/registry"
)

// Filled is a prefilled field: its value, where it came from, and whether it is locked.
type Filled struct {
	prefill.Value
	Field  string `json:"field"`
	Locked bool   `json:"locked"`
}

// Prefill is what a draft keeps of its prefill.
type Prefill struct {
	Fields  map[string]Filled      `json:"fields"`  // by field name
	Parcels []prefill.ParcelOption `json:"parcels"` // the applicant's parcels, for a parcel field
}

// Draft is an application in progress.
type Draft struct {
	ID            uuid.UUID
	CitizenID     int64
	ProcedureCode string
	Version       int
	Schema        forms.Schema
	Answers       forms.Answers
	Prefill       Prefill
	Unavailable   []string // databases that did not answer at prefill
	Step          int
	Completed     []int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ExpiresAt     time.Time
	SubmittedAt   *time.Time
}

// Done reports whether every step has been completed.
func (d Draft) Done() bool {
	for i := range d.Schema.Steps {
		if !slices.Contains(d.Completed, i) {
			return false
		}
	}
	return true
}

// SelfDeclared reports whether a field's value is the citizen's own because its database did not answer.
func (d Draft) SelfDeclared(f forms.Field) bool {
	if f.Prefill == "" {
		return false
	}
	b, ok := prefill.Lookup(f.Prefill)
	return ok && slices.Contains(d.Unavailable, b.Database)
}

// EvidenceRequired reports whether a file field must be given because a database it stands in
// for did not answer.
func (d Draft) EvidenceRequired(f forms.Field) bool {
	for _, db := range f.EvidenceFor {
		if slices.Contains(d.Unavailable, db) {
			return true
		}
	}
	return false
}

// Schemas gives the form schema of a procedure version (services/catalogue).
type Schemas interface {
	Schema(ctx context.Context, code string, version int) (forms.Schema, error)
}

// Registry reads the national databases (services/registry).
type Registry interface {
	Fetch(ctx context.Context, req registry.Request, dbs []string) registry.Fetched
}

// Config tunes the drafts.
type Config struct {
	TTL time.Duration // a draft not saved for this long expires; default 30 days
	Now func() time.Time
}

// Service stores drafts.
type Service struct {
	pool     *pgxpool.Pool
	schemas  Schemas
	files    Files
	registry Registry
	audit    *audit.Log
	cfg      Config
	log      *slog.Logger
}

// New returns the drafts service.
func New(pool *pgxpool.Pool, schemas Schemas, reg Registry, files Files, auditLog *audit.Log, cfg Config, log *slog.Logger) *Service {
	if cfg.TTL == 0 {
		cfg.TTL = 30 * 24 * time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{pool: pool, schemas: schemas, registry: reg, files: files, audit: auditLog, cfg: cfg, log: log}
}

// ErrNotFound is returned for a draft that does not exist, is not the citizen's, or expired:
// the three look the same from outside.
var ErrNotFound = errors.New("drafts: not found")

const draftColumns = `id, citizen_id, procedure_code, procedure_version, answers, prefill, unavailable, step,
	completed_steps, created_at, updated_at, expires_at, submitted_at`

func scanDraft(row pgx.Row) (Draft, error) {
	var d Draft
	var answers, pre []byte
	var completed []int32
	err := row.Scan(&d.ID, &d.CitizenID, &d.ProcedureCode, &d.Version, &answers, &pre, &d.Unavailable, &d.Step,
		&completed, &d.CreatedAt, &d.UpdatedAt, &d.ExpiresAt, &d.SubmittedAt)
	if err != nil {
		return Draft{}, err
	}
	if err := json.Unmarshal(answers, &d.Answers); err != nil {
		return Draft{}, fmt.Errorf("drafts: answers: %w", err)
	}
	if err := json.Unmarshal(pre, &d.Prefill); err != nil {
		return Draft{}, fmt.Errorf("drafts: prefill: %w", err)
	}
	if d.Answers == nil {
		d.Answers = forms.Answers{}
	}
	if d.Prefill.Fields == nil {
		d.Prefill.Fields = map[string]Filled{}
	}
	for _, c := range completed {
		d.Completed = append(d.Completed, int(c))
	}
	return d, nil
}

// Get returns the citizen's draft with its schema. Submitted drafts are returned too (the
// submission is idempotent on them); expired ones are not.
func (s *Service) Get(ctx context.Context, citizenID int64, id uuid.UUID) (Draft, error) {
	return s.get(ctx, s.pool, citizenID, id, false)
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// get reads a draft; lock holds its row until the caller's transaction ends, so that two saves
// of the same draft (two tabs, a double click) apply one after the other, neither losing the
// other's answers.
func (s *Service) get(ctx context.Context, q querier, citizenID int64, id uuid.UUID, lock bool) (Draft, error) {
	sql := `SELECT ` + draftColumns + ` FROM drafts
		WHERE id = $1 AND citizen_id = $2 AND (expires_at > $3 OR submitted_at IS NOT NULL)`
	if lock {
		sql += ` FOR UPDATE`
	}
	d, err := scanDraft(q.QueryRow(ctx, sql, id, citizenID, s.cfg.Now()))
	if errors.Is(err, pgx.ErrNoRows) {
		return Draft{}, ErrNotFound
	}
	if err != nil {
		return Draft{}, fmt.Errorf("drafts: get: %w", err)
	}
	if d.Schema, err = s.schemas.Schema(ctx, d.ProcedureCode, d.Version); err != nil {
		return Draft{}, err
	}
	return d, nil
}

// Summary is a draft as the dashboard lists it.
type Summary struct {
	ID            uuid.UUID
	ProcedureCode string
	Version       int
	Step          int
	Steps         int // of its form version; 0 when the schema cannot be read
	UpdatedAt     time.Time
	ExpiresAt     time.Time
}

// List returns the citizen's unsubmitted, unexpired drafts, most recently saved first.
func (s *Service) List(ctx context.Context, citizenID int64) ([]Summary, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, procedure_code, procedure_version, step, updated_at, expires_at FROM drafts
		WHERE citizen_id = $1 AND submitted_at IS NULL AND expires_at > $2 ORDER BY updated_at DESC LIMIT 100`,
		citizenID, s.cfg.Now())
	if err != nil {
		return nil, fmt.Errorf("drafts: list: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Summary, error) {
		var sm Summary
		return sm, r.Scan(&sm.ID, &sm.ProcedureCode, &sm.Version, &sm.Step, &sm.UpdatedAt, &sm.ExpiresAt)
	})
	if err != nil {
		return nil, fmt.Errorf("drafts: list: %w", err)
	}
	for i, sm := range out {
		if schema, err := s.schemas.Schema(ctx, sm.ProcedureCode, sm.Version); err == nil {
			out[i].Steps = len(schema.Steps)
		}
	}
	return out, nil
}

// Delete removes an unsubmitted draft of the citizen, with its files.
func (s *Service) Delete(ctx context.Context, citizenID int64, id uuid.UUID) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM drafts WHERE id = $1 AND citizen_id = $2 AND submitted_at IS NULL`, id, citizenID)
	if err != nil {
		return fmt.Errorf("drafts: delete: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// Purge deletes drafts that expired unsubmitted; the River job calls it.
func (s *Service) Purge(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM drafts WHERE submitted_at IS NULL AND expires_at <= $1`, s.cfg.Now())
	if err != nil {
		return 0, fmt.Errorf("drafts: purge: %w", err)
	}
	return tag.RowsAffected(), nil
}
