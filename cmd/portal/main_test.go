package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("MigrateIsIdempotent", func(t *testing.T) {
		url := dbtest.URL(t)
		getenv := func(k string) string {
			if k == "DATABASE_URL" {
				return url
			}
			return ""
		}
		require.NoError(t, run(ctx, []string{"migrate"}, getenv))
		require.NoError(t, run(ctx, []string{"migrate"}, getenv))
		pool, err := database.Open(ctx, url)
		require.NoError(t, err)
		defer pool.Close()
		state, err := database.Migrations(ctx, pool)
		require.NoError(t, err)
		require.True(t, state.UpToDate())
	})
	t.Run("ErrUnknownCommand", func(t *testing.T) {
		require.ErrorContains(t, run(ctx, []string{"fly"}, func(string) string { return "" }), "unknown command")
	})
	t.Run("ErrNoCommand", func(t *testing.T) {
		require.ErrorContains(t, run(ctx, nil, func(string) string { return "" }), "no command")
	})
	t.Run("ErrBadConfig", func(t *testing.T) {
		err := run(ctx, []string{"serve"}, func(k string) string {
			if k == "LOG_FORMAT" {
				return "xml"
			}
			return ""
		})
		require.ErrorContains(t, err, "LOG_FORMAT")
	})
}
