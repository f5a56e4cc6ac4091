package database_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)

	t.Run("UpToDate", func(t *testing.T) {
		state, err := database.Migrations(ctx, pool)
		require.NoError(t, err)
		require.True(t, state.UpToDate(), "state %+v", state)
		require.Greater(t, state.Latest, int64(0))
	})

	t.Run("ReportsPendingAfterRollback", func(t *testing.T) {
		_, err := pool.Exec(ctx, `DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)`)
		require.NoError(t, err)
		state, err := database.Migrations(ctx, pool)
		require.NoError(t, err)
		require.False(t, state.UpToDate(), "state %+v", state)
	})
}

func TestPurgeExpired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	_, err := pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ('old', '', $1), ('live', '', $2)`,
		now.Add(-time.Minute), now.Add(time.Minute))
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `INSERT INTO signin_attempts (state_hash, binding_hash, audience, nonce, pkce_verifier, created_at, expires_at)
		VALUES (sha256('old'), sha256('b'), 'citizen', repeat('n', 32), repeat('v', 43), $1, $2)`,
		now.Add(-time.Hour), now.Add(-time.Minute))
	require.NoError(t, err)

	n, err := database.PurgeExpired(ctx, pool, now)
	require.NoError(t, err)
	require.Equal(t, int64(2), n, "the expired session and the expired sign-in attempt")
	var left string
	require.NoError(t, pool.QueryRow(ctx, `SELECT string_agg(token, ',') FROM sessions`).Scan(&left))
	require.Equal(t, "live", left)
}
