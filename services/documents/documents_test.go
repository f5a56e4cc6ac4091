package documents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	agency   = "UBND-00070"
	anPID    = "001088012345" // the father, applicant
	childPID = "001325000111" // the child, subject (born 2025)
	binhPID  = "001090000222" // someone else
)

// clock is the test's time, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fakeReceipts serves the e-receipt of any item to citizen 1's owner as a fixed PDF.
type fakeReceipts struct{ owner int64 }

func (f fakeReceipts) ReceiptPDF(_ context.Context, citizenID int64, _ string, itemID int64) ([]byte, error) {
	if citizenID != f.owner {
		return nil, fault.New(fault.ENOTFOUND, "x", "fake")
	}
	return []byte("%PDF-receipt"), nil
}

type fixture struct {
	pool    *pgxpool.Pool
	clock   *clock
	docs    *documents.Service
	res     *results.Service
	files   *attachments.Service
	log     *audit.Log
	an      int64 // An's account
	binh    int64 // Bình's account
	caseSeq int
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	cit := citizens.New(pool, nil)
	an, err := cit.SignedIn(ctx, "http://idp", "an", anPID, "Nguyễn Văn An")
	require.NoError(t, err)
	binh, err := cit.SignedIn(ctx, "http://idp", "binh", binhPID, "Trần Thị Bình")
	require.NoError(t, err)
	c := &clock{t: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)}
	res, err := results.New(pool, results.NewDBKeys(c.now), "", c.now)
	require.NoError(t, err)
	files := attachments.New(pool, attachments.PGBlobs{Pool: pool}, cases.New(pool, c.now, nil), 1<<20, c.now)
	log := audit.New(pool, c.now)
	docs, err := documents.New(pool, documents.Deps{Results: res, Receipts: fakeReceipts{owner: an.ID}, Files: files, Log: log}, c.now)
	require.NoError(t, err)
	return &fixture{pool: pool, clock: c, docs: docs, res: res, files: files, log: log, an: an.ID, binh: binh.ID}
}

// birthCase inserts An's birth registration of his daughter, decided.
func (fx *fixture) birthCase(t *testing.T) cases.Case {
	t.Helper()
	ctx := context.Background()
	fx.caseSeq++
	parties, err := json.Marshal([]cases.Party{
		{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, FullName: "Nguyễn Văn An", PersonalID: anPID},
		{ID: "child", Kind: forms.PartySubject, FullName: "Nguyễn Ngọc Ánh", PersonalID: childPID},
		{ID: "mother", Kind: forms.PartyParent, FullName: "Trần Thị Bình", PersonalID: binhPID},
	})
	require.NoError(t, err)
	id, err := casetest.Insert(ctx, fx.pool, casetest.Spec{Code: agency + "-261201-000" + string(rune('0'+fx.caseSeq)),
		CitizenID: fx.an, ApplicantPID: anPID, Procedure: "1.001193", Agency: agency, Status: status.Processing,
		Parties: parties, NoEvents: true})
	require.NoError(t, err)
	k, err := cases.New(fx.pool, fx.clock.now, nil).Get(ctx, fx.pool, id)
	require.NoError(t, err)
	return k
}

// issue issues k's result and records it in the store in one transaction, as services/outcome
// does; fail makes the transaction roll back after both.
func (fx *fixture) issue(t *testing.T, k cases.Case, fail bool) error {
	t.Helper()
	ctx := context.Background()
	return pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		r, err := fx.res.IssueTx(ctx, tx, results.Issue{CaseID: k.ID, CaseCode: k.Code, AgencyCode: k.AgencyCode,
			AgencyName: "Ủy ban nhân dân phường Hoàn Kiếm", ProcedureCode: k.ProcedureCode, ProcedureName: "Đăng ký khai sinh",
			Body: results.Body{Name: "Giấy khai sinh", Title: "GIẤY KHAI SINH", Signer: []string{"NGƯỜI KÝ"},
				Lines: []results.Line{{Label: "Họ, chữ đệm, tên", Text: "NGUYỄN NGỌC ÁNH"}}},
			VerifyURL: "https://motlan.gov.vn/xac-thuc"})
		if err != nil {
			return err
		}
		err = fx.docs.RecordIssuedTx(ctx, tx, documents.Issued{Case: k, ResultCode: r.Code, Title: "Giấy khai sinh",
			IssuerCode: agency, IssuerName: "Ủy ban nhân dân phường Hoàn Kiếm", IssuedAt: r.IssuedAt})
		if err != nil {
			return err
		}
		if fail {
			return fault.New(fault.ECONFLICT, "x", "test")
		}
		return nil
	})
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2))))
	return b.Bytes()
}

