package ereceipt

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/motlan/portal/services/pdfdoc"
)

// sample is the receipt of a fee an officer requested for a residence registration, paid
// through the gateway.
func sample() Receipt {
	return Receipt{
		Number:           FormatNumber(123),
		Template:         PortalTemplate,
		Series:           PortalSeries(2026),
		IssuedAt:         time.Date(2026, 11, 27, 9, 31, 5, 0, time.UTC), // 16:31 in Vietnam
		Collector:        "Công an phường Hoàn Kiếm",
		CollectorAddress: "Số 1 phố Hàng Trống, phường Hoàn Kiếm, thành phố Hà Nội",
		PayerName:        "Nguyễn Văn Ân",
		PayerPersonalID:  "001088012345",
		CaseCode:         "CA-00070-261127-0001",
		ProcedureName:    "Đăng ký thường trú",
		ItemName:         "Lệ phí đăng ký cư trú",
		ItemKind:         "Lệ phí",
		LegalBasis:       "Thông tư số 75/2022/TT-BTC của Bộ Tài chính",
		AmountVND:        50_000,
		TxnRef:           "ML20261127000042",
		TransactionNo:    "14736251",
		BankCode:         "NCB",
		PaidAt:           time.Date(2026, 11, 27, 9, 30, 48, 0, time.UTC),
		VerifyNote:       "Tra cứu hồ sơ và biên lai trên Cổng dịch vụ công Một Lần bằng mã hồ sơ CA-00070-261127-0001.",
	}
}

// long is a receipt whose every text is as long as a real one gets, and an amount close to the
// largest an officer may request (10^12 đồng), whose words are among the longest.
func long() Receipt {
	rc := sample()
	rc.Collector = "Chi nhánh Văn phòng đăng ký đất đai thành phố Hồ Chí Minh tại phường Sài Gòn"
	rc.CollectorAddress = "Tầng 2, tòa nhà Trung tâm Phục vụ hành chính công, số 126 đường Lê Thánh Tôn, phường Sài Gòn, thành phố Hồ Chí Minh"
	rc.PayerName = "Nguyễn Huỳnh Thị Ngọc Phương Thảo Tôn Nữ Hoàng Yến"
	rc.ProcedureName = "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế"
	rc.ItemName = "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp đổi, cấp lại)"
	rc.ItemKind = "Lệ phí trước bạ"
	rc.LegalBasis = "Nghị quyết số 06/2020/NQ-HĐND ngày 07/7/2020 của Hội đồng nhân dân thành phố quy định mức thu các khoản phí, lệ phí thuộc thẩm quyền"
	rc.AmountVND = 987_654_321_987
	rc.TxnRef = "ML2026112700000000000042"
	return rc
}

// absurd is a receipt with texts far longer than any real one.
func absurd() Receipt {
	rc := long()
	rc.Collector = strings.Repeat("Trung tâm Phục vụ hành chính công ", 5)
	rc.ProcedureName = strings.Repeat("Đăng ký biến động quyền sử dụng đất ", 8)
	rc.LegalBasis = strings.Repeat("Nghị quyết của Hội đồng nhân dân ", 12)
	rc.VerifyNote = strings.Repeat("Tra cứu biên lai bằng mã hồ sơ. ", 12)
	rc.TxnRef = "ML20261127" + strings.Repeat("0", 80) + "42"
	return rc
}

type fixture struct{ r *Renderer }

// setup loads the fonts the way production does; without fonts-dejavu-core this fails, it
// does not skip.
func setup(t *testing.T) fixture {
	t.Helper()
	r, err := NewRenderer("")
	require.NoError(t, err)
	return fixture{r: r}
}

func (fx fixture) render(t *testing.T, rc Receipt) []byte {
	t.Helper()
	pdf, err := fx.r.PDF(rc)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
	return pdf
}

