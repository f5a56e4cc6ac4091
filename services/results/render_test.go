package results

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/pdfdoc"
	"github.com/motlan/portal/services/receipt"
)

func sampleIssue() Issue {
	return Issue{
		CaseID:            1,
		CaseCode:          "UBND-00070-261127-0001",
		AgencyCode:        "UBND-00070",
		AgencyName:        "Ủy ban nhân dân phường Hoàn Kiếm",
		ProcedureCode:     "1.001193",
		ProcedureName:     "Đăng ký khai sinh",
		ApplicantName:     "Nguyễn Văn An",
		ApplicantIDMasked: "********2345",
		Decision:          "Đăng ký khai sinh cho Nguyễn Ngọc Ánh, sinh ngày 20/11/2026",
		Details: [][2]string{
			{"Họ, chữ đệm và tên", "Nguyễn Ngọc Ánh"},
			{"Ngày, tháng, năm sinh", "20/11/2026"},
			{"Giới tính", "Nữ"},
			{"Nơi sinh", "Bệnh viện Phụ sản Hà Nội, phường Láng, thành phố Hà Nội"},
			{"Quê quán", "Xã Hải Hậu, tỉnh Ninh Bình"},
			{"Số định danh cá nhân của trẻ", "001326012345"},
			{"Ghi chú", ""}, // left out
		},
		IssuedAt:  time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC), // 16:30 in Vietnam
		VerifyURL: "https://motlan.gov.vn/xac-thuc",
	}
}

func newTestRenderer(t *testing.T) *renderer {
	t.Helper()
	fonts, err := pdfdoc.FindFonts("")
	require.NoError(t, err, "Debian's fonts-dejavu-core must be installed")
	r, err := newRenderer(fonts.Regular, fonts.Bold)
	require.NoError(t, err)
	return r
}

const (
	sampleCode   = "UBND-00070-261127-0001-KQ1"
	sampleVerify = "K7QX-3MPA-9TRD"
)