func TestRecordIssued(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	k := fx.birthCase(t)

	t.Run("RolledBackWithTheResult", func(t *testing.T) {
		require.Error(t, fx.issue(t, k, true))
		list, err := fx.docs.List(ctx, anPID)
		require.NoError(t, err)
		require.Empty(t, list)
	})
	t.Run("OK", func(t *testing.T) {
		require.NoError(t, fx.issue(t, k, false))
		list, err := fx.docs.List(ctx, anPID)
		require.NoError(t, err)
		require.Len(t, list, 1)
		d := list[0]
		require.Equal(t, documents.Type("birth_certificate"), d.Type)
		require.Equal(t, "Giấy khai sinh", d.TypeName)
		require.Equal(t, documents.ProvenanceIssued, d.Provenance)
		require.True(t, d.Provenance.Verified())
		require.Equal(t, documents.RoleApplicant, d.Role)
		require.Equal(t, k.Code+"-KQ1", d.Number)
		require.Equal(t, k.Code, d.CaseCode)
		require.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", d.IssuerName)
		require.Equal(t, "2026-12-01", d.IssuedOn.Format(time.DateOnly))

		child, err := fx.docs.List(ctx, childPID) // the subject holds it too
		require.NoError(t, err)
		require.Len(t, child, 1)
		require.Equal(t, documents.RoleSubject, child[0].Role)
		mother, err := fx.docs.List(ctx, binhPID) // a parent is neither applicant nor subject
		require.NoError(t, err)
		require.Empty(t, mother)

		byType, err := fx.docs.ListByType(ctx, anPID, "birth_certificate")
		require.NoError(t, err)
		require.Len(t, byType, 1)
		other, err := fx.docs.ListByType(ctx, anPID, "marriage_certificate")
		require.NoError(t, err)
		require.Empty(t, other)

		name, ct, body, err := fx.docs.Content(ctx, anPID, d.ID)
		require.NoError(t, err)
		require.Equal(t, k.Code+"-KQ1.pdf", name)
		require.Equal(t, "application/pdf", ct)
		require.True(t, bytes.HasPrefix(body, []byte("%PDF")))
	})
	t.Run("AgainChangesNothing", func(t *testing.T) {
		err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			return fx.docs.RecordIssuedTx(ctx, tx, documents.Issued{Case: k, ResultCode: k.Code + "-KQ1", IssuedAt: fx.clock.now()})
		})
		require.NoError(t, err)
		list, err := fx.docs.List(ctx, anPID)
		require.NoError(t, err)
		require.Len(t, list, 1)
	})
	t.Run("AddSubject", func(t *testing.T) {
		const newborn = "001226000333" // given by the registry after the result reached it
		require.NoError(t, fx.docs.AddSubject(ctx, k.Code+"-KQ1", newborn))
		require.NoError(t, fx.docs.AddSubject(ctx, k.Code+"-KQ1", newborn), "again: nothing new")
		require.NoError(t, fx.docs.AddSubject(ctx, "UBND-00070-261201-9999-KQ1", newborn), "a result not here: nothing")
		list, err := fx.docs.List(ctx, newborn)
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, documents.RoleSubject, list[0].Role)
		require.Equal(t, k.Code+"-KQ1", list[0].Number)
		_, _, body, err := fx.docs.Content(ctx, newborn, list[0].ID)
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(body, []byte("%PDF")))
		require.Error(t, fx.docs.AddSubject(ctx, k.Code+"-KQ1", "12"))
	})
	t.Run("ErrNotHolder", func(t *testing.T) {
		list, err := fx.docs.List(ctx, anPID)
		require.NoError(t, err)
		_, err = fx.docs.Get(ctx, binhPID, list[0].ID)
		require.ErrorIs(t, err, documents.ErrNotFound)
		_, _, _, err = fx.docs.Content(ctx, binhPID, list[0].ID)
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
}

func TestReceiptAndDownloadLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	k := fx.birthCase(t)
	var item int64
	require.NoError(t, fx.pool.QueryRow(ctx, `INSERT INTO payment_items (case_id, case_code, agency_code, citizen_id, seq, kind,
		name_vi, name_en, recipient_vi, recipient_en, amount_vnd, source, requested_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 1, 'le_phi', 'Lệ phí', 'Fee', 'UBND', 'UBND', 8000, 'officer', '101', now(), now()) RETURNING id`,
		k.ID, k.Code, agency, fx.an).Scan(&item))
	err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		return fx.docs.RecordReceiptTx(ctx, tx, documents.Receipt{ItemID: item, CitizenID: fx.an, PayerPersonalID: anPID,
			CaseCode: k.Code, IssuerCode: agency, IssuerName: "UBND", Number: "0000001", Title: "Biên lai thu phí, lệ phí: Lệ phí",
			PaidAt: fx.clock.now()})
	})
	require.NoError(t, err)
	list, err := fx.docs.List(ctx, anPID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, documents.TypeEReceipt, list[0].Type)
	require.Equal(t, documents.RolePayer, list[0].Role)

	d, name, _, body, err := fx.docs.Download(ctx, anPID, list[0].ID, documents.Reader{Kind: audit.ActorCitizen,
		ID: "citizen:1", Name: "Nguyễn Văn An", Role: "citizen"})
	require.NoError(t, err)
	require.Equal(t, list[0].ID, d.ID)
	require.Equal(t, "bien-lai-0000001.pdf", name)
	require.Equal(t, []byte("%PDF-receipt"), body)
	entries, err := fx.log.ForSubject(ctx, anPID, 10)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	require.Equal(t, documents.PurposeDocuments, entries[0].Purpose)
	require.Equal(t, "0000001", entries[0].Reference)
	require.Contains(t, entries[0].Attributes, "download")
}