func TestPDF(t *testing.T) {
	t.Parallel()
	fx := setup(t) // shared, so the parallel subtests also use one Renderer at once

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		pdf := fx.render(t, sample())
		pages := pdfText(t, pdf)
		require.Len(t, pages, 1)
		text := pages[0]
		for _, want := range []string{
			"ĐƠN VỊ THU PHÍ, LỆ PHÍ Mẫu số: ML-BL01 CÔNG AN PHƯỜNG HOÀN KIẾM Ký hiệu: ML-26E",
			"Địa chỉ: Số 1 phố Hàng Trống, phường Hoàn Kiếm, thành phố Hà Nội Số: 0000123",
			"BIÊN LAI THU PHÍ, LỆ PHÍ (Bản thể hiện của biên lai điện tử) Ngày lập: 27/11/2026 16:31",
			"Họ và tên người nộp: Nguyễn Văn Ân",
			"Số định danh cá nhân: ********2345",
			"Mã hồ sơ: CA-00070-261127-0001",
			"Thủ tục hành chính: Đăng ký thường trú",
			"Loại khoản thu: Lệ phí",
			"Tên khoản thu: Lệ phí đăng ký cư trú",
			"Căn cứ thu: Thông tư số 75/2022/TT-BTC của Bộ Tài chính",
			"ĐƠN VỊ THU Công an phường Hoàn Kiếm",
			"Số tiền: 50.000 đồng",
			"Số tiền bằng chữ: Năm mươi nghìn đồng",
			"Hình thức thanh toán: Thanh toán trực tuyến qua cổng thanh toán VNPAY",
			"Mã giao dịch: 14736251",
			"Mã tham chiếu: ML20261127000042",
			"Ngân hàng: NCB",
			"Thời điểm thanh toán: 27/11/2026 16:30",
			"Tra cứu hồ sơ và biên lai trên Cổng dịch vụ công Một Lần bằng mã hồ sơ CA-00070-261127-0001.",
			"Biên lai do Cổng dịch vụ công Một Lần lập khi cổng thanh toán xác nhận giao dịch.",
			"Nghị định số 123/2020/NĐ-CP",
			"Biên lai số 0000123 - Mã hồ sơ: CA-00070-261127-0001 - Trang 1/1",
		} {
			assert.Contains(t, text, want)
		}
		assert.NotContains(t, text, "001088012345", "the personal ID is masked")
		assertWithinMargins(t, pdf, sample())
		writePNG(t, pdf, "sample")
	})

	t.Run("FontsEmbedded", func(t *testing.T) {
		t.Parallel()
		pdf := fx.render(t, sample())
		fonts := pdfFonts(t, pdf)
		require.Len(t, fonts, 2, "regular and bold: %v", fonts)
		for _, f := range fonts {
			assert.True(t, f.embedded, "%s is not embedded", f.name)
			assert.True(t, f.unicode, "%s has no map to Unicode", f.name)
		}
		// fpdf names its subsets without the usual tag, so the size shows it: the whole PDF is
		// smaller than a tenth of one font program.
		assert.Less(t, len(pdf), len(fx.r.fonts.Regular)/10, "the fonts are not subset")
	})

	t.Run("LongTextsFitOnePage", func(t *testing.T) {
		t.Parallel()
		rc := long()
		pdf := fx.render(t, rc)
		pages := pdfText(t, pdf)
		require.Len(t, pages, 1)
		text := pages[0]
		for _, want := range []string{
			"Số tiền: 987.654.321.987 đồng",
			"Số tiền bằng chữ: Chín trăm tám mươi bảy tỷ sáu trăm năm mươi bốn triệu ba trăm hai mươi mốt nghìn",
			"chín trăm tám mươi bảy đồng",
			"Họ và tên người nộp: Nguyễn Huỳnh Thị Ngọc Phương Thảo Tôn Nữ Hoàng Yến",
			"Mã tham chiếu: ML2026112700000000000042",
			"Trang 1/1",
		} {
			assert.Contains(t, text, want)
		}
		assertWithinMargins(t, pdf, rc)
		writePNG(t, pdf, "long")
	})

	t.Run("AbsurdTextsGoOverleaf", func(t *testing.T) {
		t.Parallel()
		rc := absurd()
		pdf := fx.render(t, rc)
		pages := pdfText(t, pdf)
		require.Len(t, pages, 2)
		assert.Contains(t, pages[0], "Trang 1/2")
		assert.Contains(t, pages[1], "Trang 2/2")
		assert.Contains(t, strings.ReplaceAll(pages[0]+pages[1], " ", ""), rc.TxnRef, "an unbreakable reference is split, not lost")
		assertWithinMargins(t, pdf, rc)
	})

	t.Run("Optional", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.CollectorAddress, rc.PayerPersonalID, rc.LegalBasis, rc.BankCode, rc.VerifyNote, rc.PaymentMethod = "", "", "", "", "", ""
		text := pdfText(t, fx.render(t, rc))[0]
		for _, absent := range []string{"Địa chỉ:", "Số định danh cá nhân:", "Căn cứ thu:", "Ngân hàng:", "Tra cứu"} {
			assert.NotContains(t, text, absent)
		}
		assert.Contains(t, text, "Hình thức thanh toán: "+MethodVNPAY, "the gateway's method by default")
	})

	t.Run("CleanText", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.PayerName = norm.NFD.String("Nguyễn\tVăn\x00 Ân\n")
		rc.ItemName = "Lệ phí\u00a0đăng ký 😀 cư trú"
		text := pdfText(t, fx.render(t, rc))[0]
		assert.Contains(t, text, "Họ và tên người nộp: Nguyễn Văn Ân Số định danh")
		assert.Contains(t, text, "Tên khoản thu: Lệ phí đăng ký \ufffd cư trú")
	})

	t.Run("SameBytes", func(t *testing.T) {
		t.Parallel()
		assert.Equal(t, fx.render(t, sample()), fx.render(t, sample()))
	})

	t.Run("ErrIncomplete", func(t *testing.T) {
		t.Parallel()
		for name, change := range map[string]func(*Receipt){
			"Number":        func(rc *Receipt) { rc.Number = " " },
			"Template":      func(rc *Receipt) { rc.Template = "" },
			"Series":        func(rc *Receipt) { rc.Series = "" },
			"Collector":     func(rc *Receipt) { rc.Collector = "\t" },
			"PayerName":     func(rc *Receipt) { rc.PayerName = "" },
			"CaseCode":      func(rc *Receipt) { rc.CaseCode = "" },
			"ProcedureName": func(rc *Receipt) { rc.ProcedureName = "" },
			"ItemName":      func(rc *Receipt) { rc.ItemName = "" },
			"ItemKind":      func(rc *Receipt) { rc.ItemKind = "" },
			"TxnRef":        func(rc *Receipt) { rc.TxnRef = "" },
			"TransactionNo": func(rc *Receipt) { rc.TransactionNo = "" },
			"IssuedAt":      func(rc *Receipt) { rc.IssuedAt = time.Time{} },
			"PaidAt":        func(rc *Receipt) { rc.PaidAt = time.Time{} },
			"amount 0":      func(rc *Receipt) { rc.AmountVND = 0 },
			"amount -1":     func(rc *Receipt) { rc.AmountVND = -1 },
		} {
			rc := sample()
			change(&rc)
			_, err := fx.r.PDF(rc)
			require.ErrorIs(t, err, ErrIncomplete, name)
			if !strings.HasPrefix(name, "amount") {
				assert.ErrorContains(t, err, "missing "+name)
			}
		}
	})
}

