package database_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
)

// emptyDatabase creates a database with nothing in it, dropped when the test ends, and returns
// its URL.
func emptyDatabase(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, os.Getenv(dbtest.EnvURL))
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close(context.Background()) })
	b := make([]byte, 6)
	_, err = rand.Read(b)
	require.NoError(t, err)
	name := "motlan_fresh_" + hex.EncodeToString(b)
	_, err = admin.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.Exec(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)")
		require.NoError(t, err)
	})
	u, err := url.Parse(os.Getenv(dbtest.EnvURL))
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}

// TestMigrateConcurrently: replicas starting together on a fresh database each run
// `portal migrate`; every run succeeds and leaves the schema complete (goose's and River's).
func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := emptyDatabase(t)

	const runs = 20
	errs := make([]error, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			pool, err := database.Open(ctx, dbURL) // each run its own pool, as each replica has
			if err != nil {
				errs[i] = err
				return
			}
			defer pool.Close()
			if _, err := database.Migrate(ctx, pool); err != nil {
				errs[i] = fmt.Errorf("run %d: %w", i, err)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}

	pool, err := database.Open(ctx, dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	state, err := database.Migrations(ctx, pool)
	require.NoError(t, err)
	require.True(t, state.UpToDate(), "goose: %+v", state)
	river, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	require.NoError(t, err)
	existing, err := river.ExistingVersions(ctx)
	require.NoError(t, err)
	require.Len(t, existing, len(river.AllVersions()), "every River migration applied once")
}
