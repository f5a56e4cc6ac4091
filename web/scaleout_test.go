package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTwoReplicas runs two portals on one database: a session started on one works on the
// other, and each periodic job runs once while both run.
func TestTwoReplicas(t *testing.T) {
	t.Parallel()
	one := startStack(t)
	ln, base := listen(t)
	two := startPortalOn(t, ln, base, one.issuerURL, one.dbURL, nil)

	b := newBrowser(t)
	home := b.signIn(one, anPersonalID)
	require.Equal(t, http.StatusOK, home.status)
	// Cookies belong to the host, not the port: the same browser now talks to the other replica.
	p := b.get(two.portalURL + "/account")
	require.Equal(t, http.StatusOK, p.status, "the session lives in PostgreSQL, not in a replica")
	require.Equal(t, "Nguyễn Văn An", textOf(t, p, "[data-testid=user-name]"))

	ctx := context.Background()
	count := func(kind string) int {
		var n int
		require.NoError(t, one.db.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = $1`, kind).Scan(&n))
		return n
	}
	deadline := time.Now().Add(20 * time.Second)
	for count("purge_expired") == 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // give the other replica every chance to run it too
	require.Equal(t, 1, count("purge_expired"), "one leader schedules the periodic job")
	require.Equal(t, 1, count("deadline_sweep"))
	var notDone int
	require.NoError(t, one.db.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'purge_expired' AND state <> 'completed'`).Scan(&notDone))
	require.Zero(t, notDone, "and it ran")
}

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