func TestRender(t *testing.T) {
	t.Parallel()
	r := newTestRenderer(t)

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		pdf, err := r.pdf(clean(sampleIssue()), sampleCode, sampleVerify)
		require.NoError(t, err)
		if out := os.Getenv("RESULT_SAMPLE_OUT"); out != "" {
			require.NoError(t, os.WriteFile(out, pdf, 0o644))
		}
		require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
		pages := pdfPages(t, pdf)
		require.Len(t, pages, 1)
		text := pages[0]
		for _, want := range []string{
			"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
			"Số: UBND-00070-261127-0001-KQ1",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"Ngày 27 tháng 11 năm 2026",
			"KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
			"Đăng ký khai sinh Mã thủ tục: 1.001193",
			"Người nộp hồ sơ: Nguyễn Văn An",
			"Số định danh cá nhân: ********2345",
			"Mã hồ sơ: UBND-00070-261127-0001",
			"Cơ quan giải quyết: Ủy ban nhân dân phường Hoàn Kiếm",
			"Nội dung giải quyết: Đăng ký khai sinh cho Nguyễn Ngọc Ánh, sinh ngày 20/11/2026",
			"Họ, chữ đệm và tên: Nguyễn Ngọc Ánh",
			"Giới tính: Nữ",
			"Quê quán: Xã Hải Hậu, tỉnh Ninh Bình",
			"Ngày cấp: 16:30 27/11/2026",
			"Văn bản điện tử được ký số bởi Ủy ban nhân dân phường Hoàn Kiếm",
			"Thời điểm ký: 16:30 27/11/2026",
			"Mã xác thực: K7QX-3MPA-9TRD",
			"Quét mã hoặc nhập mã xác thực tại https://motlan.gov.vn/xac-thuc",
			"có giá trị pháp lý như kết quả bằng giấy",
			"Số: UBND-00070-261127-0001-KQ1 - Mã xác thực: K7QX-3MPA-9TRD - Trang 1",
		} {
			assert.Contains(t, text, want)
		}
		assert.NotContains(t, text, "Ghi chú", "a detail without a value is left out")
	})

	t.Run("QRCodeOpensVerification", func(t *testing.T) {
		t.Parallel()
		pdf, err := r.pdf(clean(sampleIssue()), sampleCode, sampleVerify)
		require.NoError(t, err)
		const link = "https://motlan.gov.vn/xac-thuc?code=K7QX-3MPA-9TRD"
		want, err := receipt.PrintQR(link)
		require.NoError(t, err)
		assert.True(t, bytes.Contains(pdf, pngData(t, want)), "the PDF's image is not the QR code of %s", link)
		assert.Contains(t, string(pdf), "/URI ("+link+")", "the QR code is also a link")

		in := clean(sampleIssue())
		in.VerifyURL = "https://motlan.gov.vn/xac-thuc?lang=vi"
		pdf, err = r.pdf(in, sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.Contains(t, string(pdf), "/URI (https://motlan.gov.vn/xac-thuc?lang=vi&code=K7QX-3MPA-9TRD)")
	})

	t.Run("Deterministic", func(t *testing.T) {
		t.Parallel()
		a, err := r.pdf(clean(sampleIssue()), sampleCode, sampleVerify)
		require.NoError(t, err)
		b, err := r.pdf(clean(sampleIssue()), sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "the same result gave different bytes")
		assert.Contains(t, string(a), "/CreationDate (D:20261127093000", "the creation date is the issue time")

		in := clean(sampleIssue())
		in.IssuedAt = in.IssuedAt.Add(time.Minute)
		c, err := r.pdf(in, sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.False(t, bytes.Equal(a, c))
	})

	t.Run("ManyDetailsFlowToNextPage", func(t *testing.T) {
		t.Parallel()
		in := sampleIssue()
		for i := range 40 {
			in.Details = append(in.Details, [2]string{fmt.Sprintf("Thông tin bổ sung số %d", i+1), "Đã xác minh qua Cơ sở dữ liệu quốc gia về dân cư"})
		}
		pdf, err := r.pdf(clean(in), sampleCode, sampleVerify)
		require.NoError(t, err)
		pages := pdfPages(t, pdf)
		require.Len(t, pages, 3, "two-line rows: 11 on the first page, 19 on the second")
		all := strings.Join(pages, " ")
		for i := range 40 {
			// Each wrapped label stays with its value, on one page.
			assert.Contains(t, all, fmt.Sprintf("Thông tin bổ sung số %d: Đã xác minh qua", i+1))
		}
		assert.Contains(t, pages[2], "Mã xác thực: K7QX-3MPA-9TRD Quét mã", "the verification block is on the last page")
		for i, p := range pages {
			assert.Contains(t, p, fmt.Sprintf("Mã xác thực: K7QX-3MPA-9TRD - Trang %d", i+1))
			if i < 2 {
				assert.NotContains(t, p, "Quét mã")
			}
		}
		assert.Equal(t, 1, strings.Count(string(pdf), "/Subtype /Image"), "one QR code")
	})

	t.Run("Parties", func(t *testing.T) {
		t.Parallel()
		in := sampleIssue()
		in.ApplicantName, in.ApplicantIDMasked = "Đặng Thị Mai", "********6789"
		in.ApplicantLabel, in.ApplicantRole = "Người đi đăng ký", "Mẹ"
		in.Details = in.Details[1:5] // as services/outcome writes them: no party's name, no personal ID
		in.Parties = []Party{
			{Label: "Họ, chữ đệm, tên trẻ", Name: "Nguyễn Ngọc Ánh"},
			{Label: "Họ, chữ đệm, tên cha", Name: "Nguyễn Văn Ân", IDMasked: "********2345"},
			{Label: "Họ, chữ đệm, tên mẹ", Name: "Đặng Thị Mai", IDMasked: "********6789"},
			{Label: "Người làm chứng", Name: " "}, // no name: left out
		}
		pdf, err := r.pdf(clean(in), sampleCode, sampleVerify)
		require.NoError(t, err)
		pages := pdfPages(t, pdf)
		require.Len(t, pages, 1)
		assert.Contains(t, pages[0], "Người đi đăng ký: Đặng Thị Mai — Mẹ Số định danh cá nhân: ********6789 Mã hồ sơ:")
		assert.Contains(t, pages[0], "Nội dung giải quyết: Đăng ký khai sinh cho Nguyễn Ngọc Ánh, sinh ngày 20/11/2026 "+
			"Những người liên quan: Họ, chữ đệm, tên trẻ: Nguyễn Ngọc Ánh "+
			"Họ, chữ đệm, tên cha: Nguyễn Văn Ân, số định danh cá nhân ********2345 "+
			"Họ, chữ đệm, tên mẹ: Đặng Thị Mai, số định danh cá nhân ********6789 "+
			"Ngày, tháng, năm sinh: 20/11/2026")
		assert.NotContains(t, pages[0], "Người làm chứng")

		pdf, err = r.pdf(clean(sampleIssue()), sampleCode, sampleVerify)
		require.NoError(t, err)
		text := pdfPages(t, pdf)[0]
		assert.NotContains(t, text, "Những người liên quan", "no parties, no heading")
		assert.Contains(t, text, "Người nộp hồ sơ: Nguyễn Văn An Số định danh", "no capacity, the applicant as before")
	})

	t.Run("DecomposedTextIsComposed", func(t *testing.T) {
		t.Parallel()
		in := sampleIssue()
		in.ApplicantName = "Nguye\u0302\u0303n\tVa\u0306n  An" // NFD, as some keyboards send it
		pdf, err := r.pdf(clean(in), sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.Contains(t, pdfPages(t, pdf)[0], "Người nộp hồ sơ: Nguyễn Văn An")
	})
}

func TestOfficialDate(t *testing.T) {
	t.Parallel()
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC): "ngày 27 tháng 11 năm 2026",
		time.Date(2026, 3, 5, 0, 0, 0, 0, vietnam):     "ngày 05 tháng 3 năm 2026",
		time.Date(2026, 12, 31, 20, 5, 0, 0, time.UTC): "ngày 01 tháng 01 năm 2027", // 03:05 in Vietnam
		time.Date(2027, 2, 9, 12, 0, 0, 0, time.UTC):   "ngày 09 tháng 02 năm 2027",
	} {
		assert.Equal(t, want, officialDate(in))
	}
}
