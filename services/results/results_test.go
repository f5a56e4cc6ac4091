package results_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signing"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	applicantPID  = "001088012345"
	applicantName = "Nguyễn Văn An"
)

type fixture struct {
	pool *pgxpool.Pool
	svc  *results.Service
	now  time.Time
}

// setup gives a fresh database with two agencies and a procedure, and a service that keeps
// keys in the database.
func setup(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	_, err := pool.Exec(ctx, `
		INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code) VALUES
			('UBND-00070', 'commune_committee', 'commune', 'Ủy ban nhân dân phường Hoàn Kiếm', 'Hoan Kiem Ward People''s Committee', '01', '00070'),
			('UBND-26734', 'commune_committee', 'commune', 'Ủy ban nhân dân phường Sài Gòn', 'Sai Gon Ward People''s Committee', '79', '26734');
		INSERT INTO procedures (code, name_vi, name_en, topic, agency_kind, agency_level, legal_basis_vi, legal_basis_en,
			processing_days, fee_vnd, required_acr, details, search_text, current_version)
		VALUES ('1.001193', 'Đăng ký khai sinh', 'Birth registration', 'civil-status', 'commune_committee', 'commune', 'x', 'x', 1, 0, 'LoA1', '{}', 'x', 1);
		INSERT INTO procedure_versions (procedure_code, version, schema, published_at) VALUES ('1.001193', 1, '{}', now());
		INSERT INTO citizens (issuer, subject, personal_id, full_name, created_at, last_login_at)
		VALUES ('http://idp', 'an', '`+applicantPID+`', '`+applicantName+`', now(), now())`)
	require.NoError(t, err)
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	svc, err := results.New(pool, results.NewDBKeys(func() time.Time { return now }), "", func() time.Time { return now })
	require.NoError(t, err)
	return fixture{pool: pool, svc: svc, now: now}
}

// newCase inserts a case of agency, numbered seq, and returns the Issue that approves it.
func (fx fixture) newCase(t *testing.T, agency string, seq int) results.Issue {
	t.Helper()
	ctx := context.Background()
	code := fmt.Sprintf("%s-261127-%04d", agency, seq)
	var citizenID int64
	require.NoError(t, fx.pool.QueryRow(ctx, `SELECT id FROM citizens WHERE subject = 'an'`).Scan(&citizenID))
	id, err := casetest.Insert(ctx, fx.pool, casetest.Spec{Code: code, CitizenID: citizenID, ApplicantPID: applicantPID,
		ApplicantName: applicantName, Procedure: "1.001193", Agency: agency, Status: status.Processing,
		ExpectedDueOn: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), NoEvents: true})
	require.NoError(t, err)
	var agencyName string
	require.NoError(t, fx.pool.QueryRow(ctx, `SELECT name_vi FROM agencies WHERE code = $1`, agency).Scan(&agencyName))
	return results.Issue{
		CaseID:        id,
		CaseCode:      code,
		AgencyCode:    agency,
		AgencyName:    agencyName,
		ProcedureCode: "1.001193",
		ProcedureName: "Đăng ký khai sinh",
		Body: results.Body{Name: "Giấy khai sinh", Title: "GIẤY KHAI SINH", Signer: []string{"NGƯỜI KÝ GIẤY KHAI SINH"}, Lines: []results.Line{
			{Label: "Họ, chữ đệm, tên", Text: "NGUYỄN NGỌC ÁNH", Bold: true},
			{Label: "Giới tính", Text: "Nữ"},
		}},
		VerifyURL: "https://motlan.gov.vn/xac-thuc",
	}
}

// issue issues in's result in a committed transaction.
func (fx fixture) issue(t *testing.T, svc *results.Service, in results.Issue) results.Result {
	t.Helper()
	var res results.Result
	err := pgx.BeginFunc(context.Background(), fx.pool, func(tx pgx.Tx) error {
		var err error
		res, err = svc.IssueTx(context.Background(), tx, in)
		return err
	})
	require.NoError(t, err)
	return res
}