func TestNumbering(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "0000123", FormatNumber(123))
	assert.Equal(t, "0000001", FormatNumber(1))
	assert.Equal(t, "12345678", FormatNumber(12_345_678))
	assert.Equal(t, "ML-26E", PortalSeries(2026))
	assert.Equal(t, "ML-05E", PortalSeries(2105))
}

// pdfText is a PDF's text as poppler's pdftotext reads it, one string per page, with runs of
// white space as one space (-layout keeps a row's label and value on one line).
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	out := poppler(t, "pdftotext", pdf, "-layout", "{pdf}", "-")
	pages := strings.Split(strings.TrimRight(out, "\f"), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

type pdfFont struct {
	name              string
	embedded, unicode bool
}

// pdfFonts lists a PDF's fonts as poppler's pdffonts sees them.
func pdfFonts(t *testing.T, pdf []byte) []pdfFont {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(poppler(t, "pdffonts", pdf, "{pdf}")), "\n")
	require.GreaterOrEqual(t, len(lines), 2, "no font table")
	// name type encoding emb sub uni object ID: the name and type may have spaces, the last
	// five columns do not.
	var fonts []pdfFont
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		require.GreaterOrEqual(t, len(f), 7, l)
		n := len(f)
		fonts = append(fonts, pdfFont{name: f[0], embedded: f[n-5] == "yes", unicode: f[n-3] == "yes"})
	}
	return fonts
}

