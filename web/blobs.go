package web

import (
	"context"
	"errors"
	"log/slog"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/attachments"
)

// The stores of file contents BLOB_STORE names.
const (
	BlobStorePostgres = "postgres" // the attachment_blobs table (the default)
	BlobStoreS3       = "s3"       // an S3 bucket (S3_*), collected by `portal blobs gc`
)

// loadBlobStore reads BLOB_STORE and, for s3, the bucket's S3_* variables.
func loadBlobStore(get func(name, def string) string, errs *[]error) (string, attachments.S3Config) {
	store := get("BLOB_STORE", BlobStorePostgres)
	c := attachments.S3Config{Endpoint: get("S3_ENDPOINT", ""), Bucket: get("S3_BUCKET", "motlan-files"),
		AccessKey: get("S3_ACCESS_KEY", ""), SecretKey: get("S3_SECRET_KEY", ""), Region: get("S3_REGION", "")}
	ssl, err := strconv.ParseBool(get("S3_USE_SSL", "true"))
	if err != nil {
		*errs = append(*errs, errors.New("S3_USE_SSL: want true or false"))
	}
	c.UseSSL = ssl
	switch store {
	case BlobStorePostgres:
	case BlobStoreS3:
		if c.Endpoint == "" || c.AccessKey == "" || c.SecretKey == "" {
			*errs = append(*errs, errors.New("BLOB_STORE=s3: S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are required"))
		}
	default:
		*errs = append(*errs, errors.New("BLOB_STORE: want postgres or s3"))
	}
	return store, c
}

// openBlobs returns the store of file contents BLOB_STORE names: the database, or the S3 bucket
// (made when missing), whose objects `portal blobs gc` collects.
func openBlobs(ctx context.Context, cfg Config, pool *pgxpool.Pool, log *slog.Logger) (attachments.Blobs, error) {
	if cfg.BlobStore != BlobStoreS3 {
		return attachments.PGBlobs{Pool: pool}, nil
	}
	b, err := attachments.OpenS3(ctx, cfg.S3, cfg.Now)
	if err != nil {
		return nil, err
	}
	if !b.Encrypted() {
		log.Warn("the S3 server does not encrypt what it stores (SSE-S3 refused): files are kept unencrypted", "endpoint", cfg.S3.Endpoint)
	}
	return b, nil
}