// publicKey reads an agency's public key as verification does.
func (fx fixture) publicKey(t *testing.T, agency string) *ecdsa.PublicKey {
	t.Helper()
	var der []byte
	require.NoError(t, fx.pool.QueryRow(context.Background(), `SELECT public_key_der FROM agency_keys WHERE agency_code = $1`, agency).Scan(&der))
	pub, err := x509.ParsePKIXPublicKey(der)
	require.NoError(t, err)
	return pub.(*ecdsa.PublicKey)
}

func TestIssue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	in := fx.newCase(t, "UBND-00070", 1)
	res := fx.issue(t, fx.svc, in)

	t.Run("OK", func(t *testing.T) {
		assert.Equal(t, "UBND-00070-261127-0001-KQ1", res.Code)
		assert.Equal(t, in.CaseCode, res.CaseCode)
		assert.Equal(t, "UBND-00070", res.AgencyCode)
		assert.Equal(t, "1.001193", res.ProcedureCode)
		assert.Regexp(t, `^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`, res.VerificationCode)
		assert.True(t, res.IssuedAt.Equal(fx.now), "a zero IssuedAt is now")

		got, pdf, err := fx.svc.ForCase(ctx, in.CaseID)
		require.NoError(t, err)
		sum := sha256.Sum256(pdf)
		assert.Equal(t, sum[:], got.SHA256)
		assert.Equal(t, res.Signature, got.Signature)
		assert.Equal(t, res.VerificationCode, got.VerificationCode)
		assert.True(t, got.IssuedAt.Equal(res.IssuedAt))
		assert.Nil(t, got.DownloadedAt)
		assert.True(t, results.VerifySignature(fx.publicKey(t, "UBND-00070"), pdf, got.Signature))

		text := results.PDFText(t, pdf)
		for _, want := range []string{
			"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
			"GIẤY KHAI SINH",
			"Số: UBND-00070-261127-0001-KQ1",
			"Họ, chữ đệm, tên: NGUYỄN NGỌC ÁNH",
			"Giới tính: Nữ",
			"NGƯỜI KÝ GIẤY KHAI SINH",
			"Văn bản điện tử được ký số bởi Ủy ban nhân dân phường Hoàn Kiếm",
			"Mã xác thực: " + res.VerificationCode,
			"Quét mã hoặc nhập mã xác thực tại: https://motlan.gov.vn/xac-thuc",
		} {
			assert.Contains(t, text, want)
		}
		assert.Contains(t, string(pdf), "/URI (https://motlan.gov.vn/xac-thuc?code="+res.VerificationCode+")")

		v, err := fx.svc.VerifyCode(ctx, res.VerificationCode)
		require.NoError(t, err)
		assert.Equal(t, results.Verification{Authentic: true, Code: res.Code, Kind: results.KindResult, ProcedureCode: "1.001193", AgencyCode: "UBND-00070",
			IssuedAt: v.IssuedAt, Embedded: v.Embedded}, v)
		assert.True(t, v.IssuedAt.Equal(res.IssuedAt))
		assert.True(t, v.Embedded.Valid(), "the PDF's own signature: %s", v.Embedded.Problem)
		assert.Equal(t, signing.Agency{Code: "UBND-00070", Name: "Ủy ban nhân dân phường Hoàn Kiếm"}, v.Embedded.Agency)
		assert.True(t, v.Embedded.SignedAt.Equal(res.IssuedAt), "signed at the issue time")
		assert.Equal(t, signing.ReasonResult, v.Embedded.Reason)

		v, err = fx.svc.VerifyDocument(ctx, pdf)
		require.NoError(t, err)
		assert.True(t, v.Authentic)
		assert.Equal(t, res.Code, v.Code)
	})

	t.Run("CodeTypedLoosely", func(t *testing.T) {
		for _, typed := range []string{
			strings.ToLower(res.VerificationCode),
			strings.ReplaceAll(res.VerificationCode, "-", ""),
			" " + strings.ToLower(strings.ReplaceAll(res.VerificationCode, "-", " ")) + " ",
		} {
			v, err := fx.svc.VerifyCode(ctx, typed)
			require.NoError(t, err, typed)
			assert.True(t, v.Authentic, typed)
			assert.Equal(t, res.Code, v.Code, typed)
		}
	})

	t.Run("UnknownNotAuthentic", func(t *testing.T) {
		other := "2345-6789-ABCD"
		require.NotEqual(t, res.VerificationCode, other)
		for _, code := range []string{other, "", "not a code", "0000-OOOO-IIII", res.VerificationCode + "X"} {
			v, err := fx.svc.VerifyCode(ctx, code)
			require.NoError(t, err, code)
			assert.Equal(t, results.Verification{}, v, code)
		}
		v, err := fx.svc.VerifyDocument(ctx, []byte("%PDF-1.4 something else"))
		require.NoError(t, err)
		assert.False(t, v.Authentic)
		assert.Empty(t, v.Code)
		assert.False(t, v.Embedded.Signed)
	})

	t.Run("NoPersonalData", func(t *testing.T) {
		var names []string
		typ := reflect.TypeFor[results.Verification]()
		for i := range typ.NumField() {
			names = append(names, typ.Field(i).Name)
		}
		assert.ElementsMatch(t, []string{"Authentic", "Code", "Kind", "ProcedureCode", "AgencyCode", "IssuedAt", "Embedded"}, names,
			"a new field of Verification must not carry personal data")
		names = nil
		typ = reflect.TypeFor[signing.Report]()
		for i := range typ.NumField() {
			names = append(names, typ.Field(i).Name)
		}
		assert.ElementsMatch(t, []string{"Signed", "Intact", "Trusted", "Agency", "SignedAt", "Reason", "Problem"}, names,
			"a new field of the embedded signature's report must not carry personal data")
		v, err := fx.svc.VerifyCode(ctx, res.VerificationCode)
		require.NoError(t, err)
		shown := fmt.Sprintf("%+v", v)
		for _, personal := range []string{applicantName, "Nguyễn", applicantPID, "********2345", "Ánh"} {
			assert.NotContains(t, shown, personal)
		}
	})

	t.Run("ErrConflictSecondResult", func(t *testing.T) {
		err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			_, err := fx.svc.IssueTx(ctx, tx, in)
			return err
		})
		require.Equal(t, fault.ECONFLICT, fault.Code(err), "%v", err)
		assert.Equal(t, results.MsgExists, fault.Message(err))
	})

	t.Run("MarkDownloaded", func(t *testing.T) {
		first, err := fx.svc.MarkDownloaded(ctx, res.Code)
		require.NoError(t, err)
		assert.True(t, first)
		first, err = fx.svc.MarkDownloaded(ctx, res.Code)
		require.NoError(t, err)
		assert.False(t, first, "only the first download counts")
		got, _, err := fx.svc.ForCase(ctx, in.CaseID)
		require.NoError(t, err)
		require.NotNil(t, got.DownloadedAt)
		assert.True(t, got.DownloadedAt.Equal(fx.now))

		_, err = fx.svc.MarkDownloaded(ctx, "UBND-00070-261127-9999-KQ1")
		assert.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, _, err := fx.svc.ForCase(ctx, in.CaseID+1000)
		assert.Equal(t, fault.ENOTFOUND, fault.Code(err))
		assert.Equal(t, results.MsgNotFound, fault.Message(err))
	})
}

