package web_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// TestNewReleasesOnError checks a New that fails late (the result keys come after the pool and
// most services) releases what it had acquired: the portal keeps no connection open.
func TestNewReleasesOnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := dbtest.URL(t)
	cfg, err := web.LoadConfig(func(k string) string {
		switch k {
		case "DATABASE_URL":
			return dbURL
		case "RESULT_KEY_DIR":
			return filepath.Join(t.TempDir(), "missing")
		}
		return ""
	})
	require.NoError(t, err)
	cfg.MailDir = t.TempDir()
	cfg.SMSDir = t.TempDir()

	conn, err := pgx.Connect(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, conn.Close(context.Background())) })
	portalConns := func() int {
		var n int
		require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND application_name = 'motlan-portal'`).Scan(&n))
		return n
	}

	app, err := web.New(ctx, cfg, quietLogger())
	require.ErrorContains(t, err, "key folder")
	require.Nil(t, app)
	require.Eventually(t, func() bool { return portalConns() == 0 }, 5*time.Second, 20*time.Millisecond,
		"the pool New opened is closed")
}
