package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// TestBlobStoreConfig: file contents stay in the database unless BLOB_STORE=s3 names a bucket
// with its credentials.
func TestBlobStoreConfig(t *testing.T) {
	t.Parallel()
	t.Run("DefaultPostgres", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(nil))
		require.NoError(t, err)
		require.Equal(t, web.BlobStorePostgres, cfg.BlobStore)
	})
	t.Run("S3", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(map[string]string{"BLOB_STORE": "s3", "S3_ENDPOINT": "s3.internal:8333", "S3_BUCKET": "files",
			"S3_ACCESS_KEY": "portal", "S3_SECRET_KEY": "a-secret", "S3_REGION": "hn-1", "S3_USE_SSL": "false"}))
		require.NoError(t, err)
		require.Equal(t, web.BlobStoreS3, cfg.BlobStore)
		require.Equal(t, "s3.internal:8333", cfg.S3.Endpoint)
		require.Equal(t, "files", cfg.S3.Bucket)
		require.Equal(t, "portal", cfg.S3.AccessKey)
		require.Equal(t, "a-secret", cfg.S3.SecretKey)
		require.Equal(t, "hn-1", cfg.S3.Region)
		require.False(t, cfg.S3.UseSSL)
	})
	t.Run("ErrS3WithoutCredentials", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"BLOB_STORE": "s3", "S3_ENDPOINT": "s3.internal:8333"}))
		require.ErrorContains(t, err, "S3_ACCESS_KEY")
	})
	t.Run("ErrUnknownStore", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"BLOB_STORE": "disk"}))
		require.ErrorContains(t, err, "BLOB_STORE")
	})
	t.Run("ErrBadSSL", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"S3_USE_SSL": "maybe"}))
		require.ErrorContains(t, err, "S3_USE_SSL")
	})
}
