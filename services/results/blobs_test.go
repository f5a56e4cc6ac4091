package results_test

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/attachments/s3test"
	"github.com/motlan/portal/services/results"
)

// withBlobs is a second results service on fx's database keeping new PDFs in b.
func (fx fixture) withBlobs(t *testing.T, b attachments.Blobs) *results.Service {
	t.Helper()
	svc, err := results.New(fx.pool, results.NewDBKeys(func() time.Time { return fx.now }), "", func() time.Time { return fx.now })
	require.NoError(t, err)
	return svc.WithBlobs(b)
}

// stored reports where result code's PDF is: in the table, and under which blob key.
func (fx fixture) stored(t *testing.T, code string) (inTable bool, key []byte) {
	t.Helper()
	require.NoError(t, fx.pool.QueryRow(context.Background(), `SELECT pdf IS NOT NULL, blob_sha256 FROM results WHERE code = $1`, code).
		Scan(&inTable, &key))
	return inTable, key
}

// authentic checks result res both ways the public can: by its code and by uploading pdf.
func authentic(t *testing.T, svc *results.Service, res results.Result, pdf []byte) {
	t.Helper()
	ctx := context.Background()
	v, err := svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	require.True(t, v.Authentic, "%s by its code", res.Code)
	v, err = svc.VerifyDocument(ctx, pdf)
	require.NoError(t, err)
	require.True(t, v.Authentic, "%s uploaded", res.Code)
	require.Equal(t, res.Code, v.Code)
}

// TestResultsInPGBlobStore: with the PostgreSQL blob store a new result's PDF is a content of
// attachment_blobs, not a bytea of results; it is served and verified as before, a result issued
// before stays readable, releasing the content as an attachment would leaves it, and a change to
// the stored content is found by verification.
func TestResultsInPGBlobStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	oldIn := fx.newCase(t, "UBND-00070", 1)
	old := fx.issue(t, fx.svc, oldIn)
	blobs := attachments.PGBlobs{Pool: fx.pool}
	svc := fx.withBlobs(t, blobs)

	in := fx.newCase(t, "UBND-00070", 2)
	res := fx.issue(t, svc, in)
	inTable, key := fx.stored(t, res.Code)
	require.False(t, inTable, "the results table keeps no copy")
	require.Equal(t, res.SHA256, key, "the blob key is the content's SHA-256")
	_, pdf, err := svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	sum := sha256.Sum256(pdf)
	require.Equal(t, res.SHA256, sum[:])
	stored, err := blobs.Get(ctx, key)
	require.NoError(t, err)
	require.Equal(t, pdf, stored)
	authentic(t, svc, res, pdf)

	inTable, oldKey := fx.stored(t, old.Code)
	require.True(t, inTable)
	require.Nil(t, oldKey)
	_, oldPDF, err := svc.ForCase(ctx, oldIn.CaseID)
	require.NoError(t, err)
	authentic(t, svc, old, oldPDF)

	// Deleting an attachment of the same content releases it: the result still names it.
	require.NoError(t, pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error { return blobs.Release(ctx, tx, [][]byte{res.SHA256}) }))
	_, again, err := svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	require.Equal(t, pdf, again)

	// Someone with write access to the database changes the stored content.
	tag, err := fx.pool.Exec(ctx, `UPDATE attachment_blobs SET content = set_byte(content, 100, get_byte(content, 100) # 1) WHERE sha256 = $1`, res.SHA256)
	require.NoError(t, err)
	require.EqualValues(t, 1, tag.RowsAffected())
	_, changed, err := svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	require.NotEqual(t, pdf, changed)
	v, err := svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	require.False(t, v.Authentic, "the stored content no longer has its hash")
	require.Equal(t, res.Code, v.Code)
}

// TestResultsInS3: with the S3 blob store (a real SeaweedFS) a new result's PDF is an object of
// the bucket, served and verified from there, and the garbage collection keeps it however old,
// while it deletes an old object nothing names.
func TestResultsInS3(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	srv := s3test.Start(t)
	later := time.Now() // the collection's clock, moved a day on below
	b, err := attachments.OpenS3(ctx, attachments.S3Config{Endpoint: srv.Endpoint, Bucket: "r-" + uuid.NewString()[:8],
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, func() time.Time { return later })
	require.NoError(t, err)
	svc := fx.withBlobs(t, b)

	in := fx.newCase(t, "UBND-00070", 1)
	res := fx.issue(t, svc, in)
	inTable, key := fx.stored(t, res.Code)
	require.False(t, inTable)
	require.Equal(t, res.SHA256, key)
	_, pdf, err := svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	object, err := b.Get(ctx, key)
	require.NoError(t, err)
	require.Equal(t, pdf, object, "the PDF is the bucket's object")
	authentic(t, svc, res, pdf)

	orphan := []byte("an upload whose transaction rolled back")
	orphanSum := sha256.Sum256(orphan)
	tx, err := fx.pool.Begin(ctx)
	require.NoError(t, err)
	require.NoError(t, b.Put(ctx, tx, orphanSum[:], orphan))
	require.NoError(t, tx.Rollback(ctx))

	later = time.Now().Add(24 * time.Hour)
	got, err := b.Collect(ctx, fx.pool, time.Hour)
	require.NoError(t, err)
	require.Equal(t, attachments.Collected{Objects: 2, Deleted: 1}, got, "the orphan goes, the result stays")
	_, err = b.Get(ctx, orphanSum[:])
	require.Error(t, err)
	_, again, err := svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	require.Equal(t, pdf, again)
	authentic(t, svc, res, pdf)
}
