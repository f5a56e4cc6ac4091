package receipt

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/pdfdoc"
)

// mm converts millimetres to the points PDF coordinates are in.
func mm(v float64) float64 { return v * 72 / 25.4 }

func sample() Receipt {
	return Receipt{
		CaseCode:          "UBND-00070-261127-0001",
		ProcedureCode:     "1.001193",
		ProcedureName:     "Đăng ký khai sinh",
		AgencyName:        "Ủy ban nhân dân phường Hoàn Kiếm",
		ApplicantName:     "Nguyễn Văn Ân",
		ApplicantIDMasked: "********2345",
		SubmittedAt:       time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC), // 16:30 in Vietnam
		ExpectedResult:    time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
		ProcessingDays:    1,
		Fee:               "Miễn phí",
		Documents: []string{
			"Tờ khai đăng ký khai sinh",
			"Giấy chứng sinh do Bệnh viện Phụ sản Hà Nội cấp",
			"Giấy tờ tùy thân của người đi đăng ký (dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư)",
		},
		TrackURL: "https://motlan.gov.vn/tra-cuu?code=UBND-00070-261127-0001",
		Note:     "Thời hạn giải quyết được tính từ khi cơ quan có thẩm quyền tiếp nhận hồ sơ; ngày hẹn trả có thể thay đổi nếu cơ quan yêu cầu bổ sung hồ sơ.",
	}
}

// withParties is sample() as a mother files it for her child: the people it names, from where,
// and why the agency is competent.
func withParties() Receipt {
	rc := sample()
	rc.ApplicantName, rc.ApplicantIDMasked = "Đặng Thị Mai", "********6789"
	rc.RoutingReason = "nơi cư trú của người mẹ"
	rc.Documents = rc.Documents[:2]
	rc.Note = "Thời hạn giải quyết được tính từ khi cơ quan tiếp nhận hồ sơ; ngày hẹn trả kết quả là dự kiến."
	rc.Parties = []Party{
		{Label: "Người nộp hồ sơ", Role: "Mẹ của trẻ", FullName: "Đặng Thị Mai", IDMasked: "********6789", Source: "Tài khoản định danh điện tử (VNeID) của người nộp"},
		{Label: "Trẻ được đăng ký khai sinh", FullName: "Nguyễn Ngọc Ánh", Source: "Người nộp hồ sơ khai"},
		{Label: "Cha của trẻ", FullName: "Nguyễn Văn Ân", IDMasked: "********2345", Source: "Cơ sở dữ liệu quốc gia về dân cư"},
		{Label: "Mẹ của trẻ", FullName: "Đặng Thị Mai", IDMasked: "********6789", Source: "Cơ sở dữ liệu quốc gia về dân cư"},
	}
	return rc
}

type fixture struct {
	r *Renderer
}

// setup loads the fonts the way production does; without fonts-dejavu-core this fails, it
// does not skip.
func setup(t *testing.T) fixture {
	t.Helper()
	r, err := NewRenderer("")
	require.NoError(t, err)
	return fixture{r: r}
}

func (fx fixture) render(t *testing.T, rc Receipt) ([]byte, *pdfDoc) {
	t.Helper()
	pdf, err := fx.r.PDF(rc)
	require.NoError(t, err)
	return pdf, parsePDF(t, pdf)
}

// widths measures text as the receipt sets it, to check that every line fits the page.
type widths struct{ f *fpdf.Fpdf }

func newWidths(t *testing.T, r *Renderer) widths {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes(pdfdoc.FontFamily, "", r.fonts.Regular)
	f.AddUTF8FontFromBytes(pdfdoc.FontFamily, "B", r.fonts.Bold)
	require.NoError(t, f.Error())
	return widths{f: f}
}

func (w widths) of(baseFont string, size float64, s string) float64 {
	style := ""
	if strings.HasSuffix(baseFont, "B") {
		style = "B"
	}
	w.f.SetFont(pdfdoc.FontFamily, style, size)
	return w.f.GetStringWidth(s)
}

