package catalogue_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
)

func TestPublish(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	v1, err := svc.Version(ctx, "1.013831", 1)
	require.NoError(t, err)
	publishedAt := seededAt.Add(24 * time.Hour)

	t.Run("OK", func(t *testing.T) {
		schema := v1.Schema
		schema.Steps = schema.Steps[:1]
		schema.Parties, schema.Routing = nil, nil // they name fields of the steps dropped
		v, err := svc.Publish(ctx, "1.013831", schema, publishedAt)
		require.NoError(t, err)
		require.Equal(t, 2, v)
		p, err := svc.Get(ctx, "1.013831")
		require.NoError(t, err)
		require.Equal(t, 2, p.CurrentVersion, "new drafts start on the new version")
		got, err := svc.Version(ctx, "1.013831", 2)
		require.NoError(t, err)
		require.Equal(t, stepIDs(v1)[:1], stepIDs(got))
		require.True(t, publishedAt.Equal(got.PublishedAt))
		old, err := svc.Version(ctx, "1.013831", 1)
		require.NoError(t, err)
		require.Equal(t, stepIDs(v1), stepIDs(old), "the old version stays")
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM procedure_versions WHERE procedure_code = '1.013831'`).Scan(&n))
		require.Equal(t, 2, n)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := svc.Publish(ctx, "9.999999", v1.Schema, publishedAt)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		schema := v1.Schema
		schema.Steps = nil
		_, err := svc.Publish(ctx, "1.013831", schema, publishedAt)
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})
}

// Seeding again publishes nothing new while the embedded schemas are published; a release whose
// schema differs from every published version publishes it as the next version (here simulated
// by a database whose version 1 is an older form).
func TestSeedPublishesChangedSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, pool := setup(t)
	count := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM procedure_versions WHERE procedure_code = '1.001193'`).Scan(&n))
		return n
	}
	require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(time.Hour)))
	require.Equal(t, 1, count(), "the same schema is not published twice")

	_, err := pool.Exec(ctx, `UPDATE procedure_versions SET schema = schema - 'routing' WHERE procedure_code = '1.001193'`)
	require.NoError(t, err)
	require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(2*time.Hour)))
	require.Equal(t, 2, count())
	var current int
	require.NoError(t, pool.QueryRow(ctx, `SELECT current_version FROM procedures WHERE code = '1.001193'`).Scan(&current))
	require.Equal(t, 2, current, "new drafts start on the release's form")
	v, err := svc.Version(ctx, "1.001193", 2)
	require.NoError(t, err)
	require.NotEmpty(t, v.Schema.Routing)
	old, err := svc.Version(ctx, "1.001193", 1)
	require.NoError(t, err)
	require.Empty(t, old.Schema.Routing, "the published version 1 is kept for its drafts and cases")

	// A version an administrator publishes after the release is kept by the next seed.
	schema := v.Schema
	schema.Declaration.VI += " (sửa)"
	n, err := svc.Publish(ctx, "1.001193", schema, seededAt.Add(3*time.Hour))
	require.NoError(t, err)
	require.NoError(t, catalogue.Seed(ctx, pool, seededAt.Add(4*time.Hour)))
	require.NoError(t, pool.QueryRow(ctx, `SELECT current_version FROM procedures WHERE code = '1.001193'`).Scan(&current))
	require.Equal(t, n, current)
}
