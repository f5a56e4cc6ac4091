// Package staff is the staff directory: who works for which agency in which roles. The identity
// provider only says who someone is; whether they may do anything here is decided by this table.
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
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the directory.
func New(pool *pgxpool.Pool, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, now: now}
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

const columns = `id, login, full_name, coalesce(email, ''), coalesce(agency_code, ''), roles, created_at, disabled_at, last_login_at`

func scan(row pgx.Row) (Member, error) {
	var m Member
	err := row.Scan(&m.ID, &m.Login, &m.FullName, &m.Email, &m.AgencyCode, &m.Roles, &m.CreatedAt, &m.DisabledAt, &m.LastLoginAt)
	return m, err
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
	var email, agency *string
	if m.Email != "" {
		email = &m.Email
	}
	if m.AgencyCode != "" {
		agency = &m.AgencyCode
	}
	out, err := scan(s.pool.QueryRow(ctx, `INSERT INTO staff (login, full_name, email, agency_code, roles, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING `+columns, m.Login, m.FullName, email, agency, m.Roles, s.now()))
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
	return out, nil
}

// Upsert adds the member or updates its name, email, agency and roles (the seed uses it).
func (s *Service) Upsert(ctx context.Context, m Member) error {
	var email, agency *string
	if m.Email != "" {
		email = &m.Email
	}
	if m.AgencyCode != "" {
		agency = &m.AgencyCode
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO staff (login, full_name, email, agency_code, roles, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (login) DO UPDATE SET full_name = EXCLUDED.full_name, email = EXCLUDED.email,
			agency_code = EXCLUDED.agency_code, roles = EXCLUDED.roles`, m.Login, m.FullName, email, agency, m.Roles, s.now())
	if err != nil {
		return fmt.Errorf("staff: upsert %s: %w", m.Login, err)
	}
	return nil
}

// List returns every member, by login.
func (s *Service) List(ctx context.Context) ([]Member, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+columns+` FROM staff ORDER BY login`)
	if err != nil {
		return nil, fmt.Errorf("staff: list: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Member, error) { return scan(r) })
	if err != nil {
		return nil, fmt.Errorf("staff: list: %w", err)
	}
	return out, nil
}

// Disable stops a member from signing in; their sessions end at their next request.
func (s *Service) Disable(ctx context.Context, login string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE staff SET disabled_at = $2 WHERE login = $1 AND disabled_at IS NULL`, strings.ToLower(login), s.now())
	if err != nil {
		return fmt.Errorf("staff: disable: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fault.New(fault.ENOTFOUND, "staff.error.notfound", "staff.disable")
	}
	return nil
}

// SignedIn finds the member behind a staff sign-in: by the provider's subject once bound, else
// by login name (binding the subject then). No member, or a disabled one, is ErrNoRole.
func (s *Service) SignedIn(ctx context.Context, issuer, subject, login string) (Member, error) {
	m, err := scan(s.pool.QueryRow(ctx, `
		UPDATE staff SET issuer = $1, subject = $2, last_login_at = $4
		WHERE (issuer = $1 AND subject = $2) OR (subject IS NULL AND login = $3)
		RETURNING `+columns, issuer, subject, strings.ToLower(login), s.now()))
	if errors.Is(err, pgx.ErrNoRows) {
		return Member{}, ErrNoRole
	}
	if err != nil {
		return Member{}, fmt.Errorf("staff: signed in: %w", err)
	}
	if !m.Active() {
		return Member{}, fault.New(fault.EFORBIDDEN, MsgDisabled, "staff.signedIn")
	}
	return m, nil
}

// Get returns a member by id (sessions re-check it on every request).
func (s *Service) Get(ctx context.Context, id int64) (Member, error) {
	m, err := scan(s.pool.QueryRow(ctx, `SELECT `+columns+` FROM staff WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Member{}, ErrNoRole
	}
	if err != nil {
		return Member{}, fmt.Errorf("staff: get: %w", err)
	}
	return m, nil
}

// Officer reports whether login is an active officer or supervisor of the agency, and their name
// (casework asks it before a supervisor assigns someone).
func (s *Service) Officer(ctx context.Context, agency, login string) (string, bool, error) {
	var name string
	err := s.pool.QueryRow(ctx, `SELECT full_name FROM staff WHERE login = $1 AND agency_code = $2 AND disabled_at IS NULL
		AND roles && ARRAY['officer', 'supervisor']`, login, agency).Scan(&name)
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
	rows, err := s.pool.Query(ctx, `SELECT email FROM staff WHERE agency_code = $1 AND disabled_at IS NULL AND email IS NOT NULL
		AND roles && ARRAY['officer', 'supervisor'] ORDER BY login`, agency)
	if err != nil {
		return nil, fmt.Errorf("staff: officer emails: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("staff: officer emails: %w", err)
	}
	return out, nil
}
