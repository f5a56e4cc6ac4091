package web_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// startStackWith runs the simulator and a portal whose config adjust changes.
func startStackWith(t *testing.T, adjust func(*web.Config)) *stack {
	t.Helper()
	simLn, issuer := listen(t)
	portalLn, base := listen(t)
	sim := startSim(t, simLn, issuer, base, nil)
	s := startPortal(t, portalLn, base, issuer, adjust)
	s.sim = sim
	return s
}

func TestSessionTimeouts(t *testing.T) {
	t.Parallel()

	t.Run("Idle", func(t *testing.T) {
		t.Parallel()
		const idle = 10 * time.Minute
		clk := &testClock{t: time.Now()}
		s := startStackWith(t, func(c *web.Config) { c.SessionIdle, c.Now = idle, clk.Now })
		b := newBrowser(t)
		require.Equal(t, http.StatusOK, b.signIn(s, anPersonalID).status)
		// Each request within the idle timeout keeps the session, past the timeout since sign-in.
		for range 2 {
			clk.Add(idle - time.Minute)
			require.Equal(t, http.StatusOK, b.get(s.portalURL+"/account").status, "activity keeps the session")
		}
		clk.Add(idle)
		p := b.get(s.portalURL + "/account")
		require.Equal(t, http.StatusSeeOther, p.status, "an idle session has ended")
		require.Equal(t, 0, s.sessionCount(t), "and is gone from the database")
	})

	t.Run("ActivityWritesRarely", func(t *testing.T) {
		t.Parallel()
		s := startStack(t)
		b := newBrowser(t)
		require.Equal(t, http.StatusOK, b.signIn(s, anPersonalID).status)
		// xmin changes whenever a row is written.
		var before string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT string_agg(xmin::text, ',' ORDER BY token) FROM sessions`).Scan(&before))
		for range 5 {
			require.Equal(t, http.StatusOK, b.get(s.portalURL+"/account").status)
		}
		var after string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT string_agg(xmin::text, ',' ORDER BY token) FROM sessions`).Scan(&after))
		require.Equal(t, before, after, "page views within a minute do not write the session again")
	})

	t.Run("Absolute", func(t *testing.T) {
		t.Parallel()
		clk := &testClock{t: time.Now()}
		s := startStackWith(t, func(c *web.Config) {
			c.SessionLifetime, c.SessionIdle, c.Now = time.Hour, 30*time.Minute, clk.Now
		})
		b := newBrowser(t)
		require.Equal(t, http.StatusOK, b.signIn(s, anPersonalID).status)
		// Activity keeps an idle timeout away, but not the absolute one.
		for range 3 {
			clk.Add(19 * time.Minute)
			require.Equal(t, http.StatusOK, b.get(s.portalURL+"/account").status, "within the lifetime")
		}
		clk.Add(4 * time.Minute) // 61 minutes after sign-in, 4 after the last request
		require.Equal(t, http.StatusSeeOther, b.get(s.portalURL+"/account").status, "the session ended at its lifetime")
		require.Equal(t, 0, s.sessionCount(t), "and is gone from the database")
	})
}

// testClock is the portal's clock in a test: it stands still until the test moves it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
