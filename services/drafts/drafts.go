// Package drafts keeps a citizen's applications before they are submitted: started from a
// procedure's form schema, prefilled from the national databases under the citizen's consent,
// saved at every step, resumable, deletable, and purged when they expire. Its tables (drafts,
// discrepancy_reports) are read and written through the named queries of queries/*.sql compiled
// by sqlc into internal/draftdb.
package drafts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/drafts/internal/draftdb"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
	"github.com/motlan/portal/services/registry"
)

// Filled is a prefilled field: its value, where it came from, and whether it is locked.
type Filled struct {
	prefill.Value
	Field  string `json:"field"`
	Locked bool   `json:"locked"`
	Party  string `json:"party,omitempty"` // the party whose record gave it; "" = the applicant
}

// Prefill is what a draft keeps of its prefill.
type Prefill struct {
	Fields  map[string]Filled      `json:"fields"`  // by field name
	Parcels []prefill.ParcelOption `json:"parcels"` // the applicant's parcels, for a parcel field
	// Role is what the applicant said they are to the case (forms.Roles), fixed at start.
	Role string `json:"role,omitempty"`
	// Household are the members of the applicant's household a person field may choose.
	Household []prefill.PersonOption `json:"household,omitempty"`
	// Old are recorded addresses the map in force cannot place, by binding; Unconfirmed shows
	// their text on the fields the citizen must confirm.
	Old         map[string]prefill.OldAddress `json:"old,omitempty"`
	Unconfirmed map[string]string             `json:"unconfirmed,omitempty"`
	// Notices are i18n keys of what the prefill could not do (no spouse recorded…).
	Notices []string `json:"notices,omitempty"`
}

// PersonOptions are the household members a person field may choose: those whose sex fits the
// field's party, and, for a field of minors, those under 18 when the draft started.
func (d Draft) PersonOptions(f forms.Field) []prefill.PersonOption {
	p, _ := d.Schema.Party(f.Party)
	var out []prefill.PersonOption
	for _, m := range d.Prefill.Household {
		if (p.Sex == "" || m.Sex == p.Sex) && (!f.Minor || minorOn(m.BirthDate, d.CreatedAt)) {
			out = append(out, m)
		}
	}
	return out
}

// minorOn: born (YYYY-MM-DD) less than 18 years before at; a date that cannot be read is not.
func minorOn(birth string, at time.Time) bool {
	b, err := time.Parse(time.DateOnly, birth)
	return err == nil && b.AddDate(18, 0, 0).After(at)
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
	// Map places recorded addresses on the administrative map in force (catalogue.Units);
	// nil takes them as recorded.
	Map prefill.Map
}

// Service stores drafts.
type Service struct {
	pool     *pgxpool.Pool
	q        *draftdb.Queries
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
	return &Service{pool: pool, q: draftdb.New(pool), schemas: schemas, registry: reg, files: files, audit: auditLog, cfg: cfg, log: log}
}

// ErrNotFound is returned for a draft that does not exist, is not the citizen's, or expired:
// the three look the same from outside.
var ErrNotFound = errors.New("drafts: not found")

// fromRow is the one conversion of a drafts row into a Draft (without its schema).
func fromRow(r draftdb.Draft) (Draft, error) {
	d := Draft{ID: r.ID, CitizenID: r.CitizenID, ProcedureCode: r.ProcedureCode, Version: r.ProcedureVersion,
		Unavailable: r.Unavailable, Step: r.Step, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ExpiresAt: r.ExpiresAt,
		SubmittedAt: r.SubmittedAt}
	// The JSON v2 engine (as registry's answers): a draft is decoded at every step and at its
	// submission, and its prefill holds the records the databases gave. The portal wrote both
	// with encoding/json, whose output v2 reads the same (names as written, valid UTF-8).
	if err := jsonv2.Unmarshal(r.Answers, &d.Answers); err != nil {
		return Draft{}, fmt.Errorf("drafts: answers: %w", err)
	}
	if err := jsonv2.Unmarshal(r.Prefill, &d.Prefill); err != nil {
		return Draft{}, fmt.Errorf("drafts: prefill: %w", err)
	}
	if d.Answers == nil {
		d.Answers = forms.Answers{}
	}
	if d.Prefill.Fields == nil {
		d.Prefill.Fields = map[string]Filled{}
	}
	if len(r.CompletedSteps) > 0 {
		d.Completed = r.CompletedSteps
	}
	return d, nil
}