// assertWithinMargins checks that no text run starts left of the left margin, ends right of
// the right margin, or sits outside the top and bottom margins (the footer sits in the bottom
// margin, but on the printable area).
func assertWithinMargins(t *testing.T, r *Renderer, d *pdfDoc) {
	t.Helper()
	w := newWidths(t, r)
	for p, page := range d.pages {
		require.NotEmpty(t, page.runs, "page %d has no text", p+1)
		for _, run := range page.runs {
			font, ok := d.fonts[run.font]
			require.True(t, ok, "run %q uses unknown font %s", run.text, run.font)
			right := run.x + w.of(font.baseFont, run.size, run.text)
			assert.GreaterOrEqual(t, run.x, mm(pdfdoc.MarginLeft)-0.01, "page %d: %q starts left of the margin", p+1, run.text)
			assert.LessOrEqual(t, right, mm(pdfdoc.PageWidth-pdfdoc.MarginRight)+0.01, "page %d: %q overflows the right margin", p+1, run.text)
			assert.LessOrEqual(t, run.y, mm(pdfdoc.PageHeight-pdfdoc.MarginTop), "page %d: %q is above the top margin", p+1, run.text)
			if strings.HasSuffix(run.text, fmt.Sprintf(" - Trang %d", p+1)) {
				assert.GreaterOrEqual(t, run.y, mm(5), "page %d: the footer is off the printable area", p+1)
				continue
			}
			assert.GreaterOrEqual(t, run.y, mm(pdfdoc.MarginBottom), "page %d: %q is below the bottom margin", p+1, run.text)
		}
	}
}

