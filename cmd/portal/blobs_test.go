package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/attachments/s3test"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/web"
)

// TestBlobsGC: `portal blobs gc` deletes, on a real S3 server, the objects no file names once
// they are older than the grace period.
func TestBlobsGC(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := s3test.Start(t)
	url := dbtest.URL(t)
	cfg, err := web.LoadConfig(func(k string) string {
		return map[string]string{"DATABASE_URL": url, "BLOB_STORE": "s3", "S3_ENDPOINT": srv.Endpoint, "S3_BUCKET": "portal-files",
			"S3_ACCESS_KEY": srv.AccessKey, "S3_SECRET_KEY": srv.SecretKey, "S3_USE_SSL": "false"}[k]
	})
	require.NoError(t, err)

	// An upload whose transaction rolled back leaves an object no file names.
	pool, err := database.Open(ctx, url)
	require.NoError(t, err)
	defer pool.Close()
	b, err := attachments.OpenS3(ctx, cfg.S3, nil)
	require.NoError(t, err)
	content := []byte("rolled back")
	sum := sha256.Sum256(content)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	require.NoError(t, b.Put(ctx, tx, sum[:], content))
	require.NoError(t, tx.Rollback(ctx))

	gc := func(cfg web.Config, args ...string) (string, error) {
		var out bytes.Buffer
		err := blobsCommand(ctx, cfg, append([]string{"gc"}, args...), &out)
		return out.String(), err
	}
	t.Run("YoungObjectStays", func(t *testing.T) {
		out, err := gc(cfg)
		require.NoError(t, err)
		require.Equal(t, "1 objects, 0 deleted, 0 held by open uploads\n", out)
	})
	t.Run("OldUnreferencedObjectGoes", func(t *testing.T) {
		later := cfg
		later.Now = func() time.Time { return time.Now().Add(25 * time.Hour) }
		out, err := gc(later)
		require.NoError(t, err)
		require.Equal(t, "1 objects, 1 deleted, 0 held by open uploads\n", out)
		out, err = gc(later, "-grace", "1h")
		require.NoError(t, err)
		require.Equal(t, "0 objects, 0 deleted, 0 held by open uploads\n", out)
	})
	t.Run("ErrShortGrace", func(t *testing.T) {
		_, err := gc(cfg, "-grace", "5s")
		require.ErrorContains(t, err, "-grace")
	})
	t.Run("PostgresHasNothingToCollect", func(t *testing.T) {
		pg := cfg
		pg.BlobStore = web.BlobStorePostgres
		out, err := gc(pg)
		require.NoError(t, err)
		require.Contains(t, out, "nothing to collect")
	})
}