// Get returns the citizen's draft with its schema. Submitted drafts are returned too (the
// submission is idempotent on them); expired ones are not.
func (s *Service) Get(ctx context.Context, citizenID int64, id uuid.UUID) (Draft, error) {
	return s.get(ctx, s.pool, citizenID, id, false)
}

// get reads a draft; lock holds its row until the caller's transaction ends, so that two saves
// of the same draft (two tabs, a double click) apply one after the other, neither losing the
// other's answers.
func (s *Service) get(ctx context.Context, db draftdb.DBTX, citizenID int64, id uuid.UUID, lock bool) (Draft, error) {
	q := draftdb.New(db)
	read := q.DraftByID
	if lock {
		read = q.DraftByIDForUpdate
	}
	r, err := read(ctx, id, citizenID, s.cfg.Now())
	if errors.Is(err, pgx.ErrNoRows) {
		return Draft{}, ErrNotFound
	}
	if err != nil {
		return Draft{}, fmt.Errorf("drafts: get: %w", err)
	}
	d, err := fromRow(r)
	if err != nil {
		return Draft{}, err
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
	rows, err := s.q.DraftsOfCitizen(ctx, citizenID, s.cfg.Now())
	if err != nil {
		return nil, fmt.Errorf("drafts: list: %w", err)
	}
	out := make([]Summary, len(rows))
	for i, r := range rows {
		out[i] = Summary{ID: r.ID, ProcedureCode: r.ProcedureCode, Version: r.ProcedureVersion, Step: r.Step,
			UpdatedAt: r.UpdatedAt, ExpiresAt: r.ExpiresAt}
		if schema, err := s.schemas.Schema(ctx, r.ProcedureCode, r.ProcedureVersion); err == nil {
			out[i].Steps = len(schema.Steps)
		}
	}
	return out, nil
}

// Delete removes an unsubmitted draft of the citizen, with its files and their contents.
func (s *Service) Delete(ctx context.Context, citizenID int64, id uuid.UUID) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := draftdb.New(tx)
		submitted, err := q.DraftLockForSubmission(ctx, id, citizenID)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && submitted != nil {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := s.deleteFiles(ctx, tx, id); err != nil {
			return err
		}
		n, err := q.DraftDelete(ctx, id, citizenID)
		if err == nil && n == 0 {
			return ErrNotFound
		}
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("drafts: delete: %w", err)
	}
	return nil
}

// purgeBatch is how many expired drafts one transaction of Purge deletes.
const purgeBatch = 500

// Purge deletes drafts that expired unsubmitted, with their files and their contents; the River
// job calls it.
func (s *Service) Purge(ctx context.Context) (int64, error) {
	var total int64
	for {
		var n int64
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			q := draftdb.New(tx)
			ids, err := q.DraftsExpiredLock(ctx, s.cfg.Now(), purgeBatch)
			if err != nil || len(ids) == 0 {
				return err
			}
			if err := s.deleteFiles(ctx, tx, ids...); err != nil {
				return err
			}
			n, err = q.DraftsDeleteUnsubmitted(ctx, ids)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("drafts: purge: %w", err)
		}
		total += n
		if n < purgeBatch {
			return total, nil
		}
	}
}

// deleteFiles deletes the drafts' files before the drafts go (their rows would go with the
// drafts, but not their contents).
func (s *Service) deleteFiles(ctx context.Context, tx pgx.Tx, ids ...uuid.UUID) error {
	if s.files == nil {
		return nil
	}
	return s.files.DeleteDraftFilesTx(ctx, tx, ids...)
}
