package drafts_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
)

// blobs counts the stored contents, and those no file names (orphans).
func (e *env) blobs(t *testing.T) (all, orphans int) {
	t.Helper()
	require.NoError(t, e.pool.QueryRow(context.Background(), `
		SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256))
		FROM attachment_blobs b`).Scan(&all, &orphans))
	return all, orphans
}

// uploadContent stores content for a field of the draft through the store the drafts use.
func (e *env) uploadContent(t *testing.T, a drafts.Applicant, id uuid.UUID, field, content string) error {
	t.Helper()
	return pgx.BeginFunc(context.Background(), e.pool, func(tx pgx.Tx) error {
		_, err := e.att.UploadTx(context.Background(), tx, a.CitizenID, id, field, "giay-to.pdf", strings.NewReader(content))
		return err
	})
}

// TestFileContentsGo: a file's content is deleted with the last file that names it: a replaced
// upload's, a deleted draft's, an expired draft's; a content another file names stays.
func TestFileContentsGo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("ReplacedUpload", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		require.NoError(t, e.uploadContent(t, e.an, id, "proof", "%PDF-1.7 bản đầu"))
		require.NoError(t, e.uploadContent(t, e.an, id, "proof", "%PDF-1.7 bản sau"))
		all, orphans := e.blobs(t)
		require.Equal(t, 1, all, "the first content went with its file")
		require.Zero(t, orphans)
	})

	t.Run("SameContentAgain", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		require.NoError(t, e.uploadContent(t, e.an, id, "proof", "%PDF-1.7 cùng một bản"))
		require.NoError(t, e.uploadContent(t, e.an, id, "proof", "%PDF-1.7 cùng một bản"))
		all, _ := e.blobs(t)
		require.Equal(t, 1, all, "the new file names the content the old one did")
		_, content, err := e.att.Open(ctx, e.an.CitizenID, uuid.MustParse(e.files(t, e.an, id)["proof"].ID.String()))
		require.NoError(t, err)
		require.Equal(t, "%PDF-1.7 cùng một bản", string(content))
	})

	t.Run("DeletedDraft", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		kept := e.start(t, e.an, residence)
		require.NoError(t, e.uploadContent(t, e.an, id, "proof", "%PDF-1.7 chung"))
		require.NoError(t, e.uploadContent(t, e.an, kept, "proof", "%PDF-1.7 chung"))
		require.NoError(t, e.uploadContent(t, e.an, id, "other", "%PDF-1.7 riêng"))
		require.NoError(t, e.svc.Delete(ctx, e.an.CitizenID, id))
		all, orphans := e.blobs(t)
		require.Equal(t, 1, all, "the content the other draft names stays")
		require.Zero(t, orphans)
		_, content, err := e.att.Open(ctx, e.an.CitizenID, e.files(t, e.an, kept)["proof"].ID)
		require.NoError(t, err)
		require.Equal(t, "%PDF-1.7 chung", string(content))
	})

	t.Run("ErrOtherCitizensDraftKeepsFiles", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		id := e.start(t, e.an, residence)
		require.NoError(t, e.uploadContent(t, e.an, id, "proof", "%PDF-1.7 của An"))
		require.ErrorIs(t, e.svc.Delete(ctx, e.binh.CitizenID, id), drafts.ErrNotFound)
		require.Len(t, e.files(t, e.an, id), 1)
		all, _ := e.blobs(t)
		require.Equal(t, 1, all)
	})

	t.Run("ExpiredDraft", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		old := e.start(t, e.an, residence)
		require.NoError(t, e.uploadContent(t, e.an, old, "proof", "%PDF-1.7 cũ"))
		e.clock.Add(ttl - time.Hour)
		live := e.start(t, e.an, residence)
		require.NoError(t, e.uploadContent(t, e.an, live, "proof", "%PDF-1.7 mới"))
		e.clock.Add(2 * time.Hour)
		n, err := e.svc.Purge(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
		all, orphans := e.blobs(t)
		require.Equal(t, 1, all, "the expired draft's content went with it")
		require.Zero(t, orphans)
		require.Len(t, e.files(t, e.an, live), 1)
	})
}

// TestStorageCap: a citizen's files waiting in drafts are capped; an upload past the cap is
// refused with its message, and the file it would replace does not count.
func TestStorageCap(t *testing.T) {
	t.Parallel()
	e := setup(t)
	e.att = attachments.New(e.pool, attachments.PGBlobs{Pool: e.pool}, nil, 0, e.clock.Now).WithLimits(attachments.Limits{DraftBytes: 40})
	e.svc = drafts.New(e.pool, e.cat, e.reg, e.att, e.audit, drafts.Config{TTL: ttl, Now: e.clock.Now}, slog.New(slog.DiscardHandler))
	one, two := e.start(t, e.an, residence), e.start(t, e.an, residence)

	require.NoError(t, e.uploadContent(t, e.an, one, "proof", "%PDF-1.7 hai mươi byte")) // 23 bytes
	err := e.uploadContent(t, e.an, two, "proof", "%PDF-1.7 hai mươi byte nữa")
	require.Equal(t, fault.EINVALID, fault.Code(err), "%v", err)
	require.Equal(t, attachments.MsgQuota, fault.Message(err))
	require.Empty(t, e.files(t, e.an, two))
	require.NoError(t, e.uploadContent(t, e.an, one, "proof", "%PDF-1.7 ba mươi byte thay thế"), "a replaced file does not count")
	require.NoError(t, e.uploadContent(t, e.binh, e.start(t, e.binh, residence), "proof", "%PDF-1.7 hai mươi byte"), "the cap is each citizen's")

}
