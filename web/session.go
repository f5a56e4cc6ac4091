package web

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
)

const citizenKey = "citizen"

// idTokenKey keeps the provider's ID token apart from the citizen's JSON (citizenKey): it is a
// kilobyte that only sign-out needs, and decoding it with the rest at every request was most of
// the cost of reading the session.
const idTokenKey = "citizen_id_token"

// sessions keeps citizen sessions server-side in PostgreSQL (scs + pgxstore); the browser holds
// only a random token in an HttpOnly cookie.
type sessions struct {
	m    *scs.SessionManager
	idle idleTimeout
}

func newSessions(pool *pgxpool.Pool, cfg Config, log *slog.Logger) *sessions {
	m := newSessionManager(pool, cfg, "motlan_session", log)
	return &sessions{m: m, idle: newIdleTimeout(m, cfg.SessionIdle, cfg.SessionLifetime, cfg.Now)}
}

// newSessionManager returns a server-side session manager whose cookie is named name (with the
// __Host- prefix over https). Citizens and staff each have their own, so they never mix. A
// store that fails is reported as the request's error or logged to log (session_store.go).
func newSessionManager(pool *pgxpool.Pool, cfg Config, name string, log *slog.Logger) *scs.SessionManager {
	m := scs.New()
	m.ErrorFunc = sessionStoreError(log)
	// pgxstore's own cleanup goroutine races with StopCleanup; the App purges expired rows itself.
	m.Store = pgxstore.NewWithCleanupInterval(pool, 0)
	m.Codec = sessionCodec{}
	// No scs IdleTimeout: it re-saves the session at every request; idleTimeout does it cheaper.
	m.Lifetime = cfg.SessionLifetime
	m.Cookie.Name = name
	if cfg.Secure() {
		m.Cookie.Name = "__Host-" + name // pinned to this host and path, https only
	}
	m.Cookie.HttpOnly = true
	m.Cookie.Secure = cfg.Secure()
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Path = "/"
	m.Cookie.Persist = false // ends with the browser, as well as after the timeouts
	return m
}

// middleware loads the session for the request, applies the idle timeout, and saves the session
// (when it changed) before the response is written.
func (s *sessions) middleware() echo.MiddlewareFunc { return s.idle.middleware() }

func (s *sessions) Begin(c echo.Context, cs citizen.Session) error {
	ctx := c.Request().Context()
	// A new token at every sign-in: a session id planted before sign-in is worth nothing after.
	if err := s.m.Clear(ctx); err != nil {
		return err
	}
	if err := s.m.RenewToken(ctx); err != nil {
		return err
	}
	idToken := cs.IDToken
	cs.IDToken = ""
	b, err := json.Marshal(cs)
	if err != nil {
		return err
	}
	s.m.Put(ctx, citizenKey, b)
	s.m.Put(ctx, idTokenKey, []byte(idToken))
	s.idle.begin(c.Request())
	c.Set(citizenParsed, nil)
	return nil
}

// End ends the session and returns it with its ID token, for the provider's sign-out.
func (s *sessions) End(c echo.Context) (citizen.Session, bool, error) {
	cs, ok := s.Current(c)
	if cs.IDToken == "" { // a session begun before the token was kept apart has it in the JSON
		cs.IDToken = string(s.m.GetBytes(c.Request().Context(), idTokenKey))
	}
	if err := s.m.Destroy(c.Request().Context()); err != nil {
		return citizen.Session{}, false, err
	}
	c.Set(citizenParsed, nil)
	return cs, ok, nil
}

// citizenParsed keeps the request's decoded session: the guard, the handler and the layout all ask.
const citizenParsed = "citizen_session_parsed"

func (s *sessions) Current(c echo.Context) (citizen.Session, bool) {
	if c.Get(sessionLoaded) != true {
		return citizen.Session{}, false // a staff page: citizens' sessions are not read there
	}
	if cs, ok := c.Get(citizenParsed).(citizen.Session); ok {
		return cs, true
	}
	b := s.m.GetBytes(c.Request().Context(), citizenKey)
	if len(b) == 0 {
		return citizen.Session{}, false
	}
	var cs citizen.Session
	if err := json.Unmarshal(b, &cs); err != nil || cs.CitizenID == 0 {
		return citizen.Session{}, false
	}
	c.Set(citizenParsed, cs)
	return cs, true
}

var _ citizen.Sessions = (*sessions)(nil)