// wordBox is a word's box in points as pdftotext -bbox gives it.
var wordBox = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// assertWithinMargins checks that every word of the text lies inside the margins, but the
// footer's, which lie under the bottom margin on the printable area.
func assertWithinMargins(t *testing.T, pdf []byte, rc Receipt) {
	t.Helper()
	mm := func(v float64) float64 { return v * 72 / 25.4 }
	const slack = 0.5 // points: glyph boxes are the font's, not the ink's
	footer := strings.Fields("Biên lai số " + rc.Number + " - Mã hồ sơ: " + rc.CaseCode + " - Trang")
	words := wordBox.FindAllStringSubmatch(poppler(t, "pdftotext", pdf, "-bbox", "{pdf}", "-"), -1)
	require.Greater(t, len(words), 100)
	for _, w := range words {
		v := make([]float64, 4)
		for i := range v {
			var err error
			v[i], err = strconv.ParseFloat(w[i+1], 64)
			require.NoError(t, err)
		}
		xMin, yMin, xMax, yMax, text := v[0], v[1], v[2], v[3], html.UnescapeString(w[5])
		assert.GreaterOrEqual(t, xMin, mm(pdfdoc.MarginLeft)-slack, "%q starts left of the margin", text)
		assert.LessOrEqual(t, xMax, mm(pdfdoc.PageWidth-pdfdoc.MarginRight)+slack, "%q ends right of the margin", text)
		assert.GreaterOrEqual(t, yMin, mm(pdfdoc.MarginTop)-slack, "%q is above the top margin", text)
		assert.LessOrEqual(t, yMax, mm(pdfdoc.PageHeight-5), "%q is off the printable area", text)
		if yMax > mm(pdfdoc.PageHeight-pdfdoc.MarginBottom)+slack && !pageOf.MatchString(text) {
			assert.Contains(t, footer, text, "only the footer is in the bottom margin")
		}
	}
}

// pageOf is the footer's page number: "1/2".
var pageOf = regexp.MustCompile(`^\d+/\d+$`)

// poppler runs one of poppler's tools on pdf, written to a temporary file named by "{pdf}" in
// args, and returns what it prints.
func poppler(t *testing.T, tool string, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	require.NoError(t, err, "%s (poppler-utils) is needed: make test installs it", tool)
	path := filepath.Join(t.TempDir(), "receipt.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o600))
	for i, a := range args {
		if a == "{pdf}" {
			args[i] = path
		}
	}
	out, err := exec.Command(bin, args...).Output() // #nosec G204 -- a fixed tool on a temporary file
	require.NoError(t, err)
	return string(out)
}

// writePNG renders the PDF's page to test-output/screenshots/ereceipt/<name>.png (poppler's
// pdftoppm), to look at.
func writePNG(t *testing.T, pdf []byte, name string) {
	t.Helper()
	root, err := filepath.Abs(".")
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		require.NotEqual(t, parent, root, "no go.mod above the test")
		root = parent
	}
	dir := filepath.Join(root, "test-output", "screenshots", "ereceipt")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name+".pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command("pdftoppm", "-png", "-r", "100", "-singlefile", path, filepath.Join(dir, name)).CombinedOutput() // #nosec G204 -- a fixed tool on the test's own file
	require.NoError(t, err, string(out))
}
