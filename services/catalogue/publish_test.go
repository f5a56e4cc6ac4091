package catalogue_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
