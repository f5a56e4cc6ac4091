package receipt

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleSlip is the slip of withParties' case, received by an officer of Hoàn Kiếm the next
// morning.
func sampleSlip() Slip {
	return Slip{
		Receipt:    withParties(),
		Locality:   "Hoàn Kiếm",
		ReceivedAt: time.Date(2026, 11, 28, 1, 15, 0, 0, time.UTC), // 08:15 in Vietnam
		ReceivedBy: "Phạm Thu Hà",
		DueOn:      time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
	}
}

// TestSubmissionNoticeIsNotTheReceiptSlip: what a citizen gets on submitting online only says the
// application was submitted; the receipt slip with its appointment is the agency's, issued when it
// receives the case (DOMAIN-CHECK §3, §8).
func TestSubmissionNoticeIsNotTheReceiptSlip(t *testing.T) {
	t.Parallel()
	fx := setup(t)
	_, d := fx.render(t, sample())
	text := d.text()
	assert.Contains(t, text, "THÔNG BÁO ĐÃ NỘP HỒ SƠ TRỰC TUYẾN")
	assert.NotContains(t, text, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
	assert.NotContains(t, text, "đã tiếp nhận hồ sơ")
	assert.Contains(t, text, "Thời điểm nộp hồ sơ: 16 giờ 30 phút, ngày 27/11/2026", "an instant as documents write it")
	assert.Contains(t, text, "Giấy tờ đã nộp:")
}

// TestReceiptSlipIssuedAtReceipt: the slip names the agency that received the case, when and who,
// and the date the result is due, in the items of the official form.
func TestReceiptSlipIssuedAtReceipt(t *testing.T) {
	t.Parallel()
	fx := setup(t)
	s := sampleSlip()
	s.Note = "" // the submission's note says its date is expected; the slip's is the appointment
	pdf, err := fx.r.SlipPDF(s)
	require.NoError(t, err)
	if out := os.Getenv("SLIP_SAMPLE_OUT"); out != "" {
		require.NoError(t, os.WriteFile(out, pdf, 0o600))
	}
	d := parsePDF(t, pdf)
	require.Len(t, d.pages, 1, "a slip fits one page")
	text := d.text()
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
		"Hoàn Kiếm, ngày 28 tháng 11 năm 2026",
		"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
		"Mã hồ sơ: UBND-00070-261127-0001",
		"Ủy ban nhân dân phường Hoàn Kiếm đã tiếp nhận hồ sơ của: Ông/Bà: Đặng Thị Mai",
		"Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục 1.001193)",
		"Mẹ của trẻ Đặng Thị Mai ********6789",
		"1. Thành phần hồ sơ: 1. Tờ khai đăng ký khai sinh",
		"2. Hình thức nộp: Trực tuyến, lúc 16 giờ 30 phút, ngày 27/11/2026",
		"3. Thời hạn giải quyết: 1 ngày làm việc",
		"4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 28/11/2026",
		"5. Ngày hẹn trả kết quả: 30/11/2026",
		"NGƯỜI TIẾP NHẬN HỒ SƠ (tiếp nhận trực tuyến) Phạm Thu Hà",
	} {
		assert.Contains(t, text, want)
	}
	assertWithinMargins(t, fx.r, d)

	t.Run("NotBeforeReceipt", func(t *testing.T) {
		t.Parallel()
		s := sampleSlip()
		s.ReceivedAt = time.Time{}
		_, err := fx.r.SlipPDF(s)
		require.True(t, errors.Is(err, ErrIncomplete), "a case not received has no slip: %v", err)
	})
}