func TestTampered(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	in := fx.newCase(t, "UBND-00070", 1)
	res := fx.issue(t, fx.svc, in)
	_, original, err := fx.svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	pub := fx.publicKey(t, "UBND-00070")
	require.True(t, results.VerifySignature(pub, original, res.Signature))

	flipped := append([]byte(nil), original...)
	flipped[len(flipped)/2] ^= 0x01
	assert.False(t, results.VerifySignature(pub, flipped, res.Signature), "one flipped byte breaks the signature")

	// Someone with write access to the database changes the stored PDF.
	require.NoError(t, casetest.FlipResultPDFByte(ctx, fx.pool, res.Code, len(original)/2))
	_, stored, err := fx.svc.ForCase(ctx, in.CaseID)
	require.NoError(t, err)
	require.Equal(t, flipped, stored)

	v, err := fx.svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	assert.False(t, v.Authentic, "the stored PDF no longer has its hash")
	assert.Equal(t, res.Code, v.Code, "found, for the log")

	v, err = fx.svc.VerifyDocument(ctx, flipped)
	require.NoError(t, err)
	assert.False(t, v.Authentic, "a changed copy is no result")

	v, err = fx.svc.VerifyDocument(ctx, original)
	require.NoError(t, err)
	assert.True(t, v.Authentic, "the citizen's unchanged copy still verifies")

	// ... and the recorded hash too: the signature still gives it away.
	sum := sha256.Sum256(flipped)
	require.NoError(t, casetest.SetResultSHA256(ctx, fx.pool, res.Code, sum[:]))
	v, err = fx.svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	assert.False(t, v.Authentic)
	v, err = fx.svc.VerifyDocument(ctx, flipped)
	require.NoError(t, err)
	assert.False(t, v.Authentic)
	assert.Equal(t, res.Code, v.Code)

	// A signature from another key does not pass either.
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	forged, err := ecdsa.SignASN1(rand.Reader, other, sum[:])
	require.NoError(t, err)
	require.NoError(t, casetest.SetResultSignature(ctx, fx.pool, res.Code, forged))
	v, err = fx.svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	assert.False(t, v.Authentic)
	assert.True(t, results.VerifySignature(&other.PublicKey, flipped, forged), "the forgery is well formed")
	assert.False(t, results.VerifySignature(nil, flipped, forged))
}

