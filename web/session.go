package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
)

const citizenKey = "citizen"

// sessions keeps citizen sessions server-side in PostgreSQL (scs + pgxstore); the browser holds
// only a random token in an HttpOnly cookie.
type sessions struct {
	m     *scs.SessionManager
	store *pgxstore.PostgresStore
}

func newSessions(pool *pgxpool.Pool, cfg Config) *sessions {
	store := pgxstore.NewWithCleanupInterval(pool, 5*time.Minute)
	m := scs.New()
	m.Store = store
	m.IdleTimeout = cfg.SessionIdle
	m.Lifetime = cfg.SessionLifetime
	m.Cookie.Name = "motlan_session"
	if cfg.Secure() {
		m.Cookie.Name = "__Host-motlan_session" // pinned to this host and path, https only
	}
	m.Cookie.HttpOnly = true
	m.Cookie.Secure = cfg.Secure()
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Path = "/"
	m.Cookie.Persist = false // ends with the browser, as well as after the timeouts
	return &sessions{m: m, store: store}
}

// middleware loads the session for the request and saves it before the response is written.
func (s *sessions) middleware() echo.MiddlewareFunc {
	return echo.WrapMiddleware(s.m.LoadAndSave)
}

func (s *sessions) Begin(c echo.Context, cs citizen.Session) error {
	ctx := c.Request().Context()
	// A new token at every sign-in: a session id planted before sign-in is worth nothing after.
	if err := s.m.Clear(ctx); err != nil {
		return err
	}
	if err := s.m.RenewToken(ctx); err != nil {
		return err
	}
	b, err := json.Marshal(cs)
	if err != nil {
		return err
	}
	s.m.Put(ctx, citizenKey, b)
	return nil
}

func (s *sessions) End(c echo.Context) (citizen.Session, bool, error) {
	cs, ok := s.Current(c)
	if err := s.m.Destroy(c.Request().Context()); err != nil {
		return citizen.Session{}, false, err
	}
	return cs, ok, nil
}

func (s *sessions) Current(c echo.Context) (citizen.Session, bool) {
	b := s.m.GetBytes(c.Request().Context(), citizenKey)
	if len(b) == 0 {
		return citizen.Session{}, false
	}
	var cs citizen.Session
	if err := json.Unmarshal(b, &cs); err != nil || cs.CitizenID == 0 {
		return citizen.Session{}, false
	}
	return cs, true
}

func (s *sessions) close() { s.store.StopCleanup() }

var _ citizen.Sessions = (*sessions)(nil)
