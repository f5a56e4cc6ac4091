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

// fakeValues are a case's values already in Vietnamese, by field name, for filling documents.
type fakeValues struct {
	answers map[string]string
	vars    map[string]string
	items   map[string][]map[string]string
}

func (v fakeValues) Answer(field, format string) string {
	a := v.answers[field]
	if format == "date_words" && a != "" {
		return "Ngày hai mươi, tháng mười một, năm hai nghìn không trăm hai mươi sáu"
	}
	return a
}
func (v fakeValues) Var(name string) string { return v.vars[name] }
func (v fakeValues) Is(field string, equals []string) bool {
	for _, e := range equals {
		if v.answers[field+"#code"] == e {
			return true
		}
	}
	return false
}
func (v fakeValues) Items(group string) []Values {
	var out []Values
	for _, it := range v.items[group] {
		out = append(out, fakeValues{answers: it})
	}
	return out
}

// birthValues are Mai's registration of her daughter's birth, as services/outcome writes them.
func birthValues() fakeValues {
	home := "Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội"
	return fakeValues{answers: map[string]string{
		"child_full_name": "Nguyễn Ngọc Ánh", "child_birth_date": "20/11/2026", "child_sex": "Nữ", "child_ethnicity": "Kinh",
		"birth_facility": "Bệnh viện Phụ sản Hà Nội", "mother_full_name": "Đặng Thị Mai", "mother_birth_date": "1990",
		"mother_ethnicity": "Kinh", "mother_personal_id": "********3456", "mother_residence": home, "father_full_name": "Nguyễn Văn An",
		"father_birth_date": "1988", "father_ethnicity": "Kinh", "father_personal_id": "********2345", "father_residence": home,
	}, vars: map[string]string{"applicant": "Đặng Thị Mai", "applicant_role": "Mẹ của trẻ", "issuer": "Ủy ban nhân dân phường Hoàn Kiếm",
		"date": "27/11/2026", "case": "UBND-00070-261127-0001"}}
}

func birthDocument(t *testing.T) Document {
	t.Helper()
	d, ok := DocumentFor("1.001193")
	require.True(t, ok)
	return d
}

