package database_test

import (
	"context"
	"testing"

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
