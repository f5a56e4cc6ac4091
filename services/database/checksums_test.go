package database_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
)

// TestDataChecksums: the clusters of `make run` and `make test` are initialised with data
// checksums, so a page damaged on disk is reported when read instead of being served as data.
func TestDataChecksums(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	var on string
	require.NoError(t, pool.QueryRow(context.Background(), `SHOW data_checksums`).Scan(&on))
	require.Equal(t, "on", on, "initdb --data-checksums")
}