func sampleIssue(t *testing.T) Issue {
	t.Helper()
	return Issue{
		CaseID:        1,
		CaseCode:      "UBND-00070-261127-0001",
		AgencyCode:    "UBND-00070",
		AgencyName:    "Ủy ban nhân dân phường Hoàn Kiếm",
		ProcedureCode: "1.001193",
		ProcedureName: "Đăng ký khai sinh",
		Letterhead:    Letterhead{Name: "Ủy ban nhân dân phường Hoàn Kiếm", Locality: "Hoàn Kiếm"},
		Body:          birthDocument(t).Fill("1.001193", birthValues()),
		IssuedAt:      time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC), // 16:30 in Vietnam
		VerifyURL:     "https://motlan.gov.vn/xac-thuc",
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
		pdf, err := r.pdf(clean(sampleIssue(t)), sampleCode, sampleVerify)
		require.NoError(t, err)
		if out := os.Getenv("RESULT_SAMPLE_OUT"); out != "" {
			require.NoError(t, os.WriteFile(out, pdf, 0o600))
		}
		require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
		pages := pdfPages(t, pdf)
		require.Len(t, pages, 1, "a birth certificate, its signature and its verification on one page")
		text := strings.Join(strings.Fields(pages[0]), " ") // a row's pairs are set apart by spaces
		for _, want := range []string{
			"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
			"Số: UBND-00070-261127-0001-KQ1",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"Hoàn Kiếm, ngày 27 tháng 11 năm 2026",
			"GIẤY KHAI SINH",
			"Họ, chữ đệm, tên: NGUYỄN NGỌC ÁNH",
			"Ngày, tháng, năm sinh: 20/11/2026",
			"Giới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam",
			"Nơi sinh: Bệnh viện Phụ sản Hà Nội",
			"Họ, chữ đệm, tên người mẹ: Đặng Thị Mai Năm sinh: 1990 Dân tộc: Kinh",
			"Người đi đăng ký khai sinh: Đặng Thị Mai",
			"Nơi đăng ký khai sinh: Ủy ban nhân dân phường Hoàn Kiếm",
			"NGƯỜI KÝ GIẤY KHAI SINH",
			"Văn bản điện tử được ký số bởi Ủy ban nhân dân phường Hoàn Kiếm",
			"Thời điểm ký: 16 giờ 30 phút, ngày 27/11/2026",
			"Mã xác thực: K7QX-3MPA-9TRD",
			"Quét mã hoặc nhập mã xác thực tại: https://motlan.gov.vn/xac-thuc",
			"có giá trị pháp lý như văn bản giấy",
			"Số: UBND-00070-261127-0001-KQ1 - Mã xác thực: K7QX-3MPA-9TRD - Trang 1",
		} {
			assert.Contains(t, text, want)
		}
		assert.NotContains(t, text, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
		assert.NotContains(t, text, "Số định danh cá nhân: Người", "a row without a value is left out")
	})

	t.Run("QRCodeOpensVerification", func(t *testing.T) {
		t.Parallel()
		pdf, err := r.pdf(clean(sampleIssue(t)), sampleCode, sampleVerify)
		require.NoError(t, err)
		const link = "https://motlan.gov.vn/xac-thuc?code=K7QX-3MPA-9TRD"
		want, err := receipt.PrintQR(link)
		require.NoError(t, err)
		assert.True(t, bytes.Contains(pdf, pngData(t, want)), "the PDF's image is not the QR code of %s", link)
		assert.Contains(t, string(pdf), "/URI ("+link+")", "the QR code is also a link")

		in := clean(sampleIssue(t))
		in.VerifyURL = "https://motlan.gov.vn/xac-thuc?lang=vi"
		pdf, err = r.pdf(in, sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.Contains(t, string(pdf), "/URI (https://motlan.gov.vn/xac-thuc?lang=vi&code=K7QX-3MPA-9TRD)")
	})

	t.Run("Deterministic", func(t *testing.T) {
		t.Parallel()
		a, err := r.pdf(clean(sampleIssue(t)), sampleCode, sampleVerify)
		require.NoError(t, err)
		b, err := r.pdf(clean(sampleIssue(t)), sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "the same result gave different bytes")
		assert.Contains(t, string(a), "/CreationDate (D:20261127093000", "the creation date is the issue time")

		in := clean(sampleIssue(t))
		in.IssuedAt = in.IssuedAt.Add(time.Minute)
		c, err := r.pdf(in, sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.False(t, bytes.Equal(a, c))
	})

	t.Run("LongBodyFlowsOverWithItsSignature", func(t *testing.T) {
		t.Parallel()
		in := sampleIssue(t)
		for i := range 40 {
			in.Body.Lines = append(in.Body.Lines, Line{Label: fmt.Sprintf("Thông tin bổ sung số %d", i+1), Text: "Đã xác minh qua Cơ sở dữ liệu quốc gia về dân cư"})
		}
		in.Body.Lines = append(in.Body.Lines, Line{Text: "Đoạn cuối của văn bản."})
		pdf, err := r.pdf(clean(in), sampleCode, sampleVerify)
		require.NoError(t, err)
		pages := pdfPages(t, pdf)
		require.GreaterOrEqual(t, len(pages), 2)
		all := strings.Join(pages, " ")
		for i := range 40 {
			assert.Contains(t, all, fmt.Sprintf("Thông tin bổ sung số %d: Đã xác minh qua", i+1), "each label stays with its value")
		}
		last := pages[len(pages)-1]
		assert.Contains(t, last, "Đoạn cuối của văn bản. NGƯỜI KÝ GIẤY KHAI SINH", "the signature never stands alone on a page")
		assert.Contains(t, last, "Mã xác thực: K7QX-3MPA-9TRD Quét mã", "the verification is on the last page")
		for i, p := range pages {
			assert.Contains(t, p, fmt.Sprintf("Mã xác thực: K7QX-3MPA-9TRD - Trang %d", i+1))
			if i < len(pages)-1 {
				assert.NotContains(t, p, "Quét mã")
			}
		}
		assert.Equal(t, 1, strings.Count(string(pdf), "/Subtype /Image"), "one QR code")
	})

	t.Run("DecisionNamesItsRecipients", func(t *testing.T) {
		t.Parallel()
		d, ok := DocumentFor("1.014173")
		require.True(t, ok)
		in := sampleIssue(t)
		in.Letterhead = Letterhead{Superior: "Bảo hiểm xã hội Việt Nam", Name: "Bảo hiểm xã hội thành phố Hà Nội", Locality: "Hà Nội"}
		in.Body = d.Fill("1.014173", fakeValues{answers: map[string]string{"insurance_code": "0112345678", "total_months": "84",
			"withdrawal_reason": "Ra nước ngoài để định cư", "bank_account": "0011001234567", "bank_name": "Ngân hàng TMCP Ngoại thương Việt Nam"},
			vars: map[string]string{"issuer": "Bảo hiểm xã hội thành phố Hà Nội", "applicant": "Nguyễn Văn An", "applicant_id": "********2345",
				"case": "BHXH-01-261127-0001", "submitted": "26/11/2026", "legal_bases": "Luật Bảo hiểm xã hội số 41/2024/QH15."}})
		pdf, err := r.pdf(clean(in), sampleCode, sampleVerify)
		require.NoError(t, err)
		pages := pdfPages(t, pdf)
		require.Len(t, pages, 1)
		for _, want := range []string{"BẢO HIỂM XÃ HỘI VIỆT NAM BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI", "Hà Nội, ngày 27 tháng 11 năm 2026",
			"QUYẾT ĐỊNH Về việc hưởng bảo hiểm xã hội một lần", "GIÁM ĐỐC BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI",
			"Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15;", "QUYẾT ĐỊNH:", "Ông/Bà: NGUYỄN VĂN AN", "Thời gian đóng bảo hiểm xã hội: 84 tháng",
			"Nơi nhận: - Như Điều 3; - Lưu: VT."} {
			assert.Contains(t, pages[0], want)
		}
	})

	t.Run("DecomposedTextIsComposed", func(t *testing.T) {
		t.Parallel()
		in := sampleIssue(t)
		in.Body.Lines[0].Text = "NGUYE\u0302\u0303N\tNGO\u0323C  A\u0301NH" // NFD, as some keyboards send it
		pdf, err := r.pdf(clean(in), sampleCode, sampleVerify)
		require.NoError(t, err)
		assert.Contains(t, pdfPages(t, pdf)[0], "Họ, chữ đệm, tên: NGUYỄN NGỌC ÁNH")
	})
}

func TestOfficialDate(t *testing.T) {
	t.Parallel()
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC):    "ngày 27 tháng 11 năm 2026",
		time.Date(2026, 3, 5, 0, 0, 0, 0, pdfdoc.Vietnam): "ngày 05 tháng 3 năm 2026",
		time.Date(2026, 12, 31, 20, 5, 0, 0, time.UTC):    "ngày 01 tháng 01 năm 2027", // 03:05 in Vietnam
		time.Date(2027, 2, 9, 12, 0, 0, 0, time.UTC):      "ngày 09 tháng 02 năm 2027",
	} {
		assert.Equal(t, want, officialDate(in))
	}
	assert.Equal(t, "Hoàn Kiếm, ngày 27 tháng 11 năm 2026", placeDate("Hoàn Kiếm", time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)),
		"Decree 30/2020: the place before the date")
	assert.Equal(t, "16 giờ 30 phút, ngày 27/11/2026", instant(time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)))
}

