package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTwoReplicas runs two portals on one database: a session started on one works on the
// other, and the periodic jobs run once: only River's leader schedules them, and a second
// replica does not become the leader while the first runs.
func TestTwoReplicas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	one := startStack(t)
	jobs := func(kind, state string) int {
		var n int
		if err := one.db.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = $1 AND ($2 = '' OR state::text = $2)`, kind, state).Scan(&n); err != nil {
			return -1
		}
		return n
	}
	// Alone, the first replica is elected and runs the periodic jobs at start.
	require.Eventually(t, func() bool { return jobs("purge_expired", "completed") > 0 && jobs("deadline_sweep", "completed") > 0 },
		30*time.Second, 20*time.Millisecond, "the leader runs the periodic jobs at start")

	// The second replica bids for the leadership as it starts, and River's elector logs the
	// outcome: the bid is denied while the first replica leads, so the second never schedules.
	bids := make(chan string, 1)
	ln, base := listen(t)
	two := startPortalLogged(t, ln, base, one.issuerURL, one.dbURL, nil, slog.New(bidLog{bids}))
	select {
	case bid := <-bids:
		require.Equal(t, "denied", bid, "the first replica keeps the leadership")
	case <-time.After(30 * time.Second):
		t.Fatal("the second replica did not bid for the leadership")
	}

	b := newBrowser(t)
	home := b.signIn(one, anPersonalID)
	require.Equal(t, http.StatusOK, home.status)
	// Cookies belong to the host, not the port: the same browser now talks to the other replica.
	p := b.get(two.portalURL + "/account")
	require.Equal(t, http.StatusOK, p.status, "the session lives in PostgreSQL, not in a replica")
	require.Equal(t, "Nguyễn Văn An", textOf(t, p, "[data-testid=user-name]"))

	require.Equal(t, 1, jobs("purge_expired", ""), "one leader schedules the periodic job")
	require.Equal(t, 1, jobs("deadline_sweep", ""))
}

// bidLog sends the outcome of a portal's first bid for River's leadership, "gained" or
// "denied", as the elector logs it (at debug level), and drops the rest of the log.
type bidLog struct{ bids chan<- string }

func (h bidLog) Enabled(context.Context, slog.Level) bool { return true }

func (h bidLog) Handle(_ context.Context, r slog.Record) error {
	var bid string
	switch {
	case strings.HasSuffix(r.Message, "Gained leadership"):
		bid = "gained"
	case strings.HasSuffix(r.Message, "Leadership bid was unsuccessful (not an error)"):
		bid = "denied"
	default:
		return nil
	}
	select {
	case h.bids <- bid:
	default: // a later bid
	}
	return nil
}

func (h bidLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h bidLog) WithGroup(string) slog.Handler      { return h }

func TestMetrics(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	b.get(s.portalURL + "/")
	resp, err := http.Get(s.portalURL + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	text := string(body)
	for _, want := range []string{`motlan_http_requests_total{method="GET",route="/",status="200"}`, "motlan_db_pool_acquired_conns",
		`motlan_registry_circuit_open{database="land"} 0`, "motlan_jobs_waiting"} {
		require.True(t, strings.Contains(text, want), "metrics expose %s", want)
	}
}
