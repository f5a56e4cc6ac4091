package attachments_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// draftFor inserts a minimal procedure version and a draft owned by citizen.
func draftFor(t *testing.T, pool *pgxpool.Pool, citizen int64) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	_, err := pool.Exec(ctx, `
		INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
			processing_days, fee_vnd, required_acr, details, search_text, current_version)
		VALUES ('1.001193', 'Đăng ký khai sinh', 'Birth registration', 'civil-status', 'commune_committee', 'commune', 'x', 'x', 1, 0, 'LoA1', '{}', 'x', 1)
		ON CONFLICT DO NOTHING;
		INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ('1.001193', 1, '{}', now()) ON CONFLICT DO NOTHING`)
	require.NoError(t, err)
	id := uuid.New()
	_, err = pool.Exec(ctx, `INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at)
		VALUES ($1, $2, '1.001193', 1, now(), now(), now() + interval '1 day')`, id, citizen)
	require.NoError(t, err)
	return id
}

func pngBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))))
	return buf.Bytes()
}

func TestUpload(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	accounts := citizens.New(pool, nil)
	an, err := accounts.SignedIn(ctx, "http://idp", "an", "001088012345", "An")
	require.NoError(t, err)
	binh, err := accounts.SignedIn(ctx, "http://idp", "binh", "079175001234", "Bình")
	require.NoError(t, err)
	svc := attachments.New(pool, attachments.PGBlobs{Pool: pool}, nil, 1024, func() time.Time { return time.Now() })
	draft := draftFor(t, pool, an.ID)
	// A draft's files are stored inside the step's save, which has checked and locked the
	// citizen's draft (services/drafts, where another citizen's save is refused).
	upload := func(citizenID int64, field, name string, content []byte) (attachments.Attachment, error) {
		var a attachments.Attachment
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			var err error
			a, err = svc.UploadTx(ctx, tx, citizenID, draft, field, name, bytes.NewReader(content))
			return err
		})
		return a, err
	}

	pdf := []byte("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
	a, err := upload(an.ID, "birth_certificate", `C:\Users\an\Giấy chứng sinh.PDF`, pdf)
	require.NoError(t, err)
	require.Equal(t, "application/pdf", a.ContentType)
	require.Equal(t, "Giấy chứng sinh.pdf", a.FileName)
	sum := sha256.Sum256(pdf)
	require.Equal(t, sum[:], a.SHA256)

	t.Run("OwnerOpens", func(t *testing.T) {
		got, content, err := svc.Open(ctx, an.ID, a.ID)
		require.NoError(t, err)
		require.Equal(t, pdf, content)
		require.Equal(t, a.FileName, got.FileName)
	})
	t.Run("ErrOtherCitizen404", func(t *testing.T) {
		_, _, err := svc.Open(ctx, binh.ID, a.ID)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
	t.Run("PNGRenamed", func(t *testing.T) {
		a, err := upload(an.ID, "photo", "anh.pdf", pngBytes(t))
		require.NoError(t, err)
		require.Equal(t, "image/png", a.ContentType)
		require.Equal(t, "anh.png", a.FileName, "the extension follows the real type")
	})
	t.Run("ErrRenamedExecutable", func(t *testing.T) {
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 100)...)
		_, err := upload(an.ID, "birth_certificate", "giay-chung-sinh.pdf", exe)
		require.Equal(t, attachments.MsgType, fault.Message(err))
		elf := append([]byte("\x7fELF\x02\x01\x01"), bytes.Repeat([]byte{0}, 100)...)
		_, err = upload(an.ID, "birth_certificate", "photo.jpg", elf)
		require.Equal(t, attachments.MsgType, fault.Message(err))
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 2000)...)
		_, err := upload(an.ID, "birth_certificate", "big.pdf", big)
		require.Equal(t, attachments.MsgTooLarge, fault.Message(err))
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		_, err := upload(an.ID, "birth_certificate", "empty.pdf", nil)
		require.Equal(t, attachments.MsgEmpty, fault.Message(err))
	})
	t.Run("ReplacesSameField", func(t *testing.T) {
		b, err := upload(an.ID, "birth_certificate", "new.pdf", append(pdf, 'x'))
		require.NoError(t, err)
		files, err := svc.ForDraft(ctx, an.ID, draft)
		require.NoError(t, err)
		require.Equal(t, b.ID, files["birth_certificate"].ID)
	})
}

func TestSafeName(t *testing.T) {
	t.Parallel()
	require.Equal(t, "passwd.pdf", attachments.SafeName("../../etc/passwd", ".pdf"))
	require.Equal(t, "a b.png", attachments.SafeName("a\x00 b.exe", ".png"))
	require.Equal(t, "tep-dinh-kem.jpg", attachments.SafeName("...", ".jpg"))
	require.Equal(t, "baocao.pdf", attachments.SafeName("bao;cao|.pdf", ".pdf"))
}
