package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// postmasterPid is the pid the cluster's postmaster.pid names.
func postmasterPid(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "pgdata", "postmaster.pid"))
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	require.NoError(t, err)
	return pid
}

// TestStaleClusterStopped: a PostgreSQL left running on the data folder by a devstack killed
// before it could stop it is stopped (fast) and started again by the next run, rather than taken
// as it is; and the cluster has data checksums.
func TestStaleClusterStopped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Not t.TempDir(): as root the server runs as postgres, which must traverse every parent.
	dir, err := os.MkdirTemp("", "devstack-stale-pg-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	port, err := freePort()
	require.NoError(t, err)

	first, err := startCluster(ctx, dir, port)
	require.NoError(t, err)
	t.Cleanup(func() { _ = first.Stop(context.Background()) })
	stale := postmasterPid(t, dir)

	// The next run finds it running: devstack was killed and never stopped it.
	second, err := startCluster(ctx, dir, port)
	require.NoError(t, err)
	t.Cleanup(func() { _ = second.Stop(context.Background()) })
	require.NotEqual(t, stale, postmasterPid(t, dir), "a new server")
	require.False(t, alive(stale), "the stale server is gone")

	conn, err := pgx.Connect(ctx, second.URL("postgres"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(ctx) })
	var checksums string
	require.NoError(t, conn.QueryRow(ctx, `SHOW data_checksums`).Scan(&checksums))
	require.Equal(t, "on", checksums)
}