func TestIssueRollsBackWithCaller(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	in := fx.newCase(t, "UBND-00070", 1)

	tx, err := fx.pool.Begin(ctx)
	require.NoError(t, err)
	res, err := fx.svc.IssueTx(ctx, tx, in)
	require.NoError(t, err)
	inTx, err := casetest.CountResults(ctx, tx)
	require.NoError(t, err)
	require.Equal(t, 1, inTx, "stored in the caller's transaction")
	require.NoError(t, tx.Rollback(ctx)) // the approval failed

	_, _, err = fx.svc.ForCase(ctx, in.CaseID)
	assert.Equal(t, fault.ENOTFOUND, fault.Code(err))
	v, err := fx.svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	assert.False(t, v.Authentic)
	var keys int
	require.NoError(t, fx.pool.QueryRow(ctx, `SELECT count(*) FROM agency_keys`).Scan(&keys))
	assert.Zero(t, keys, "the key generated in the transaction went with it")

	again := fx.issue(t, fx.svc, in)
	assert.Equal(t, res.Code, again.Code, "the approval can be retried")
}

func TestIssueChecksInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	in := fx.newCase(t, "UBND-00070", 1)
	for name, change := range map[string]func(*results.Issue){
		"Title":         func(in *results.Issue) { in.Body.Title = " " },
		"Lines":         func(in *results.Issue) { in.Body.Lines = []results.Line{{Label: "Ghi chú", Text: " "}} },
		"VerifyURL":     func(in *results.Issue) { in.VerifyURL = "" },
		"CaseCode":      func(in *results.Issue) { in.CaseCode = "UBND-00070-261127-0002" }, // not this case's
		"AgencyCode":    func(in *results.Issue) { in.AgencyCode = "UBND-26734" },           // not this case's agency
		"ProcedureCode": func(in *results.Issue) { in.ProcedureCode = "1.000894" },
	} {
		bad := in
		change(&bad)
		err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			_, err := fx.svc.IssueTx(ctx, tx, bad)
			return err
		})
		require.ErrorIs(t, err, results.ErrIncomplete, name)
	}
	bad := in
	bad.CaseID += 1000
	err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		_, err := fx.svc.IssueTx(ctx, tx, bad)
		return err
	})
	assert.Equal(t, fault.ENOTFOUND, fault.Code(err))
	n, err := casetest.CountResults(ctx, fx.pool)
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestDBKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)

	t.Run("CreatedOnceAndReused", func(t *testing.T) {
		a := fx.issue(t, fx.svc, fx.newCase(t, "UBND-00070", 1))
		b := fx.issue(t, fx.svc, fx.newCase(t, "UBND-00070", 2))
		c := fx.issue(t, fx.svc, fx.newCase(t, "UBND-26734", 1))
		var rows int
		require.NoError(t, fx.pool.QueryRow(ctx, `SELECT count(*) FROM agency_keys WHERE agency_code = 'UBND-00070'`).Scan(&rows))
		assert.Equal(t, 1, rows)
		var created time.Time
		require.NoError(t, fx.pool.QueryRow(ctx, `SELECT created_at FROM agency_keys WHERE agency_code = 'UBND-00070'`).Scan(&created))
		assert.True(t, created.Equal(fx.now))

		hk := fx.publicKey(t, "UBND-00070")
		for _, r := range []results.Result{a, b} {
			assert.True(t, ecdsa.VerifyASN1(hk, r.SHA256, r.Signature), "%s is signed with the agency's one key", r.Code)
		}
		sg := fx.publicKey(t, "UBND-26734")
		assert.False(t, hk.Equal(sg), "each agency has its own key")
		assert.True(t, ecdsa.VerifyASN1(sg, c.SHA256, c.Signature))
		assert.False(t, ecdsa.VerifyASN1(hk, c.SHA256, c.Signature))
	})

	t.Run("ConcurrentFirstUseSharesKey", func(t *testing.T) {
		_, err := fx.pool.Exec(ctx, `
			INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code)
			VALUES ('UBND-20194', 'commune_committee', 'commune', 'Ủy ban nhân dân phường Hải Châu', 'Hai Chau', '48', '20194')`)
		require.NoError(t, err)
		keys := results.NewDBKeys(nil)
		tx1, err := fx.pool.Begin(ctx)
		require.NoError(t, err)
		defer tx1.Rollback(ctx)
		k1, err := keys.SigningKey(ctx, tx1, "UBND-20194")
		require.NoError(t, err)

		tx2, err := fx.pool.Begin(ctx)
		require.NoError(t, err)
		defer tx2.Rollback(ctx)
		var pid2 int
		require.NoError(t, tx2.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid2))
		done := make(chan *ecdsa.PrivateKey, 1)
		go func() {
			k2, err := keys.SigningKey(ctx, tx2, "UBND-20194") // waits for tx1's insert
			assert.NoError(t, err)
			done <- k2
		}()
		// tx1 commits only once PostgreSQL shows tx2 waiting for it.
		var pid1 int
		require.NoError(t, tx1.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid1))
		require.Eventually(t, func() bool {
			var waits bool
			err := fx.pool.QueryRow(ctx, `SELECT $1::int = ANY(pg_blocking_pids($2))`, pid1, pid2).Scan(&waits)
			return err == nil && (waits || len(done) > 0)
		}, 10*time.Second, time.Millisecond)
		require.Empty(t, done, "the second transaction waits for the first one's key")
		require.NoError(t, tx1.Commit(ctx))
		k2 := <-done
		require.NotNil(t, k2)
		assert.True(t, k1.Equal(k2), "the second transaction uses the key the first stored")
	})

	t.Run("ErrKeyHeldOutside", func(t *testing.T) {
		dir := t.TempDir()
		_, err := fx.pool.Exec(ctx, `
			INSERT INTO agencies (code, kind, level, name_vi, name_en, province_code, commune_code)
			VALUES ('UBND-20195', 'commune_committee', 'commune', 'Ủy ban nhân dân xã Hòa Vang', 'Hoa Vang', '48', '20195')`)
		require.NoError(t, err)
		writeKey(t, dir, "UBND-20195")
		dirKeys, err := results.NewDirKeys(dir, nil)
		require.NoError(t, err)
		err = pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			_, err := dirKeys.SigningKey(ctx, tx, "UBND-20195")
			return err
		})
		require.NoError(t, err)
		err = pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			_, err := results.NewDBKeys(nil).SigningKey(ctx, tx, "UBND-20195")
			return err
		})
		require.ErrorContains(t, err, "outside the database")
	})
}

