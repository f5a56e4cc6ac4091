package web

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

// seenKey holds when a session was last seen active (Unix milliseconds), to the precision of
// touchEvery.
const seenKey = "seen"

// sinceKey holds when the session began, at sign-in (Unix milliseconds).
const sinceKey = "since"

// idleTimeout ends a session after a period without requests. scs can do this itself, but only by
// saving the session again at every request: one database write per page view, which costs more
// than the rest of a page. Here the session remembers when it was last seen, and that is saved
// again at most once per touchEvery, so a session ends between idle−touchEvery and idle after its
// last request.
//
// It also ends a session at its absolute lifetime, counted from sign-in on the same clock. scs
// enforces the lifetime too (the stored session's expiry), on the database's clock: that stays
// as the backstop, and this check makes the rule testable without waiting for it.
type idleTimeout struct {
	m          *scs.SessionManager
	idle       time.Duration
	lifetime   time.Duration
	touchEvery time.Duration
	now        func() time.Time // the Config's clock, so tests move time instead of sleeping
}

func newIdleTimeout(m *scs.SessionManager, idle, lifetime time.Duration, now func() time.Time) idleTimeout {
	if now == nil {
		now = time.Now
	}
	return idleTimeout{m: m, idle: idle, lifetime: lifetime, touchEvery: min(idle/10, time.Minute), now: now}
}

// begin marks a session as begun and seen now, at sign-in.
func (t idleTimeout) begin(r *http.Request) {
	now := t.now().UnixMilli()
	t.m.Put(r.Context(), sinceKey, now)
	t.m.Put(r.Context(), seenKey, now)
}

// middleware loads and saves the session (scs) and applies the idle timeout in between. A
// session that cannot be loaded (the database down) is the request's error, returned for the
// portal's error page (session_store.go).
func (t idleTimeout) middleware() echo.MiddlewareFunc {
	loadAndSave := echo.WrapMiddleware(func(next http.Handler) http.Handler {
		return t.m.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if f, ok := r.Context().Value(storeFailureKey{}).(*storeFailure); ok {
				f.loaded = true
			}
			t.check(r)
			next.ServeHTTP(w, r)
		}))
	})
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := loadAndSave(next)
		return func(c echo.Context) error {
			f := &storeFailure{}
			c.SetRequest(c.Request().WithContext(withStoreFailure(c.Request().Context(), f)))
			if err := h(c); err != nil {
				return err
			}
			return f.err
		}
	}
}

func (t idleTimeout) check(r *http.Request) {
	ctx := r.Context()
	if t.m.Token(ctx) == "" { // no stored session
		return
	}
	now := t.now()
	if since := t.m.GetInt64(ctx, sinceKey); t.lifetime > 0 && since > 0 && now.Sub(time.UnixMilli(since)) >= t.lifetime {
		_ = t.m.Destroy(ctx) // past its lifetime, however active: signed out
		return
	}
	if t.idle <= 0 {
		return
	}
	var seen time.Time
	if ms := t.m.GetInt64(ctx, seenKey); ms > 0 {
		seen = time.UnixMilli(ms)
	}
	switch {
	case !seen.IsZero() && now.Sub(seen) >= t.idle:
		// Idle too long: the request goes on as if signed out, and the session is gone.
		_ = t.m.Destroy(ctx)
	case now.Sub(seen) >= t.touchEvery:
		t.m.Put(ctx, seenKey, now.UnixMilli())
	}
}
