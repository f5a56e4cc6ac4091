package attachments_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/attachments/s3test"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
)

// s3Clock is Collect's clock: real time moved by an offset the test sets.
type s3Clock struct{ offset atomic.Int64 }

func (c *s3Clock) now() time.Time       { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *s3Clock) skip(d time.Duration) { c.offset.Store(int64(d)) }
func openS3(t *testing.T, srv s3test.Server, clock *s3Clock) *attachments.S3Blobs {
	t.Helper()
	b, err := attachments.OpenS3(context.Background(), attachments.S3Config{Endpoint: srv.Endpoint,
		Bucket: "b-" + uuid.NewString()[:8], AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, clock.now)
	require.NoError(t, err)
	return b
}

// putIn stores content through b in a transaction that commits, or rolls back when commit is false.
func putIn(t *testing.T, pool *pgxpool.Pool, b attachments.Blobs, content []byte, commit bool) []byte {
	t.Helper()
	ctx := context.Background()
	sum := sha256.Sum256(content)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }() // no-op once committed
	require.NoError(t, b.Put(ctx, tx, sum[:], content))
	if commit {
		require.NoError(t, tx.Commit(ctx))
	} else {
		require.NoError(t, tx.Rollback(ctx))
	}
	return sum[:]
}

func TestS3Blobs(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	ctx := context.Background()

	t.Run("RoundTrip", func(t *testing.T) {
		t.Parallel()
		pool, clock := dbtest.New(t), &s3Clock{}
		b := openS3(t, srv, clock)
		content := []byte("%PDF-1.7 round trip")
		sum := putIn(t, pool, b, content, true)
		got, err := b.Get(ctx, sum)
		require.NoError(t, err)
		require.Equal(t, content, got)
		// The server encrypts what it stores where it offers SSE-S3; SeaweedFS does.
		require.True(t, b.Encrypted(), "the S3 server stored the probe object unencrypted")
		enc, err := attachments.ObjectEncryption(ctx, b, sum)
		require.NoError(t, err)
		require.Equal(t, "AES256", enc)
		// Release inside a transaction leaves the object: it may roll back.
		require.NoError(t, pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return b.Release(ctx, tx, [][]byte{sum}) }))
		got, err = b.Get(ctx, sum)
		require.NoError(t, err)
		require.Equal(t, content, got)
	})

	t.Run("ErrWrongSecret", func(t *testing.T) {
		t.Parallel()
		_, err := attachments.OpenS3(ctx, attachments.S3Config{Endpoint: srv.Endpoint, Bucket: "b-wrong",
			AccessKey: srv.AccessKey, SecretKey: "not-the-secret"}, nil)
		require.Error(t, err)
	})

	t.Run("SameContentStoredOnce", func(t *testing.T) {
		t.Parallel()
		pool, clock := dbtest.New(t), &s3Clock{}
		b := openS3(t, srv, clock)
		content := []byte("one content, three uploads")
		for range 3 {
			putIn(t, pool, b, content, true)
		}
		putIn(t, pool, b, []byte("another content"), true)
		keys, err := attachments.ObjectKeys(ctx, b)
		require.NoError(t, err)
		sum := sha256.Sum256(content)
		require.Len(t, keys, 2)
		require.Contains(t, keys, fmt.Sprintf("sha256/%x", sum))
	})

	t.Run("CollectDeletesOnlyUnreferencedOld", func(t *testing.T) {
		t.Parallel()
		pool, clock := dbtest.New(t), &s3Clock{}
		b := openS3(t, srv, clock)
		svc, an := s3Service(t, pool, b)
		draft := draftFor(t, pool, an)
		named := uploadDraft(t, pool, svc, an, draft, "birth_certificate", pngBytes(t))
		orphan := putIn(t, pool, b, []byte("rolled back upload"), false)

		// Young objects stay, named or not.
		got, err := b.Collect(ctx, pool, time.Hour)
		require.NoError(t, err)
		require.Equal(t, attachments.Collected{Objects: 2}, got)

		// An hour and more later, the object of the rolled-back upload goes; the named one stays.
		clock.skip(2 * time.Hour)
		got, err = b.Collect(ctx, pool, time.Hour)
		require.NoError(t, err)
		require.Equal(t, attachments.Collected{Objects: 2, Deleted: 1}, got)
		requireObject(t, b, orphan, false)
		requireObject(t, b, named.SHA256, true)

		// An upload whose transaction is open holds its content, however old the object looks.
		tx, err := pool.Begin(ctx)
		require.NoError(t, err)
		held := []byte("upload in flight")
		heldSum := sha256.Sum256(held)
		defer func() { _ = tx.Rollback(ctx) }()
		require.NoError(t, b.Put(ctx, tx, heldSum[:], held))
		got, err = b.Collect(ctx, pool, time.Hour)
		require.NoError(t, err)
		require.Equal(t, attachments.Collected{Objects: 2, Held: 1}, got)
		requireObject(t, b, heldSum[:], true)
		require.NoError(t, tx.Rollback(ctx))

		// Once the draft's file is deleted, its content goes too.
		require.NoError(t, pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return svc.DeleteDraftFilesTx(ctx, tx, draft) }))
		got, err = b.Collect(ctx, pool, time.Hour)
		require.NoError(t, err)
		require.Equal(t, attachments.Collected{Objects: 2, Deleted: 2}, got)
		requireObject(t, b, named.SHA256, false)
		requireObject(t, b, heldSum[:], false)
	})

	t.Run("ServiceEndToEnd", func(t *testing.T) {
		t.Parallel()
		pool, clock := dbtest.New(t), &s3Clock{}
		b := openS3(t, srv, clock)
		svc, an := s3Service(t, pool, b)
		draft := draftFor(t, pool, an)
		pdf := []byte("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
		a := uploadDraft(t, pool, svc, an, draft, "birth_certificate", pdf)

		_, content, err := svc.Open(ctx, an, a.ID)
		require.NoError(t, err)
		require.Equal(t, pdf, content)
		var rows int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM attachment_blobs`).Scan(&rows))
		require.Zero(t, rows, "the content went to the database, not to S3")

		// A new file for the field replaces the old; the old content is collected later.
		png := pngBytes(t)
		b2 := uploadDraft(t, pool, svc, an, draft, "birth_certificate", png)
		_, content, err = svc.Open(ctx, an, b2.ID)
		require.NoError(t, err)
		require.Equal(t, png, content)
		_, _, err = svc.Open(ctx, an, a.ID)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))

		clock.skip(2 * time.Hour)
		got, err := b.Collect(ctx, pool, time.Hour)
		require.NoError(t, err)
		require.Equal(t, attachments.Collected{Objects: 2, Deleted: 1}, got)
		_, content, err = svc.Open(ctx, an, b2.ID)
		require.NoError(t, err)
		require.Equal(t, png, content)
	})

	t.Run("PresignedDownload", func(t *testing.T) {
		t.Parallel()
		pool, clock := dbtest.New(t), &s3Clock{}
		b := openS3(t, srv, clock)
		svc, an := s3Service(t, pool, b)
		binh, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "binh", "079175001234", "Bình")
		require.NoError(t, err)
		pdf := []byte("%PDF-1.7\npresigned\n%%EOF\n")
		a := uploadDraft(t, pool, svc, an, draftFor(t, pool, an), "birth_certificate", pdf)

		t.Run("Owner", func(t *testing.T) {
			u, ok, err := svc.DownloadURL(ctx, an, a.ID, time.Minute)
			require.NoError(t, err)
			require.True(t, ok)
			status, body := httpGet(t, u.String())
			require.Equal(t, http.StatusOK, status)
			require.Equal(t, pdf, body)
		})
		t.Run("ErrNotOwner", func(t *testing.T) {
			u, _, err := svc.DownloadURL(ctx, binh.ID, a.ID, time.Minute)
			require.Equal(t, fault.ENOTFOUND, fault.Code(err))
			require.Nil(t, u)
		})
		t.Run("Expires", func(t *testing.T) {
			u, ok, err := svc.DownloadURL(ctx, an, a.ID, time.Second)
			require.NoError(t, err)
			require.True(t, ok)
			deadline := time.Now().Add(20 * time.Second)
			for {
				status, _ := httpGet(t, u.String())
				if status == http.StatusForbidden {
					break
				}
				require.Equal(t, http.StatusOK, status)
				require.True(t, time.Now().Before(deadline), "a URL valid for 1 s still reads the file after 20 s")
				time.Sleep(250 * time.Millisecond) // polling the server's answer, whose clock decides
			}
		})
		t.Run("PostgresCannotPresign", func(t *testing.T) {
			pg := attachments.New(pool, attachments.PGBlobs{Pool: pool}, nil, 1<<20, nil)
			u, ok, err := pg.DownloadURL(ctx, an, a.ID, time.Minute)
			require.NoError(t, err)
			require.False(t, ok)
			require.Nil(t, u)
		})
	})
}

// s3Service returns the attachment service on b and a signed-in citizen.
func s3Service(t *testing.T, pool *pgxpool.Pool, b attachments.Blobs) (*attachments.Service, int64) {
	t.Helper()
	an, err := citizens.New(pool, nil).SignedIn(context.Background(), "http://idp", "an", "001088012345", "An")
	require.NoError(t, err)
	return attachments.New(pool, b, nil, 1<<20, nil), an.ID
}

// uploadDraft stores a file for a draft's field in a transaction of its own.
func uploadDraft(t *testing.T, pool *pgxpool.Pool, svc *attachments.Service, citizen int64, draft uuid.UUID, field string, content []byte) attachments.Attachment {
	t.Helper()
	var a attachments.Attachment
	require.NoError(t, pgx.BeginFunc(context.Background(), pool, func(tx pgx.Tx) error {
		var err error
		a, err = svc.UploadTx(context.Background(), tx, citizen, draft, field, "tep", bytes.NewReader(content))
		return err
	}))
	return a
}

func requireObject(t *testing.T, b *attachments.S3Blobs, sum []byte, want bool) {
	t.Helper()
	ok, err := attachments.ObjectExists(context.Background(), b, sum)
	require.NoError(t, err)
	require.Equal(t, want, ok)
}

func httpGet(t *testing.T, u string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(u) // #nosec G107 -- the test's own presigned URL
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, body
}