func TestDateInWords(t *testing.T) {
	t.Parallel()
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC): "ngày hai mươi, tháng mười một, năm hai nghìn không trăm hai mươi sáu",
		time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC):   "ngày mồng năm, tháng ba, năm hai nghìn không trăm hai mươi lăm",
		time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC): "ngày ba mươi mốt, tháng mười hai, năm hai nghìn không trăm hai mươi tư",
		time.Date(2010, 1, 15, 0, 0, 0, 0, time.UTC):  "ngày mười lăm, tháng một, năm hai nghìn không trăm mười",
		time.Date(2005, 10, 10, 0, 0, 0, 0, time.UTC): "ngày mồng mười, tháng mười, năm hai nghìn không trăm linh năm",
		time.Date(1990, 7, 21, 0, 0, 0, 0, time.UTC):  "ngày hai mươi mốt, tháng bảy, năm một nghìn chín trăm chín mươi",
		time.Date(2000, 2, 1, 0, 0, 0, 0, time.UTC):   "ngày mồng một, tháng hai, năm hai nghìn",
	} {
		assert.Equal(t, want, DateInWords(in))
	}
	assert.Equal(t, "một trăm linh năm", NumberInWords(105))
	assert.Equal(t, "không", NumberInWords(0))
}

// Every document reads, says what it is, and no procedure has two.
func TestDocumentsAreWellFormed(t *testing.T) {
	t.Parallel()
	docs, err := Documents()
	require.NoError(t, err)
	seen := map[string]string{}
	for _, d := range docs {
		for _, code := range d.Procedures {
			require.Empty(t, seen[code], "%s has two documents: %s and %s", code, seen[code], d.Name)
			seen[code] = d.Name
		}
	}
	_, err = ApologyBody(ApologyFacts{})
	require.NoError(t, err)
}
