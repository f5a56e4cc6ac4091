package receipt

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
)

// The page follows the look of Vietnamese administrative documents (Decree 30/2020): A4,
// wide left margin, issuing agency top left, national motto top right.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 18.0
	marginBottom = 20.0
	contentWidth = pageWidth - marginLeft - marginRight

	labelWidth = 50.0
	valueX     = marginLeft + labelWidth
	valueWidth = contentWidth - labelWidth
	bodySize   = 11.0
	bodyLine   = 5.8
	rowGap     = 1.6

	qrSide = 35.0
)

// layout draws the whole receipt on f.
func layout(f *fpdf.Fpdf, rc Receipt, qr []byte) {
	f.SetFooterFunc(func() { footer(f, rc.CaseCode) })
	f.AddPage()
	header(f, rc.AgencyName)
	title(f, rc.CaseCode)

	field(f, "Người nộp hồ sơ:", rc.ApplicantName, true)
	field(f, "Số định danh cá nhân:", rc.ApplicantIDMasked, false)
	field(f, "Thủ tục:", rc.ProcedureName, true)
	field(f, "Mã thủ tục:", rc.ProcedureCode, false)
	field(f, "Cơ quan tiếp nhận:", rc.AgencyName, false)
	field(f, "Hình thức nộp:", "Trực tuyến", false)
	field(f, "Thời điểm nộp hồ sơ:", instant(rc.SubmittedAt), false)
	documents(f, rc.Documents)
	field(f, "Thời hạn giải quyết:", processingTime(rc.ProcessingDays), false)
	field(f, "Phí, lệ phí:", rc.Fee, false)
	field(f, "Ngày hẹn trả kết quả:", civilDate(rc.ExpectedResult), true)
	field(f, "Ghi chú:", rc.Note, false)

	qrBlock(f, rc.CaseURL, qr)
}

// header draws the agency (left) and the national motto (right), each centred in its column.
func header(f *fpdf.Fpdf, agency string) {
	const (
		leftWidth  = 70.0
		rightX     = marginLeft + leftWidth + 2
		rightWidth = pageWidth - marginRight - rightX
	)
	top := f.GetY()

	f.SetFont(fontFamily, "B", 10.5)
	left := paragraph(f, marginLeft, top, leftWidth, 5, strings.ToUpper(agency), "C")
	rule(f, marginLeft+leftWidth/2-12, left+1, 24)

	f.SetFont(fontFamily, "B", 10.5)
	right := paragraph(f, rightX, top, rightWidth, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "C")
	const motto = "Độc lập - Tự do - Hạnh phúc"
	f.SetFont(fontFamily, "B", 11.5)
	right = paragraph(f, rightX, right+0.5, rightWidth, 5.5, motto, "C")
	w := f.GetStringWidth(motto)
	rule(f, rightX+(rightWidth-w)/2, right+1, w)

	f.SetY(max(left, right) + 12)
}

// title draws the document's name and, boxed below it, the case code.
func title(f *fpdf.Fpdf, caseCode string) {
	f.SetFont(fontFamily, "B", 14)
	y := paragraph(f, marginLeft, f.GetY(), contentWidth, 7, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "C")

	const pad = 5.0
	text := "Mã hồ sơ: " + caseCode
	f.SetFont(fontFamily, "B", 13)
	lines := wrap(f, text, contentWidth-2*pad)
	w := contentWidth
	if len(lines) == 1 {
		w = f.GetStringWidth(text) + 2*pad
	}
	x := marginLeft + (contentWidth-w)/2
	y += 4
	f.SetLineWidth(0.4)
	f.Rect(x, y, w, float64(len(lines))*6.5+3, "D")
	f.SetLineWidth(0.2)
	y = paragraph(f, x+pad, y+1.5, w-2*pad, 6.5, text, "C")
	f.SetY(y + 1.5 + 8)
}

