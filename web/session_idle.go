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

// idleTimeout ends a session after a period without requests. scs can do this itself, but only by
// saving the session again at every request: one database write per page view, which costs more
// than the rest of a page. Here the session remembers when it was last seen, and that is saved
// again at most once per touchEvery, so a session ends between idle−touchEvery and idle after its
// last request.
type idleTimeout struct {
	m          *scs.SessionManager
	idle       time.Duration
	touchEvery time.Duration
	now        func() time.Time // the Config's clock, so tests move time instead of sleeping
}

func newIdleTimeout(m *scs.SessionManager, idle time.Duration, now func() time.Time) idleTimeout {
	if now == nil {
		now = time.Now
	}
	return idleTimeout{m: m, idle: idle, touchEvery: min(idle/10, time.Minute), now: now}
}

// middleware loads and saves the session (scs) and applies the idle timeout in between.
func (t idleTimeout) middleware() echo.MiddlewareFunc {
	return echo.WrapMiddleware(func(next http.Handler) http.Handler {
		return t.m.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.check(r)
			next.ServeHTTP(w, r)
		}))
	})
}

func (t idleTimeout) check(r *http.Request) {
	ctx := r.Context()
	if t.idle <= 0 || t.m.Token(ctx) == "" { // no timeout, or no stored session
		return
	}
	now := t.now()
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
