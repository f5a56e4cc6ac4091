package results_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/results"
)

// apologyOf is the apology of in's case: the letter of its agency for the new date.
func apologyOf(t *testing.T, in results.Issue) results.Issue {
	t.Helper()
	body, err := results.ApologyBody(results.ApologyFacts{ApplicantName: applicantName, AgencyName: in.AgencyName,
		ProcedureName: "Đăng ký khai sinh", CaseCode: in.CaseCode, ReceivedAt: time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC),
		OldDueOn: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), NewDueOn: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC),
		Reason: "Cần xác minh thêm thông tin nơi sinh với cơ sở y tế."})
	require.NoError(t, err)
	in.Body = body
	return in
}

// TestApologyIsASignedPDF: the "Phiếu xin lỗi và hẹn lại ngày trả kết quả" is a document of its
// own, signed with the agency's key like a result, verifiable by its code and its bytes, and
// not taken for the case's result.
func TestApologyIsASignedPDF(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fx := setup(t)
	in := fx.newCase(t, "UBND-00070", 1)

	var res results.Result
	err := pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		var err error
		res, err = fx.svc.IssueApologyTx(ctx, tx, apologyOf(t, in))
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, "UBND-00070-261127-0001-XL1", res.Code)
	assert.Equal(t, results.KindApology, res.Kind)

	got, pdf, err := fx.svc.ApologyForCase(ctx, in.CaseID)
	require.NoError(t, err)
	assert.Equal(t, res.VerificationCode, got.VerificationCode)
	assert.True(t, results.VerifySignature(fx.publicKey(t, "UBND-00070"), pdf, got.Signature), "signed with the agency's key")

	if out := os.Getenv("APOLOGY_SAMPLE_OUT"); out != "" {
		require.NoError(t, os.WriteFile(out, pdf, 0o600))
	}
	text := results.PDFText(t, pdf)
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", "Số: UBND-00070-261127-0001-XL1",
		"PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"Kính gửi: Ông/Bà Nguyễn Văn An",
		"Ngày 26/11/2026, Ủy ban nhân dân phường Hoàn Kiếm tiếp nhận giải quyết hồ sơ đề nghị đăng ký khai sinh của Ông/Bà.",
		"Mã hồ sơ: UBND-00070-261127-0001",
		"Thời gian hẹn trả kết quả giải quyết hồ sơ: ngày 27/11/2026",
		"Cần xác minh thêm thông tin nơi sinh với cơ sở y tế.",
		"xin hẹn lại thời gian trả kết quả vào ngày 04/12/2026",
		"THỦ TRƯỞNG CƠ QUAN",
		"Văn bản điện tử được ký số bởi Ủy ban nhân dân phường Hoàn Kiếm",
		"Mã xác thực: " + res.VerificationCode,
	} {
		assert.Contains(t, text, want)
	}

	v, err := fx.svc.VerifyCode(ctx, res.VerificationCode)
	require.NoError(t, err)
	assert.True(t, v.Authentic)
	assert.Equal(t, results.KindApology, v.Kind)
	v, err = fx.svc.VerifyDocument(ctx, pdf)
	require.NoError(t, err)
	assert.True(t, v.Authentic)
	assert.Equal(t, res.Code, v.Code)

	_, _, err = fx.svc.ForCase(ctx, in.CaseID)
	assert.Equal(t, fault.ENOTFOUND, fault.Code(err), "an apology is not the case's result")

	err = pgx.BeginFunc(ctx, fx.pool, func(tx pgx.Tx) error {
		_, err := fx.svc.IssueApologyTx(ctx, tx, apologyOf(t, in))
		return err
	})
	assert.Equal(t, fault.ECONFLICT, fault.Code(err), "one apology per case")

	r := fx.issue(t, fx.svc, in)
	assert.Equal(t, "UBND-00070-261127-0001-KQ1", r.Code, "the case still gets its result")
	first, err := fx.svc.MarkDownloaded(ctx, res.Code)
	assert.False(t, first, "downloading an apology delivers nothing")
	assert.Equal(t, fault.ENOTFOUND, fault.Code(err))
}
