package web

import (
	"encoding/json"
	"errors"
	"log/slog"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/staff"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/viewctx"
)

const staffKey = "staff"

// staffSessions keeps staff sessions, under their own cookie and manager.
type staffSessions struct {
	m    *scs.SessionManager
	idle idleTimeout
}

func newStaffSessions(pool *pgxpool.Pool, cfg Config, log *slog.Logger) *staffSessions {
	m := newSessionManager(pool, cfg, "motlan_staff", log)
	return &staffSessions{m: m, idle: newIdleTimeout(m, cfg.SessionIdle, cfg.SessionLifetime, cfg.Now)}
}

func (s *staffSessions) middleware() echo.MiddlewareFunc { return s.idle.middleware() }

func (s *staffSessions) Begin(c echo.Context, st staff.Session) error {
	ctx := c.Request().Context()
	if err := s.m.Clear(ctx); err != nil {
		return err
	}
	if err := s.m.RenewToken(ctx); err != nil {
		return err
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	s.m.Put(ctx, staffKey, b)
	s.idle.begin(c.Request())
	return nil
}

func (s *staffSessions) End(c echo.Context) (staff.Session, bool, error) {
	st, ok := s.Current(c)
	if err := s.m.Destroy(c.Request().Context()); err != nil {
		return staff.Session{}, false, err
	}
	return st, ok, nil
}

func (s *staffSessions) Current(c echo.Context) (staff.Session, bool) {
	if c.Get(staffSessionLoaded) != true {
		return staff.Session{}, false
	}
	b := s.m.GetBytes(c.Request().Context(), staffKey)
	if len(b) == 0 {
		return staff.Session{}, false
	}
	var st staff.Session
	if err := json.Unmarshal(b, &st); err != nil || st.StaffID == 0 {
		return staff.Session{}, false
	}
	return st, true
}

const staffSessionLoaded = "staff_session_loaded"

// loadStaff reads the staff session and the member behind it from the directory on every
// request, so a disabled member or a changed role takes effect at once. A directory that cannot
// be read (the database down) fails the request rather than signing the member out.
func (a *App) loadStaff(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(staffSessionLoaded, true)
		if st, ok := a.staffSessions.Current(c); ok {
			m, err := a.directory.Get(c.Request().Context(), st.StaffID)
			if err != nil && !errors.Is(err, staffdir.ErrNoRole) {
				return err
			}
			if err == nil && m.Active() {
				staff.SetMember(c, m)
			}
		}
		return next(c)
	}
}

// requireStaff lets through signed-in members holding one of roles; others go to sign in
// (signed out) or get a 403 (signed in without the role).
func (a *App) requireStaff(roles ...string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			m, ok := staff.Member(c)
			if !ok {
				if c.Request().Method == "GET" {
					return c.Redirect(303, "/staff/auth/login?return_to="+c.Request().URL.EscapedPath())
				}
				return errStaffSignedOut
			}
			for _, r := range roles {
				if m.Has(r) {
					return next(c)
				}
			}
			return errStaffForbidden
		}
	}
}

func staffUser(m staffdir.Member) *viewctx.StaffUser {
	return &viewctx.StaffUser{Name: m.FullName, Login: m.Login, AgencyName: m.AgencyCode, Roles: m.Roles}
}