func TestKeepAndWithdraw(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	k := fx.birthCase(t)
	a, err := fx.files.UploadToCase(ctx, fx.an, k.ID, "evidence", "so-ho-khau.png", bytes.NewReader(pngBytes(t)))
	require.NoError(t, err)
	keep := documents.Keep{CitizenID: fx.an, PersonalID: anPID, AttachmentID: a.ID, Type: "residence_confirmation",
		Retention: documents.Retain1Year}

	t.Run("ErrNotOwner", func(t *testing.T) {
		_, err := fx.docs.KeepUpload(ctx, documents.Keep{CitizenID: fx.binh, PersonalID: binhPID, AttachmentID: a.ID,
			Type: "other", Retention: documents.RetainForever})
		require.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := keep
		bad.Retention = "2y"
		_, err := fx.docs.KeepUpload(ctx, bad)
		require.Equal(t, fault.EINVALID, fault.Code(err))
		bad = keep
		bad.Type = "passport_of_mars"
		_, err = fx.docs.KeepUpload(ctx, bad)
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})

	var hooked []int64
	fx.docs.OnWithdraw(func(_ context.Context, tx pgx.Tx, d documents.Document) error {
		var withdrawn bool // the hook runs inside the withdrawing transaction
		if err := tx.QueryRow(ctx, `SELECT withdrawn_at IS NOT NULL FROM held_documents WHERE id = $1`, d.ID).Scan(&withdrawn); err != nil {
			return err
		}
		require.True(t, withdrawn)
		hooked = append(hooked, d.ID)
		return nil
	})
	keepable, err := fx.docs.Keepable(ctx, fx.an, anPID)
	require.NoError(t, err)
	require.Len(t, keepable, 1)
	require.Equal(t, a.ID, keepable[0].ID)
	d, err := fx.docs.KeepUpload(ctx, keep)
	require.NoError(t, err)
	keepable, err = fx.docs.Keepable(ctx, fx.an, anPID)
	require.NoError(t, err)
	require.Empty(t, keepable, "a kept file is not offered again")
	none, err := fx.docs.Keepable(ctx, fx.binh, binhPID)
	require.NoError(t, err)
	require.Empty(t, none, "only the citizen's own files")
	require.Equal(t, documents.ProvenanceUploaded, d.Provenance)
	require.False(t, d.Provenance.Verified())
	require.Equal(t, documents.RoleUploader, d.Role)
	require.Equal(t, "so-ho-khau.png", d.Title)
	require.NotNil(t, d.ConsentedAt)
	require.Equal(t, fx.clock.now().AddDate(1, 0, 0), d.RetainUntil.UTC())

	_, err = fx.docs.KeepUpload(ctx, keep)
	require.Equal(t, fault.ECONFLICT, fault.Code(err), "kept once at a time")

	name, ct, body, err := fx.docs.Content(ctx, anPID, d.ID)
	require.NoError(t, err)
	require.Equal(t, "so-ho-khau.png", name)
	require.Equal(t, "image/png", ct)
	require.Equal(t, pngBytes(t), body)

	t.Run("IssuedCannotBeWithdrawn", func(t *testing.T) {
		require.NoError(t, fx.issue(t, k, false))
		list, err := fx.docs.ListByType(ctx, anPID, "birth_certificate")
		require.NoError(t, err)
		require.Len(t, list, 1)
		_, err = fx.docs.Withdraw(ctx, anPID, list[0].ID)
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})
	t.Run("ErrNotHolder", func(t *testing.T) {
		_, err := fx.docs.Withdraw(ctx, binhPID, d.ID)
		require.ErrorIs(t, err, documents.ErrNotFound)
	})

	_, token, err := fx.docs.CreateShare(ctx, anPID, d.ID, "Ngân hàng ABC", 7)
	require.NoError(t, err)
	w, err := fx.docs.Withdraw(ctx, anPID, d.ID)
	require.NoError(t, err)
	require.NotNil(t, w.WithdrawnAt)
	require.Equal(t, []int64{d.ID}, hooked)
	_, err = fx.docs.Get(ctx, anPID, d.ID)
	require.ErrorIs(t, err, documents.ErrNotFound)
	_, err = fx.docs.OpenShare(ctx, token)
	require.ErrorIs(t, err, documents.ErrShareGone, "a withdrawn document's links stop")

	again, err := fx.docs.KeepUpload(ctx, keep) // kept anew after withdrawing
	require.NoError(t, err)
	require.NotEqual(t, d.ID, again.ID)

	t.Run("RetentionEnds", func(t *testing.T) {
		fx.clock.add(366 * 24 * time.Hour)
		list, err := fx.docs.ListByType(ctx, anPID, "residence_confirmation")
		require.NoError(t, err)
		require.Empty(t, list)
	})
}

