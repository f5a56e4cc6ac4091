package attachments

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/encrypt"

	"github.com/motlan/portal/services/attachments/internal/attachmentsdb"
)

// S3Config says where S3Blobs keeps the contents (BLOB_STORE=s3 and the S3_* variables).
type S3Config struct {
	Endpoint  string // host:port of the S3 API
	Bucket    string // made when missing
	AccessKey string
	SecretKey string
	Region    string // empty = the server's default
	UseSSL    bool
}

// objectPrefix is where contents live in the bucket: sha256/<hex of the content's SHA-256>.
const objectPrefix = "sha256/"

// S3Blobs stores contents as objects of an S3 bucket, keyed by their SHA-256, so the same
// content is stored once. Put uploads the object before the caller's transaction commits, so a
// committed file always names an object; a transaction that rolls back leaves an object no file
// names, and Release leaves the objects of deleted files in place: Collect deletes both kinds
// later, once they are older than a grace period. Objects are encrypted by the server (SSE-S3)
// when it offers that.
type S3Blobs struct {
	client *minio.Client
	bucket string
	sse    encrypt.ServerSide // nil when the server refused SSE-S3
	now    func() time.Time
}

// OpenS3 connects to the bucket, making it when missing, and asks whether the server encrypts
// what it stores (an object put with SSE-S3 and removed). now is the clock of Collect's grace
// period (nil = time.Now).
func OpenS3(ctx context.Context, c S3Config, now func() time.Time) (*S3Blobs, error) {
	if now == nil {
		now = time.Now
	}
	client, err := minio.New(c.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure: c.UseSSL,
		Region: c.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("attachments: s3: %w", err)
	}
	exists, err := client.BucketExists(ctx, c.Bucket)
	if err != nil {
		return nil, fmt.Errorf("attachments: s3: bucket %s: %w", c.Bucket, err)
	}
	if !exists {
		if err := client.MakeBucket(ctx, c.Bucket, minio.MakeBucketOptions{Region: c.Region}); err != nil {
			return nil, fmt.Errorf("attachments: s3: make bucket %s: %w", c.Bucket, err)
		}
	}
	b := &S3Blobs{client: client, bucket: c.Bucket, now: now}
	if err := b.probeEncryption(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// probeEncryption puts a small object with SSE-S3 and keeps SSE-S3 for the contents when the
// server stored it encrypted.
func (b *S3Blobs) probeEncryption(ctx context.Context) error {
	const key = "probe/sse-s3"
	info, err := b.client.PutObject(ctx, b.bucket, key, bytes.NewReader([]byte("probe")), 5,
		minio.PutObjectOptions{ServerSideEncryption: encrypt.NewSSE(), ContentType: "application/octet-stream"})
	if err != nil {
		// Refused: SSE-S3 alone, when a plain object is accepted (contents then go unencrypted,
		// and Encrypted says so); otherwise the credentials or the bucket are wrong.
		plain, perr := b.client.PutObject(ctx, b.bucket, key, bytes.NewReader([]byte("probe")), 5,
			minio.PutObjectOptions{ContentType: "application/octet-stream"})
		if perr != nil {
			return fmt.Errorf("attachments: s3: probe: %w", errors.Join(err, perr))
		}
		info = plain
	}
	st, err := b.client.StatObject(ctx, b.bucket, key, minio.StatObjectOptions{VersionID: info.VersionID})
	if err != nil {
		return fmt.Errorf("attachments: s3: probe: %w", err)
	}
	if st.Metadata.Get("X-Amz-Server-Side-Encryption") == "AES256" {
		b.sse = encrypt.NewSSE()
	}
	if err := b.client.RemoveObject(ctx, b.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("attachments: s3: probe: %w", err)
	}
	return nil
}

// Encrypted reports whether the server encrypts the contents (SSE-S3).
func (b *S3Blobs) Encrypted() bool { return b.sse != nil }

// key is the object name of a content.
func key(sum []byte) string { return objectPrefix + hex.EncodeToString(sum) }

// Put uploads content under sum unless the object is there already, holding the content
// against Collect until tx ends (the file that names it commits with tx).
func (b *S3Blobs) Put(ctx context.Context, tx pgx.Tx, sum []byte, content []byte) error {
	if err := attachmentsdb.New(tx).ObjectHold(ctx, sum); err != nil {
		return err
	}
	_, err := b.client.StatObject(ctx, b.bucket, key(sum), minio.StatObjectOptions{})
	if err == nil {
		return nil
	}
	if minio.ToErrorResponse(err).Code != minio.NoSuchKey {
		return fmt.Errorf("s3: stat: %w", err)
	}
	_, err = b.client.PutObject(ctx, b.bucket, key(sum), bytes.NewReader(content), int64(len(content)), minio.PutObjectOptions{
		ContentType: "application/octet-stream", ServerSideEncryption: b.sse})
	if err != nil {
		return fmt.Errorf("s3: put: %w", err)
	}
	return nil
}

// Get reads the content stored under sum.
func (b *S3Blobs) Get(ctx context.Context, sum []byte) ([]byte, error) {
	obj, err := b.client.GetObject(ctx, b.bucket, key(sum), minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("s3: get: %w", err)
	}
	defer func() { _ = obj.Close() }()
	content, err := io.ReadAll(obj)
	if err != nil {
		return nil, fmt.Errorf("s3: get: %w", err)
	}
	return content, nil
}

// Release leaves the objects in place: deleting them before tx commits would lose them should
// it roll back, so Collect deletes those no file names once they are old enough.
func (b *S3Blobs) Release(context.Context, pgx.Tx, [][]byte) error { return nil }

// PresignGet returns a URL that reads the content under sum without credentials until expiry
// passes, served as an attachment named fileName of contentType. Whoever holds the URL can read
// the content: give it only to a reader the portal has authorized (Service.DownloadURL).
func (b *S3Blobs) PresignGet(ctx context.Context, sum []byte, expiry time.Duration, fileName, contentType string) (*url.URL, error) {
	params := url.Values{}
	params.Set("response-content-type", contentType)
	params.Set("response-content-disposition", "attachment; filename*=UTF-8''"+url.PathEscape(fileName))
	u, err := b.client.PresignedGetObject(ctx, b.bucket, key(sum), expiry, params)
	if err != nil {
		return nil, fmt.Errorf("s3: presign: %w", err)
	}
	return u, nil
}

// exists reports whether the object of sum is in the bucket.
func (b *S3Blobs) exists(ctx context.Context, sum []byte) (bool, error) {
	_, err := b.client.StatObject(ctx, b.bucket, key(sum), minio.StatObjectOptions{})
	switch {
	case err == nil:
		return true, nil
	case minio.ToErrorResponse(err).StatusCode == http.StatusNotFound:
		return false, nil
	}
	return false, err
}