// field draws one labelled value; an empty value leaves the row out.
func field(f *fpdf.Fpdf, label, value string, bold bool) {
	if value == "" {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	f.SetFont(fontFamily, style, bodySize)
	n := len(wrap(f, value, valueWidth))
	y := ensureSpace(f, float64(min(n, 3))*bodyLine)
	page := f.PageNo()

	f.SetFont(fontFamily, "", bodySize)
	labelEnd := paragraph(f, marginLeft, y, labelWidth-2, bodyLine, label, "L")
	f.SetFont(fontFamily, style, bodySize)
	end := paragraph(f, valueX, y, valueWidth, bodyLine, value, "L")
	if f.PageNo() == page {
		end = max(end, labelEnd)
	}
	f.SetY(end + rowGap)
}

// documents draws the numbered list of what was received, with hanging indents.
func documents(f *fpdf.Fpdf, docs []string) {
	if len(docs) == 0 {
		return
	}
	f.SetFont(fontFamily, "", bodySize)
	numWidth := f.GetStringWidth(fmt.Sprintf("%d.", len(docs))) + 2
	for i, doc := range docs {
		n := len(wrap(f, doc, valueWidth-numWidth))
		y := ensureSpace(f, float64(min(n, 3))*bodyLine)
		if i == 0 || y == marginTop {
			label := "Giấy tờ đã nhận:"
			if i > 0 {
				label = "Giấy tờ đã nhận (tiếp):"
			}
			paragraph(f, marginLeft, y, labelWidth-2, bodyLine, label, "L")
		}
		f.SetXY(valueX, y)
		f.CellFormat(numWidth, bodyLine, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		end := paragraph(f, valueX+numWidth, y, valueWidth-numWidth, bodyLine, doc, "L")
		f.SetY(end + 0.6)
	}
	f.SetY(f.GetY() + rowGap - 0.6)
}

// qrBlock draws the QR code of the case page on the right, its caption below it, and the
// address of the case page on the left.
func qrBlock(f *fpdf.Fpdf, url string, png []byte) {
	const (
		captionWidth = qrSide + 10
		qrX          = pageWidth - marginRight - captionWidth/2 - qrSide/2
		textWidth    = qrX - 8 - marginLeft
	)
	y := ensureSpace(f, 6+qrSide+6) + 4
	f.SetDrawColor(160, 160, 160)
	f.Line(marginLeft, y, pageWidth-marginRight, y)
	f.SetDrawColor(0, 0, 0)
	y += 2

	opts := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader("qr", opts, bytes.NewReader(png))
	f.ImageOptions("qr", qrX, y, qrSide, qrSide, false, opts, 0, url)
	f.SetFont(fontFamily, "", 9)
	paragraph(f, qrX+qrSide/2-captionWidth/2, y+qrSide, captionWidth, 4.5, "Quét mã để tra cứu hồ sơ", "C")

	f.SetFont(fontFamily, "", 10)
	t := paragraph(f, marginLeft, y+4, textWidth, 5,
		"Hồ sơ được nộp trực tuyến trên Cổng dịch vụ công Một Lần. Theo dõi tình trạng hồ sơ bằng mã hồ sơ, hoặc tại địa chỉ:", "L")
	f.SetFont(fontFamily, "", 9)
	f.SetTextColor(0, 51, 153)
	for _, line := range wrap(f, url, textWidth) {
		f.SetXY(marginLeft, t+1)
		f.CellFormat(textWidth, 4.5, line, "", 0, "L", false, 0, url)
		t += 4.5
	}
	f.SetTextColor(0, 0, 0)
}

// footer names the case and the page at the foot of every page.
func footer(f *fpdf.Fpdf, caseCode string) {
	f.SetY(pageHeight - marginBottom + 8)
	f.SetFont(fontFamily, "", 8)
	f.SetTextColor(110, 110, 110)
	f.CellFormat(contentWidth, 4, fmt.Sprintf("Mã hồ sơ: %s - Trang %d", caseCode, f.PageNo()), "", 0, "C", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// paragraph draws text wrapped to width w from (x, y), one line every lh, in the current font,
// moving to a new page when a line would cross the bottom margin. It returns the y below the
// last line.
func paragraph(f *fpdf.Fpdf, x, y, w, lh float64, text, align string) float64 {
	for _, line := range wrap(f, text, w) {
		if y+lh > pageHeight-marginBottom {
			f.AddPage()
			y = f.GetY()
		}
		f.SetXY(x, y)
		f.CellFormat(w, lh, line, "", 0, align, false, 0, "")
		y += lh
	}
	return y
}

// wrap splits text into lines that fit width w in the current font, breaking between words,
// and inside a word only when the word alone is wider than w.
func wrap(f *fpdf.Fpdf, text string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		split := f.SplitText(para, w)
		if len(split) == 0 {
			split = []string{""}
		}
		for _, l := range split {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return lines
}

// ensureSpace starts a new page unless h millimetres fit below the current position, and
// returns the y to draw at.
func ensureSpace(f *fpdf.Fpdf, h float64) float64 {
	if f.GetY()+h > pageHeight-marginBottom {
		f.AddPage()
	}
	return f.GetY()
}

// rule draws a short horizontal line, as under the headers of official documents.
func rule(f *fpdf.Fpdf, x, y, w float64) {
	f.SetLineWidth(0.3)
	f.Line(x, y, x+w, y)
	f.SetLineWidth(0.2)
}