func TestShares(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	k := fx.birthCase(t)
	require.NoError(t, fx.issue(t, k, false))
	list, err := fx.docs.List(ctx, anPID)
	require.NoError(t, err)
	d := list[0]

	t.Run("ErrInvalid", func(t *testing.T) {
		_, _, err := fx.docs.CreateShare(ctx, anPID, d.ID, "Ngân hàng ABC", 3)
		require.Equal(t, fault.EINVALID, fault.Code(err))
		_, _, err = fx.docs.CreateShare(ctx, anPID, d.ID, "  ", 7)
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})
	t.Run("ErrNotHolder", func(t *testing.T) {
		_, _, err := fx.docs.CreateShare(ctx, binhPID, d.ID, "Ngân hàng ABC", 7)
		require.ErrorIs(t, err, documents.ErrNotFound)
	})
	t.Run("UnknownToken", func(t *testing.T) {
		_, err := fx.docs.OpenShare(ctx, "nothing-like-a-token")
		require.ErrorIs(t, err, documents.ErrNotFound)
	})

	sh, token, err := fx.docs.CreateShare(ctx, anPID, d.ID, "Ngân hàng ABC", 1)
	require.NoError(t, err)
	require.Len(t, token, 43)
	var stored []byte
	require.NoError(t, fx.pool.QueryRow(ctx, `SELECT token_hash FROM document_shares WHERE id = $1`, sh.ID).Scan(&stored))
	require.NotContains(t, string(stored), token, "only the hash is stored")

	opened, err := fx.docs.OpenShare(ctx, token)
	require.NoError(t, err)
	require.Equal(t, d.ID, opened.Document.ID)
	require.Equal(t, "Ngân hàng ABC", opened.Share.Label)
	_, name, _, body, err := fx.docs.ShareContent(ctx, token)
	require.NoError(t, err)
	require.Equal(t, k.Code+"-KQ1.pdf", name)
	require.True(t, bytes.HasPrefix(body, []byte("%PDF")))

	entries, err := fx.log.ForSubject(ctx, anPID, 10)
	require.NoError(t, err)
	require.Len(t, entries, 2)
	for _, e := range entries {
		require.Equal(t, documents.ShareRole, e.ActorRole)
		require.Equal(t, "Ngân hàng ABC", e.ActorName)
	}
	require.Contains(t, entries[0].Attributes, "share-download") // newest first
	require.Contains(t, entries[1].Attributes, "share-open")
	child, err := fx.log.ForSubject(ctx, childPID, 10)
	require.NoError(t, err)
	require.Empty(t, child, "the holder's log, not the other holders'")

	t.Run("Expires", func(t *testing.T) {
		fx.clock.add(24*time.Hour - time.Second)
		_, err := fx.docs.OpenShare(ctx, token)
		require.NoError(t, err)
		fx.clock.add(time.Second)
		_, err = fx.docs.OpenShare(ctx, token)
		require.ErrorIs(t, err, documents.ErrShareGone)
		_, _, _, _, err = fx.docs.ShareContent(ctx, token)
		require.ErrorIs(t, err, documents.ErrShareGone)
	})
	t.Run("Revoke", func(t *testing.T) {
		sh2, token2, err := fx.docs.CreateShare(ctx, anPID, d.ID, "Trường mầm non", 30)
		require.NoError(t, err)
		_, err = fx.docs.Revoke(ctx, binhPID, sh2.ID)
		require.ErrorIs(t, err, documents.ErrNotFound, "only the holder revokes")
		_, err = fx.docs.OpenShare(ctx, token2)
		require.NoError(t, err)
		r, err := fx.docs.Revoke(ctx, anPID, sh2.ID)
		require.NoError(t, err)
		require.NotNil(t, r.RevokedAt)
		_, err = fx.docs.OpenShare(ctx, token2)
		require.ErrorIs(t, err, documents.ErrShareGone)
		shares, err := fx.docs.Shares(ctx, anPID, d.ID)
		require.NoError(t, err)
		require.Len(t, shares, 2)
		require.False(t, shares[0].Active(fx.clock.now()))
	})
}

// TestVocabulary: every procedure whose result is a document of its own maps to a type of the
// vocabulary other than "other", so a new result document cannot land untyped.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	docs, err := documents.New(nil, documents.Deps{}, nil)
	require.NoError(t, err)
	all, err := results.Documents()
	require.NoError(t, err)
	for _, d := range all {
		for _, p := range d.Procedures {
			tp := docs.TypeOf(p)
			require.NotEqual(t, documents.TypeOther, tp, "procedure %s (%s)", p, d.Name)
			require.True(t, docs.Known(tp))
		}
	}
	require.Equal(t, documents.TypeOther, docs.TypeOf("9.999999"))
	require.Equal(t, "Giấy khai sinh", docs.TypeName("birth_certificate").VI)
}