func TestPDF(t *testing.T) {
	t.Parallel()
	fx := setup(t) // shared, so the parallel subtests also use one Renderer at once

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		pdf, d := fx.render(t, rc)
		if out := os.Getenv("RECEIPT_SAMPLE_OUT"); out != "" {
			require.NoError(t, os.WriteFile(out, pdf, 0o644))
		}

		require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), "starts with %q", pdf[:min(len(pdf), 8)])
		require.True(t, bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n"), []byte("%%EOF")), "does not end with %%%%EOF")
		require.Len(t, d.pages, 1)

		text := d.text()
		for _, want := range []string{
			"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"THÔNG BÁO ĐÃ NỘP HỒ SƠ TRỰC TUYẾN",
			"Mã hồ sơ: UBND-00070-261127-0001",
			"Người nộp hồ sơ: Nguyễn Văn Ân",
			"Số định danh cá nhân: ********2345",
			"Thủ tục: Đăng ký khai sinh",
			"Mã thủ tục: 1.001193",
			"Cơ quan tiếp nhận: Ủy ban nhân dân phường Hoàn Kiếm",
			"Thời điểm nộp hồ sơ: 16 giờ 30 phút, ngày 27/11/2026",
			"Giấy tờ đã nộp: 1. Tờ khai đăng ký khai sinh 2. Giấy chứng sinh do Bệnh viện Phụ sản Hà Nội cấp 3. Giấy tờ tùy thân",
			"Thời hạn giải quyết: 1 ngày làm việc",
			"Phí, lệ phí: Miễn phí",
			"Ngày hẹn trả kết quả: 30/11/2026",
			"Ghi chú: Thời hạn giải quyết được tính từ khi cơ quan có thẩm quyền tiếp nhận hồ sơ;",
			"Quét mã để tra cứu hồ sơ",
			"https://motlan.gov.vn/tra-cuu?code=UBND-00070-261127-0001",
		} {
			assert.Contains(t, text, want)
		}
		assertWithinMargins(t, fx.r, d)
	})

	t.Run("GlyphsEmbedded", func(t *testing.T) {
		t.Parallel()
		_, d := fx.render(t, sample())

		require.Len(t, d.fonts, 2, "regular and bold")
		for name, f := range d.fonts {
			assert.Contains(t, []string{"utf8dejavu", "utf8dejavuB"}, f.baseFont)
			assert.Positive(t, f.fileLength, "font %s has no embedded program", f.baseFont)
			assert.Less(t, f.fileLength, len(fx.r.fonts.Regular)/4, "font %s is not subset", f.baseFont)
			require.NotEmpty(t, f.cidToGID, "font %s (%s) has no CIDToGIDMap", f.baseFont, name)
		}
		// Every character drawn has a glyph in the font it is drawn with: no "tofu" boxes.
		var checked int
		for _, page := range d.pages {
			for _, run := range page.runs {
				font := d.fonts[run.font]
				for _, r := range run.text {
					checked++
					assert.NotZero(t, font.gid(r), "%q (U+%04X) in %q has no glyph in %s", r, r, run.text, font.baseFont)
				}
			}
		}
		require.Greater(t, checked, 500)
	})

	t.Run("QRImage", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		_, d := fx.render(t, rc)

		require.Len(t, d.pages[0].images, 1)
		placed := d.pages[0].images[0]
		assert.InDelta(t, mm(pdfdoc.QRSide), placed.w, 0.01)
		assert.InDelta(t, mm(pdfdoc.QRSide), placed.h, 0.01)
		assert.LessOrEqual(t, placed.x+placed.w, mm(pdfdoc.PageWidth-pdfdoc.MarginRight)+0.01)

		img, ok := d.images[placed.name]
		require.True(t, ok, "image %s is not in the resources", placed.name)
		assert.Contains(t, img.dict, "/Subtype /Image")
		// The embedded image is exactly the QR code of the case URL: same size, same pixels.
		want, err := qrForPDF(rc.TrackURL)
		require.NoError(t, err)
		wantW, wantData := pngDataOf(t, want)
		assert.Contains(t, img.dict, fmt.Sprintf("/Width %d", wantW))
		assert.Equal(t, wantData, img.stream, "the PDF's QR image is not the QR code of %s", rc.TrackURL)
	})

	t.Run("LongNamesWrap", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.AgencyName = "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm, thành phố Hà Nội - Bộ phận tiếp nhận và trả kết quả giải quyết thủ tục hành chính"
		rc.ApplicantName = "Nguyễn Huỳnh Thị Ngọc Phương Thảo Tôn Nữ Hoàng Yến Công Tằng Tôn Nữ Đoan Trang"
		rc.ProcedureName = "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi (liên thông thủ tục hành chính)"
		long := strings.Repeat("Giấytờchứngminhnơicưtrú", 6)
		rc.Documents = append(rc.Documents, long)
		_, d := fx.render(t, rc)

		text := d.text()
		assert.Contains(t, text, "Người nộp hồ sơ: Nguyễn Huỳnh Thị Ngọc Phương Thảo Tôn Nữ Hoàng Yến Công Tằng Tôn Nữ Đoan Trang")
		assert.Contains(t, text, "Cơ quan tiếp nhận: Trung tâm Phục vụ hành chính công phường Hoàn Kiếm, thành phố Hà Nội - Bộ phận")
		assert.Contains(t, strings.ReplaceAll(text, " ", ""), long, "an unbreakable word is split, not lost")
		var applicantLines int
		for _, run := range d.pages[0].runs {
			if strings.Contains(rc.ApplicantName, run.text) && run.text != "" {
				applicantLines++
			}
		}
		assert.GreaterOrEqual(t, applicantLines, 2, "the long name is wrapped")
		assertWithinMargins(t, fx.r, d)
	})

	t.Run("Parties", func(t *testing.T) {
		t.Parallel()
		_, d := fx.render(t, withParties())

		require.Len(t, d.pages, 1, "a birth registration's receipt, parties included, fits one page")
		text := d.text()
		for _, want := range []string{
			"Cơ quan tiếp nhận: Ủy ban nhân dân phường Hoàn Kiếm Lý do: nơi cư trú của người mẹ Hình thức nộp:",
			"Những người liên quan: Người liên quan Họ, chữ đệm, tên Số định danh Nguồn thông tin " +
				"Người nộp hồ sơ Tư cách: Mẹ của trẻ Đặng Thị Mai ********6789 Tài khoản định danh điện tử (VNeID) của người nộp " +
				"Trẻ được đăng ký khai sinh Nguyễn Ngọc Ánh Người nộp hồ sơ khai " +
				"Cha của trẻ Nguyễn Văn Ân ********2345 Cơ sở dữ liệu quốc gia về dân cư " +
				"Mẹ của trẻ Đặng Thị Mai ********6789 Cơ sở dữ liệu quốc gia về dân cư Giấy tờ đã nộp:",
		} {
			assert.Contains(t, text, want)
		}
		assertWithinMargins(t, fx.r, d)
	})

	t.Run("PartiesFlowToNextPageWhole", func(t *testing.T) {
		t.Parallel()
		rc := withParties()
		for i := range 30 {
			rc.Parties = append(rc.Parties, Party{Label: fmt.Sprintf("Người liên quan số %d", i+1), FullName: "Trần Thị Bình",
				IDMasked: "********1234", Source: "Cơ sở dữ liệu quốc gia về dân cư"})
		}
		rc.Parties = append(rc.Parties, Party{Label: "Không tên", IDMasked: "********0000"}) // left out
		_, d := fx.render(t, rc)

		require.Len(t, d.pages, 2)
		text := d.text()
		assert.Contains(t, text, "Người liên quan số 30 Trần Thị Bình ********1234 Cơ sở dữ liệu quốc gia về dân cư")
		assert.NotContains(t, text, "Không tên")
		// A row is whole on its page, and the table's header is repeated overleaf.
		for p, page := range d.pages {
			var labels, ids, heads int
			for _, run := range page.runs {
				switch run.text {
				case "********1234":
					ids++
				case "Nguồn thông tin":
					heads++
				}
				if strings.HasPrefix(run.text, "Người liên quan số") {
					labels++
				}
			}
			assert.Equal(t, labels, ids, "page %d", p+1)
			assert.Equal(t, 1, heads, "page %d", p+1)
			assert.Positive(t, labels, "page %d", p+1)
		}
		assertWithinMargins(t, fx.r, d)
	})

	t.Run("ManyDocumentsFlowToNextPage", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.Documents = nil
		for i := range 45 {
			rc.Documents = append(rc.Documents, fmt.Sprintf("Tài liệu đính kèm số %d", i+1))
		}
		_, d := fx.render(t, rc)

		require.Len(t, d.pages, 2)
		text := d.text()
		assert.Contains(t, text, "45. Tài liệu đính kèm số 45")
		assert.Contains(t, text, "Mã hồ sơ: UBND-00070-261127-0001 - Trang 2")
		assert.Contains(t, text, "Ngày hẹn trả kết quả: 30/11/2026")
		var images int
		for _, p := range d.pages {
			images += len(p.images)
		}
		assert.Equal(t, 1, images)
		assertWithinMargins(t, fx.r, d)
	})

	t.Run("DecomposedTextIsComposed", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.ApplicantName = "Nguye\u0302\u0303n Va\u0306n A\u0302n" // NFD, as some keyboards send it
		rc.Documents = []string{"Tờ khai\tđăng ký\x00 khai sinh 😀"}
		_, d := fx.render(t, rc)

		text := d.text()
		assert.Contains(t, text, "Người nộp hồ sơ: Nguyễn Văn Ân")
		assert.Contains(t, text, "1. Tờ khai đăng ký khai sinh \ufffd")
	})

	t.Run("OptionalFieldsLeftOut", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.Note, rc.Fee, rc.ApplicantIDMasked, rc.Documents = "", "", "", nil
		rc.ProcessingDays = 0
		_, d := fx.render(t, rc)

		text := d.text()
		assert.Contains(t, text, "Thời hạn giải quyết: Trong ngày làm việc")
		for _, absent := range []string{"Ghi chú", "Phí, lệ phí", "Số định danh", "Giấy tờ đã nộp", "Những người liên quan", "Lý do"} {
			assert.NotContains(t, text, absent)
		}
	})

	t.Run("ExpectedResultIsACivilDate", func(t *testing.T) {
		t.Parallel()
		rc := sample()
		rc.SubmittedAt = time.Date(2026, 12, 31, 20, 5, 0, 0, time.UTC)       // 03:05 on 1 January in Vietnam
		rc.ExpectedResult = time.Date(2027, 1, 4, 0, 0, 0, 0, pdfdoc.Vietnam) // midnight in Vietnam is 3 January in UTC
		_, d := fx.render(t, rc)

		text := d.text()
		assert.Contains(t, text, "Thời điểm nộp hồ sơ: 03 giờ 05 phút, ngày 01/01/2027")
		assert.Contains(t, text, "Ngày hẹn trả kết quả: 04/01/2027")
	})

	t.Run("Deterministic", func(t *testing.T) {
		t.Parallel()
		a, err := fx.r.PDF(sample())
		require.NoError(t, err)
		b, err := fx.r.PDF(sample())
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "the same receipt gave different bytes")
	})

	t.Run("ErrIncomplete", func(t *testing.T) {
		t.Parallel()
		for name, change := range map[string]func(*Receipt){
			"CaseCode":       func(rc *Receipt) { rc.CaseCode = " " },
			"TrackURL":       func(rc *Receipt) { rc.TrackURL = "" },
			"ApplicantName":  func(rc *Receipt) { rc.ApplicantName = "" },
			"SubmittedAt":    func(rc *Receipt) { rc.SubmittedAt = time.Time{} },
			"ExpectedResult": func(rc *Receipt) { rc.ExpectedResult = time.Time{} },
			"ProcessingDays": func(rc *Receipt) { rc.ProcessingDays = -1 },
		} {
			rc := sample()
			change(&rc)
			pdf, err := fx.r.PDF(rc)
			require.ErrorIs(t, err, ErrIncomplete, name)
			assert.Contains(t, err.Error(), name)
			assert.Nil(t, pdf)
		}
	})
}

// TestPDFConcurrent renders different receipts at once from one Renderer; run with -race.
func TestPDFConcurrent(t *testing.T) {
	t.Parallel()
	fx := setup(t)
	const n = 8
	var wg sync.WaitGroup
	pdfs := make([][]byte, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			rc := sample()
			rc.CaseCode = fmt.Sprintf("UBND-00070-261127-%04d", i+1)
			rc.TrackURL = "https://motlan.gov.vn/tra-cuu?code=" + rc.CaseCode
			rc.ApplicantName = []string{"Nguyễn Văn Ân", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}[i%4]
			pdfs[i], errs[i] = fx.r.PDF(rc)
		})
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		text := parsePDF(t, pdfs[i]).text()
		assert.Contains(t, text, fmt.Sprintf("Mã hồ sơ: UBND-00070-261127-%04d", i+1))
		assert.Contains(t, text, "Người nộp hồ sơ: "+[]string{"Nguyễn Văn Ân", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}[i%4])
	}
}
