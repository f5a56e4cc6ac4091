package signin_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/signin"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestPurgeExpired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	_, err := pool.Exec(ctx, `INSERT INTO signin_attempts (state_hash, binding_hash, audience, nonce, pkce_verifier, created_at, expires_at)
		VALUES (sha256('old'), sha256('b'), 'citizen', repeat('n', 32), repeat('v', 43), $1, $2),
		       (sha256('live'), sha256('b'), 'staff', repeat('n', 32), repeat('v', 43), $1, $3)`,
		now.Add(-time.Hour), now.Add(-time.Second), now.Add(time.Minute))
	require.NoError(t, err)

	n, err := signin.PurgeExpired(ctx, pool, now)
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
	var left string
	require.NoError(t, pool.QueryRow(ctx, `SELECT string_agg(audience, ',') FROM signin_attempts`).Scan(&left))
	require.Equal(t, "staff", left, "the attempt still running is kept")

	n, err = signin.PurgeExpired(ctx, pool, now)
	require.NoError(t, err)
	require.Zero(t, n, "idempotent")
}
