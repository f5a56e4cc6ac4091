package database_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
)

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// TestUnavailable classifies errors the driver really returns.
func TestUnavailable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)

	t.Run("ConnectionRefused", func(t *testing.T) {
		_, err := pgx.Connect(ctx, "postgres://nobody@"+closedPort(t)+"/x?connect_timeout=5")
		require.Error(t, err)
		require.True(t, database.Unavailable(fmt.Errorf("cases: get: %w", err)), "%v", err)
	})
	t.Run("ConnectionCut", func(t *testing.T) {
		conn, err := pgx.ConnectConfig(ctx, pool.Config().ConnConfig.Copy())
		require.NoError(t, err)
		defer func() { _ = conn.Close(ctx) }()
		admin, err := pgx.Connect(ctx, os.Getenv(dbtest.EnvURL)) // the server's superuser
		require.NoError(t, err)
		defer func() { _ = admin.Close(ctx) }()
		_, err = admin.Exec(ctx, `SELECT pg_terminate_backend($1)`, conn.PgConn().PID())
		require.NoError(t, err)
		_, err = conn.Exec(ctx, `SELECT 1`)
		require.Error(t, err)
		require.True(t, database.Unavailable(err) || database.MaybeCut(err), "%v", err)
		_, err = conn.Exec(ctx, `SELECT 1`)
		require.True(t, database.Unavailable(err), "the closed connection: %v", err)
	})
	t.Run("ConnectionLost", func(t *testing.T) {
		conn, err := pgx.ConnectConfig(ctx, pool.Config().ConnConfig.Copy())
		require.NoError(t, err)
		defer func() { _ = conn.Close(ctx) }()
		require.NoError(t, conn.PgConn().Conn().Close()) // as a network cut leaves it
		_, err = conn.Exec(ctx, `SELECT 1`)
		require.Error(t, err)
		require.True(t, database.MaybeCut(err), "%v", err)
	})
	t.Run("NoAnswerBeforeDeadline", func(t *testing.T) {
		dctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		_, err := pool.Exec(dctx, `SELECT pg_sleep(5)`)
		require.Error(t, err)
		require.True(t, database.Unavailable(err), "%v", err)
	})
	t.Run("ErrQueryRefused", func(t *testing.T) {
		_, err := pool.Exec(ctx, `SELECT * FROM no_such_table`)
		require.Error(t, err)
		require.False(t, database.Unavailable(err), "the server answered: %v", err)
		require.False(t, database.MaybeCut(err))
		require.False(t, database.Unavailable(pgx.ErrNoRows))
		require.False(t, database.Unavailable(nil))
	})
	t.Run("ErrOtherNetwork", func(t *testing.T) {
		c := &http.Client{Timeout: 5 * time.Second}
		_, err := c.Get("http://" + closedPort(t) + "/") //nolint:noctx // a refused connection, nothing to cancel
		require.Error(t, err)
		err = errors.Join(errors.New("registry: population"), err)
		require.False(t, database.Unavailable(err), "another system's network error is not the database's: %v", err)
		require.False(t, database.MaybeCut(err), "%v", err)
	})
}
