package catalogue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// Filter narrows List. Empty fields match everything.
type Filter struct {
	// Query is free text in Vietnamese (with or without diacritics) or English. Every word must
	// be a word of the procedure's code, names or keywords; the last word may be the beginning
	// of one, so results follow a citizen's typing ("dang ky khai s").
	Query      string
	Topic      string
	AgencyKind string
}

const procedureColumns = `code, name_vi, name_en, topic, agency_kind, agency_level,
	legal_basis_vi, legal_basis_en, processing_days, fee_vnd, required_acr, details, current_version`

// List returns the procedures that match f, sorted by code.
func (s *Service) List(ctx context.Context, f Filter) ([]Procedure, error) {
	if f == (Filter{}) {
		if all, ok := s.all.get(struct{}{}); ok {
			return all, nil
		}
	}
	words := searchWords(f.Query)
	patterns := make([]string, len(words))
	for i, w := range words {
		patterns[i] = "% " + likeEscape(w) + " %"
		if i == len(words)-1 {
			patterns[i] = "% " + likeEscape(w) + "%"
		}
	}
	rows, err := s.pool.Query(ctx, `
		SELECT `+procedureColumns+`
		FROM procedures
		WHERE ($1 = '' OR topic = $1) AND ($2 = '' OR agency_kind = $2)
			AND ' ' || search_text || ' ' LIKE ALL ($3::text[])
		ORDER BY code`,
		f.Topic, f.AgencyKind, patterns)
	if err != nil {
		return nil, fmt.Errorf("catalogue: list: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanProcedure)
	if err != nil {
		return nil, fmt.Errorf("catalogue: list: %w", err)
	}
	if f == (Filter{}) {
		s.all.put(struct{}{}, out)
	}
	return out, nil
}

// likeEscape quotes LIKE's wildcards and escape character. searchWords keeps only letters,
// digits and dots today; this keeps a user's % or _ literal should that change.
func likeEscape(w string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
}

// Get returns a procedure by code.
func (s *Service) Get(ctx context.Context, code string) (Procedure, error) {
	if p, ok := s.procs.get(code); ok {
		return p, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT `+procedureColumns+` FROM procedures WHERE code = $1`, code)
	if err != nil {
		return Procedure{}, fmt.Errorf("catalogue: get %s: %w", code, err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanProcedure)
	if errors.Is(err, pgx.ErrNoRows) {
		return Procedure{}, fault.New(fault.ENOTFOUND, "procedure.notfound", "catalogue: get "+code)
	}
	if err != nil {
		return Procedure{}, fmt.Errorf("catalogue: get %s: %w", code, err)
	}
	s.procs.put(code, p)
	return p, nil
}

func scanProcedure(row pgx.CollectableRow) (Procedure, error) {
	var p Procedure
	var details []byte
	err := row.Scan(&p.Code, &p.NameVI, &p.NameEN, &p.Topic, &p.AgencyKind, &p.AgencyLevel,
		&p.LegalBasisVI, &p.LegalBasisEN, &p.ProcessingDays, &p.FeeVND, &p.RequiredACR, &details,
		&p.CurrentVersion)
	if err != nil {
		return Procedure{}, err
	}
	if err := json.Unmarshal(details, &p.Details); err != nil {
		return Procedure{}, fmt.Errorf("details of %s: %w", p.Code, err)
	}
	return p, nil
}

// Version returns one published version of a procedure's form.
func (s *Service) Version(ctx context.Context, code string, version int) (Version, error) {
	key := versionKey{code, version}
	if v, ok := s.versions.get(key); ok {
		return v, nil
	}
	v := Version{ProcedureCode: code, Version: version}
	var schema []byte
	err := s.pool.QueryRow(ctx, `
		SELECT schema, published_at FROM procedure_versions
		WHERE procedure_code = $1 AND version = $2`, code, version).Scan(&schema, &v.PublishedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Version{}, fault.New(fault.ENOTFOUND, "procedure.notfound", fmt.Sprintf("catalogue: version %s v%d", code, version))
	}
	if err != nil {
		return Version{}, fmt.Errorf("catalogue: version %s v%d: %w", code, version, err)
	}
	if v.Schema, err = forms.Parse(schema); err != nil {
		return Version{}, fmt.Errorf("catalogue: version %s v%d: %w", code, version, err)
	}
	s.versions.put(key, v) // published versions never change
	return v, nil
}

// Schema returns the form schema of a procedure version; it serves the drafts service.
func (s *Service) Schema(ctx context.Context, code string, version int) (forms.Schema, error) {
	v, err := s.Version(ctx, code, version)
	return v.Schema, err
}

const agencyColumns = `code, kind, level, name_vi, name_en, province_code, coalesce(commune_code, '')`

// Agency returns an agency by code.
func (s *Service) Agency(ctx context.Context, code string) (Agency, error) {
	if a, ok := s.agencies.get(code); ok {
		return a, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE code = $1`, code)
	if err != nil {
		return Agency{}, fmt.Errorf("catalogue: agency %s: %w", code, err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanAgency)
	if errors.Is(err, pgx.ErrNoRows) {
		return Agency{}, fault.New(fault.ENOTFOUND, "agency.notfound", "catalogue: agency "+code)
	}
	if err != nil {
		return Agency{}, fmt.Errorf("catalogue: agency %s: %w", code, err)
	}
	s.agencies.put(code, a)
	return a, nil
}

// Route returns the agency competent to decide p for an applicant in that commune: the agency
// of p's kind in the commune for a commune-level procedure, or in the province for a
// province-level one (the commune is then not consulted). For a commune-level procedure an
// empty provinceCode matches any province; a given one must be the commune's.
func (s *Service) Route(ctx context.Context, p Procedure, provinceCode, communeCode string) (Agency, error) {
	op := fmt.Sprintf("catalogue: route %s to %s/%s", p.Code, provinceCode, communeCode)
	var rows pgx.Rows
	var err error
	switch p.AgencyLevel {
	case LevelCommune:
		rows, err = s.pool.Query(ctx, `
			SELECT `+agencyColumns+` FROM agencies
			WHERE kind = $1 AND level = 'commune' AND commune_code = $2 AND ($3 = '' OR province_code = $3)`,
			p.AgencyKind, communeCode, provinceCode)
	case LevelProvince:
		rows, err = s.pool.Query(ctx, `
			SELECT `+agencyColumns+` FROM agencies
			WHERE kind = $1 AND level = 'province' AND province_code = $2`,
			p.AgencyKind, provinceCode)
	default:
		return Agency{}, fault.New(fault.ENOTFOUND, "agency.notfound", op+": unknown level "+p.AgencyLevel)
	}
	if err != nil {
		return Agency{}, fmt.Errorf("%s: %w", op, err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanAgency)
	if errors.Is(err, pgx.ErrNoRows) {
		return Agency{}, fault.New(fault.ENOTFOUND, "agency.notfound", op)
	}
	if err != nil {
		return Agency{}, fmt.Errorf("%s: %w", op, err)
	}
	return a, nil
}

func scanAgency(row pgx.CollectableRow) (Agency, error) {
	var a Agency
	err := row.Scan(&a.Code, &a.Kind, &a.Level, &a.NameVI, &a.NameEN, &a.ProvinceCode, &a.CommuneCode)
	return a, err
}

// Publish adds the next version of a procedure's form schema and makes it the one new drafts
// start on. Published versions never change, so drafts started on an older one keep working.
func (s *Service) Publish(ctx context.Context, code string, schema forms.Schema, now time.Time) (int, error) {
	if err := schema.Check(); err != nil {
		return 0, fault.Wrap(fault.EINVALID, "admin.schema.invalid", "catalogue.publish", err)
	}
	if err := checkBindings(schema); err != nil {
		return 0, fault.Wrap(fault.EINVALID, "admin.schema.invalid", "catalogue.publish", err)
	}
	body, err := json.Marshal(schema)
	if err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	defer tx.Rollback(ctx)
	var v int
	err = tx.QueryRow(ctx, `SELECT current_version FROM procedures WHERE code = $1 FOR UPDATE`, code).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fault.New(fault.ENOTFOUND, "procedure.notfound", "catalogue.publish")
	}
	if err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	if err := tx.QueryRow(ctx, `SELECT max(version) + 1 FROM procedure_versions WHERE procedure_code = $1`, code).Scan(&v); err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ($1, $2, $3, $4)`,
		code, v, body, now); err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE procedures SET current_version = $2 WHERE code = $1`, code, v); err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	s.procs.clear()
	s.all.clear()
	return v, nil
}
