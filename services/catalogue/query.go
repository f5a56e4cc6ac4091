package catalogue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
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
	// Withdrawn lists withdrawn procedures too: the staff pages name the procedures of cases
	// filed before a procedure was repealed. The citizens' catalogue never shows them.
	Withdrawn bool
}

// List returns the procedures that match f, sorted by code.
func (s *Service) List(ctx context.Context, f Filter) ([]Procedure, error) {
	unfiltered := f == (Filter{Withdrawn: f.Withdrawn})
	if unfiltered {
		if all, ok := s.all.get(f.Withdrawn); ok {
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
	q := s.q
	if !unfiltered {
		q = cataloguedb.New(s.reads.Reader(ctx))
	}
	rows, err := q.ProceduresMatching(ctx, cataloguedb.ProceduresMatchingParams{Withdrawn: f.Withdrawn,
		Topic: f.Topic, AgencyKind: f.AgencyKind, Patterns: patterns})
	if err != nil {
		return nil, fmt.Errorf("catalogue: list: %w", err)
	}
	out := make([]Procedure, len(rows))
	for i, r := range rows {
		if out[i], err = procedureOf(r); err != nil {
			return nil, fmt.Errorf("catalogue: list: %w", err)
		}
	}
	if unfiltered {
		s.all.put(f.Withdrawn, out)
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
	r, err := s.q.ProcedureByCode(ctx, code)
	if errors.Is(err, pgx.ErrNoRows) {
		return Procedure{}, fault.New(fault.ENOTFOUND, "procedure.notfound", "catalogue: get "+code)
	}
	if err != nil {
		return Procedure{}, fmt.Errorf("catalogue: get %s: %w", code, err)
	}
	p, err := procedureOf(r)
	if err != nil {
		return Procedure{}, fmt.Errorf("catalogue: get %s: %w", code, err)
	}
	s.procs.put(code, p)
	return p, nil
}

func procedureOf(r cataloguedb.Procedure) (Procedure, error) {
	p := Procedure{Code: r.Code, NameVI: r.NameVi, NameEN: r.NameEn, Topic: r.Topic, AgencyKind: r.AgencyKind,
		AgencyLevel: r.AgencyLevel, LegalBasisVI: r.LegalBasisVi, LegalBasisEN: r.LegalBasisEn,
		ProcessingDays: r.ProcessingDays, FeeVND: r.FeeVnd, RequiredACR: r.RequiredAcr, CurrentVersion: r.CurrentVersion,
		Status: r.Status}
	if r.ReplacedBy != nil {
		p.ReplacedBy = *r.ReplacedBy
	}
	if err := json.Unmarshal(r.Details, &p.Details); err != nil {
		return Procedure{}, fmt.Errorf("details of %s: %w", p.Code, err)
	}
	if err := json.Unmarshal(r.Parts, &p.Parts); err != nil {
		return Procedure{}, fmt.Errorf("parts of %s: %w", p.Code, err)
	}
	if len(p.Parts) == 0 {
		p.Parts = nil
	}
	return p, nil
}

// Version returns one published version of a procedure's form.
func (s *Service) Version(ctx context.Context, code string, version int) (Version, error) {
	key := versionKey{code, version}
	if v, ok := s.versions.get(key); ok {
		return v, nil
	}
	r, err := s.q.VersionByNumber(ctx, code, version)
	if errors.Is(err, pgx.ErrNoRows) {
		return Version{}, fault.New(fault.ENOTFOUND, "procedure.notfound", fmt.Sprintf("catalogue: version %s v%d", code, version))
	}
	if err != nil {
		return Version{}, fmt.Errorf("catalogue: version %s v%d: %w", code, version, err)
	}
	v := Version{ProcedureCode: code, Version: version, PublishedAt: r.PublishedAt}
	if v.Schema, err = forms.Parse(r.Schema); err != nil {
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

// Agency returns an agency by code.
func (s *Service) Agency(ctx context.Context, code string) (Agency, error) {
	if a, ok := s.agencies.get(code); ok {
		return a, nil
	}
	r, err := s.q.AgencyByCode(ctx, code)
	if errors.Is(err, pgx.ErrNoRows) {
		return Agency{}, fault.New(fault.ENOTFOUND, "agency.notfound", "catalogue: agency "+code)
	}
	if err != nil {
		return Agency{}, fmt.Errorf("catalogue: agency %s: %w", code, err)
	}
	a := agencyOf(r)
	s.agencies.put(code, a)
	return a, nil
}

// Route returns the agency competent to decide p for an applicant in that commune: the agency
// of p's kind in the commune for a commune-level procedure, or in the province for a
// province-level one. A land office is competent by area (agency_areas): Route finds the branch
// whose area holds the commune, or with no commune the province's one branch. For a commune
// the province may be empty (any province); a given one must be the commune's.
func (s *Service) Route(ctx context.Context, p Procedure, provinceCode, communeCode string) (Agency, error) {
	return route(ctx, s.q, p, provinceCode, communeCode)
}

func route(ctx context.Context, q *cataloguedb.Queries, p Procedure, provinceCode, communeCode string) (Agency, error) {
	op := fmt.Sprintf("catalogue: route %s to %s/%s", p.Code, provinceCode, communeCode)
	var rows []cataloguedb.Agency
	var err error
	switch {
	case p.AgencyLevel == LevelCommune:
		rows, err = q.AgenciesOfCommune(ctx, p.AgencyKind, communeCode, provinceCode)
	case p.AgencyLevel == LevelProvince && p.AgencyKind == KindLandOffice && communeCode != "":
		rows, err = q.AgenciesOfArea(ctx, p.AgencyKind, communeCode, provinceCode)
	case p.AgencyLevel == LevelProvince:
		rows, err = q.AgenciesOfProvince(ctx, p.AgencyKind, provinceCode)
	default:
		return Agency{}, fault.New(fault.ENOTFOUND, "agency.notfound", op+": unknown level "+p.AgencyLevel)
	}
	switch {
	case err != nil:
		return Agency{}, fmt.Errorf("%s: %w", op, err)
	case len(rows) == 0:
		return Agency{}, fault.New(fault.ENOTFOUND, "agency.notfound", op)
	case len(rows) > 1: // the competent agency must be one
		return Agency{}, fmt.Errorf("%s: %w", op, pgx.ErrTooManyRows)
	}
	return agencyOf(rows[0]), nil
}

func agencyOf(r cataloguedb.Agency) Agency {
	a := Agency{Code: r.Code, Kind: r.Kind, Level: r.Level, NameVI: r.NameVi, NameEN: r.NameEn, ProvinceCode: r.ProvinceCode}
	if r.CommuneCode != nil {
		a.CommuneCode = *r.CommuneCode
	}
	return a
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
	q := cataloguedb.New(tx)
	_, err = q.ProcedureLockVersion(ctx, code)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fault.New(fault.ENOTFOUND, "procedure.notfound", "catalogue.publish")
	}
	if err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	v, err := q.VersionNext(ctx, code)
	if err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	err = q.VersionInsert(ctx, cataloguedb.VersionInsertParams{ProcedureCode: code, Version: v, Schema: body, PublishedAt: now})
	if err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	if err := q.ProcedureSetVersion(ctx, v, code); err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("catalogue: publish: %w", err)
	}
	s.procs.clear()
	s.all.clear()
	return v, nil
}