// writeKey writes a new P-256 key as <dir>/<agency>.pem and returns it.
func writeKey(t *testing.T, dir, agency string) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	b, err := results.KeyPEM(key)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, agency+".pem"), b, 0o600))
	return key
}

func TestDirKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	dir := t.TempDir()
	key := writeKey(t, dir, "UBND-00070")
	keys, err := results.NewDirKeys(dir, func() time.Time { return fx.now })
	require.NoError(t, err)
	svc, err := results.New(fx.pool, keys, "", func() time.Time { return fx.now })
	require.NoError(t, err)

	t.Run("OK", func(t *testing.T) {
		res := fx.issue(t, svc, fx.newCase(t, "UBND-00070", 1))
		assert.True(t, ecdsa.VerifyASN1(&key.PublicKey, res.SHA256, res.Signature), "signed with the configured key")
		var (
			pub, priv []byte
		)
		require.NoError(t, fx.pool.QueryRow(ctx, `SELECT public_key_der, private_key_der FROM agency_keys WHERE agency_code = 'UBND-00070'`).Scan(&pub, &priv))
		assert.Nil(t, priv, "the private key never enters the database")
		assert.True(t, key.PublicKey.Equal(fx.publicKey(t, "UBND-00070")))

		v, err := svc.VerifyCode(ctx, res.VerificationCode)
		require.NoError(t, err)
		assert.True(t, v.Authentic)
		v, err = fx.svc.VerifyCode(ctx, res.VerificationCode) // a service with other keys verifies too
		require.NoError(t, err)
		assert.True(t, v.Authentic)

		again := fx.issue(t, svc, fx.newCase(t, "UBND-00070", 2))
		assert.True(t, ecdsa.VerifyASN1(&key.PublicKey, again.SHA256, again.Signature))
	})

	t.Run("ErrReplacedKey", func(t *testing.T) {
		writeKey(t, dir, "UBND-00070") // a different key for an agency that has signed
		in := fx.newCase(t, "UBND-00070", 3)
		err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			_, err := svc.IssueTx(ctx, tx, in)
			return err
		})
		require.ErrorContains(t, err, "earlier results")
		_, _, err = svc.ForCase(ctx, in.CaseID)
		assert.Equal(t, fault.ENOTFOUND, fault.Code(err))
	})

	t.Run("ErrNoFile", func(t *testing.T) {
		in := fx.newCase(t, "UBND-26734", 1)
		err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
			_, err := svc.IssueTx(ctx, tx, in)
			return err
		})
		require.ErrorIs(t, err, os.ErrNotExist)
		var n int
		require.NoError(t, fx.pool.QueryRow(ctx, `SELECT count(*) FROM agency_keys WHERE agency_code = 'UBND-26734'`).Scan(&n))
		assert.Zero(t, n)
	})

	t.Run("ErrBadFile", func(t *testing.T) {
		tx, err := fx.pool.Begin(ctx)
		require.NoError(t, err)
		defer tx.Rollback(ctx)
		rsaLike := "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, "UBND-26734.pem"), []byte(rsaLike), 0o600))
		_, err = keys.SigningKey(ctx, tx, "UBND-26734")
		require.ErrorContains(t, err, "PKCS#8")

		p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		require.NoError(t, err)
		b, err := results.KeyPEM(p384)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "UBND-26734.pem"), b, 0o600))
		_, err = keys.SigningKey(ctx, tx, "UBND-26734")
		require.ErrorContains(t, err, "P-256")

		_, err = keys.SigningKey(ctx, tx, "../UBND-00070")
		require.ErrorContains(t, err, "not an agency code")
	})

	t.Run("ErrNoFolder", func(t *testing.T) {
		_, err := results.NewDirKeys(filepath.Join(dir, "missing"), nil)
		require.Error(t, err)
	})
}
