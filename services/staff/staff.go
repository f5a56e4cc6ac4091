// Package staff is the staff directory: who works for which agency in which roles. The identity
// provider only says who someone is; whether they may do anything here is decided by this table.
// The staff table is read and written only here, through the named queries of queries/staff.sql
// compiled by sqlc into internal/staffdb.
package staff

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/staff/internal/staffdb"
)

// Roles.
const (
	RoleOfficer    = "officer"
	RoleSupervisor = "supervisor"
	RoleHelpdesk   = "helpdesk"
	RoleAdmin      = "admin"
)

// Roles lists every role.
var Roles = []string{RoleOfficer, RoleSupervisor, RoleHelpdesk, RoleAdmin}

// assignable lists the roles of the members a supervisor may assign a case to: the one
// definition that Officer, Officers and OfficerEmails pass to their queries.
var assignable = []string{RoleOfficer, RoleSupervisor}

// Member is one staff member.
type Member struct {
	ID          int64
	Login       string
	FullName    string
	Email       string
	AgencyCode  string // "" for helpdesk and administrators
	Roles       []string
	CreatedAt   time.Time
	DisabledAt  *time.Time
	LastLoginAt *time.Time
}

// Has reports whether the member holds role.
func (m Member) Has(role string) bool { return slices.Contains(m.Roles, role) }

// Active reports whether the member may sign in.
func (m Member) Active() bool { return m.DisabledAt == nil }

// Service manages the directory.
type Service struct {
	q   *staffdb.Queries
	now func() time.Time
}

// New returns the directory.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{q: staffdb.New(pool), now: now}
}

// Message keys.
const (
	MsgNoRole   = "staff.error.norole"
	MsgDisabled = "staff.error.disabled"
	MsgInvalid  = "staff.error.invalid"
	MsgExists   = "staff.error.exists"
)

// ErrNoRole is returned when an identity has no portal role (or is disabled).
var ErrNoRole = fault.New(fault.EFORBIDDEN, MsgNoRole, "staff")

// fromRow makes a Member of a staff row; a missing email or agency is "".
func fromRow(r staffdb.Staff) Member {
	return Member{ID: r.ID, Login: r.Login, FullName: r.FullName, Email: deref(r.Email), AgencyCode: deref(r.AgencyCode),
		Roles: r.Roles, CreatedAt: r.CreatedAt, DisabledAt: r.DisabledAt, LastLoginAt: r.LastLoginAt}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// orNull is nil for "", so that an empty email or agency is stored as NULL.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Add creates a member. Officers and supervisors need an agency.
func (s *Service) Add(ctx context.Context, m Member) (Member, error) {
	const op = "staff.add"
	m.Login = strings.ToLower(strings.TrimSpace(m.Login))
	m.FullName = strings.TrimSpace(m.FullName)
	if m.Login == "" || m.FullName == "" || len(m.Roles) == 0 {
		return Member{}, fault.New(fault.EINVALID, MsgInvalid, op)
	}
	for _, r := range m.Roles {
		if !slices.Contains(Roles, r) {
			return Member{}, fault.New(fault.EINVALID, MsgInvalid, op)
		}
	}
	row, err := s.q.StaffInsert(ctx, staffdb.StaffInsertParams{Login: m.Login, FullName: m.FullName, Email: orNull(m.Email),
		AgencyCode: orNull(m.AgencyCode), Roles: m.Roles, CreatedAt: s.now()})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		if pgErr.Code == "23505" {
			return Member{}, fault.Wrap(fault.ECONFLICT, MsgExists, op, err)
		}
		return Member{}, fault.Wrap(fault.EINVALID, MsgInvalid, op, err)
	}
	if err != nil {
		return Member{}, fmt.Errorf("%s: %w", op, err)
	}
	return fromRow(row), nil
}

// Upsert adds the member or updates its name, email, agency and roles (the seed uses it).
func (s *Service) Upsert(ctx context.Context, m Member) error {
	err := s.q.StaffUpsert(ctx, staffdb.StaffUpsertParams{Login: m.Login, FullName: m.FullName, Email: orNull(m.Email),
		AgencyCode: orNull(m.AgencyCode), Roles: m.Roles, CreatedAt: s.now()})
	if err != nil {
		return fmt.Errorf("staff: upsert %s: %w", m.Login, err)
	}
	return nil
}

// List returns every member, by login.
func (s *Service) List(ctx context.Context) ([]Member, error) {
	rows, err := s.q.StaffList(ctx)
	if err != nil {
		return nil, fmt.Errorf("staff: list: %w", err)
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = fromRow(r)
	}
	return out, nil
}

// Disable stops a member from signing in; their sessions end at their next request.
func (s *Service) Disable(ctx context.Context, login string) error {
	n, err := s.q.StaffDisable(ctx, s.now(), strings.ToLower(login))
	if err != nil {
		return fmt.Errorf("staff: disable: %w", err)
	}
	if n == 0 {
		return fault.New(fault.ENOTFOUND, "staff.error.notfound", "staff.disable")
	}
	return nil
}

// SignedIn finds the member behind a staff sign-in: by the provider's subject once bound, else
// by login name (binding the subject then). No member, or a disabled one, is ErrNoRole.
func (s *Service) SignedIn(ctx context.Context, issuer, subject, login string) (Member, error) {
	row, err := s.q.StaffSignedIn(ctx, staffdb.StaffSignedInParams{Issuer: issuer, Subject: subject,
		Login: strings.ToLower(login), Now: s.now()})
	if errors.Is(err, pgx.ErrNoRows) {
		return Member{}, ErrNoRole
	}
	if err != nil {
		return Member{}, fmt.Errorf("staff: signed in: %w", err)
	}
	m := fromRow(row)
	if !m.Active() {
		return Member{}, fault.New(fault.EFORBIDDEN, MsgDisabled, "staff.signedIn")
	}
	return m, nil
}

// Get returns a member by id (sessions re-check it on every request).
func (s *Service) Get(ctx context.Context, id int64) (Member, error) {
	row, err := s.q.StaffByID(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Member{}, ErrNoRole
	}
	if err != nil {
		return Member{}, fmt.Errorf("staff: get: %w", err)
	}
	return fromRow(row), nil
}

// Officer reports whether login is an active officer or supervisor of the agency, and their name
// (casework asks it before a supervisor assigns someone).
func (s *Service) Officer(ctx context.Context, agency, login string) (string, bool, error) {
	name, err := s.q.StaffOfficerName(ctx, login, agency, assignable)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("staff: officer: %w", err)
	}
	return name, true, nil
}

// OfficerEmails returns the addresses of the agency's active officers and supervisors.
func (s *Service) OfficerEmails(ctx context.Context, agency string) ([]string, error) {
	out, err := s.q.StaffOfficerEmails(ctx, agency, assignable)
	if err != nil {
		return nil, fmt.Errorf("staff: officer emails: %w", err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}
