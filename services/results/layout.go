package results

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
)

// The page follows Vietnamese administrative documents (Decree 30/2020) as the receipt does:
// A4, wide left margin, issuing agency and number top left, national motto and date top right.
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

// page is what one result shows.
type page struct {
	Issue
	code, verification string
	link               string // the QR code's address
	qr                 []byte // PNG
}

// layout draws the whole result on f.
func layout(f *fpdf.Fpdf, p page) {
	f.SetFooterFunc(func() { footer(f, p.code, p.verification) })
	f.AddPage()
	header(f, p)
	title(f, p.ProcedureName, p.ProcedureCode)

	field(f, "Người nộp hồ sơ:", p.ApplicantName, true)
	field(f, "Số định danh cá nhân:", p.ApplicantIDMasked, false)
	field(f, "Mã hồ sơ:", p.CaseCode, false)
	field(f, "Cơ quan giải quyết:", p.AgencyName, false)
	decision(f, p.Decision)
	for _, d := range p.Details {
		field(f, d[0]+":", d[1], false)
	}
	field(f, "Ngày cấp:", instant(p.IssuedAt), false)
	signature(f, p)
	verification(f, p)
}

// header draws the agency and the result's number (left), and the national motto and the date
// (right), each centred in its column.
func header(f *fpdf.Fpdf, p page) {
	const (
		leftWidth  = 72.0
		rightX     = marginLeft + leftWidth + 2
		rightWidth = pageWidth - marginRight - rightX
	)
	top := f.GetY()

	f.SetFont(fontFamily, "B", 10.5)
	left := paragraph(f, marginLeft, top, leftWidth, 5, strings.ToUpper(p.AgencyName), "C")
	rule(f, marginLeft+leftWidth/2-12, left+1, 24)
	f.SetFont(fontFamily, "", 10)
	left = paragraph(f, marginLeft, left+3, leftWidth, 5, "Số: "+p.code, "C")

	f.SetFont(fontFamily, "B", 10.5)
	right := paragraph(f, rightX, top, rightWidth, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "C")
	const motto = "Độc lập - Tự do - Hạnh phúc"
	f.SetFont(fontFamily, "B", 11.5)
	right = paragraph(f, rightX, right+0.5, rightWidth, 5.5, motto, "C")
	w := f.GetStringWidth(motto)
	rule(f, rightX+(rightWidth-w)/2, right+1, w)
	f.SetFont(fontFamily, "", 10)
	right = paragraph(f, rightX, right+3, rightWidth, 5, capitalise(officialDate(p.IssuedAt)), "C")

	f.SetY(max(left, right) + 10)
}

// title draws the document's name and the procedure it decides.
func title(f *fpdf.Fpdf, procedure, procedureCode string) {
	f.SetFont(fontFamily, "B", 14)
	y := paragraph(f, marginLeft, f.GetY(), contentWidth, 7, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "C")
	f.SetFont(fontFamily, "B", 12)
	y = paragraph(f, marginLeft+10, y+1, contentWidth-20, 6, procedure, "C")
	f.SetFont(fontFamily, "", 10)
	y = paragraph(f, marginLeft, y+0.5, contentWidth, 5, "Mã thủ tục: "+procedureCode, "C")
	f.SetY(y + 7)
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
	f.SetFont(fontFamily, "", bodySize)
	labelLines := len(wrap(f, label, labelWidth-2))
	f.SetFont(fontFamily, style, bodySize)
	valueLines := len(wrap(f, value, valueWidth))
	// The label and the start of the value stay together; a long value may go on overleaf.
	y := ensureSpace(f, float64(max(labelLines, min(valueLines, 3)))*bodyLine)
	pageNo := f.PageNo()

	f.SetFont(fontFamily, "", bodySize)
	labelEnd := paragraph(f, marginLeft, y, labelWidth-2, bodyLine, label, "L")
	f.SetFont(fontFamily, style, bodySize)
	end := paragraph(f, valueX, y, valueWidth, bodyLine, value, "L")
	if f.PageNo() == pageNo {
		end = max(end, labelEnd)
	}
	f.SetY(end + rowGap)
}

// decision draws the result's text under its heading, in a shaded box when it fits one page.
func decision(f *fpdf.Fpdf, text string) {
	const (
		pad  = 4.0
		line = 6.4
	)
	f.SetFont(fontFamily, "B", 12)
	n := len(wrap(f, text, contentWidth-2*pad))
	h := float64(n)*line + 2*pad
	y := ensureSpace(f, bodyLine+2+min(h, 3*line)) + 2
	f.SetFont(fontFamily, "B", bodySize)
	y = paragraph(f, marginLeft, y, contentWidth, bodyLine, "Nội dung giải quyết:", "L") + 1.5
	if y+h > pageHeight-marginBottom && h <= pageHeight-marginTop-marginBottom {
		f.AddPage()
		y = f.GetY()
	}
	f.SetFont(fontFamily, "B", 12)
	if y+h <= pageHeight-marginBottom {
		f.SetFillColor(242, 244, 247)
		f.SetDrawColor(120, 120, 120)
		f.Rect(marginLeft, y, contentWidth, h, "FD")
		f.SetDrawColor(0, 0, 0)
		f.SetFillColor(255, 255, 255)
		y = paragraph(f, marginLeft+pad, y+pad, contentWidth-2*pad, line, text, "L") + pad
	} else {
		y = paragraph(f, marginLeft, y, contentWidth, line, text, "L")
	}
	f.SetY(y + 4)
}

// signature draws, on the right, the box saying who signed the document and when.
func signature(f *fpdf.Fpdf, p page) {
	const (
		w    = 82.0
		x    = pageWidth - marginRight - w
		pad  = 3.0
		line = 5.0
	)
	text := "Văn bản điện tử được ký số bởi " + p.AgencyName
	f.SetFont(fontFamily, "B", 10)
	n := len(wrap(f, text, w-2*pad))
	h := float64(n)*line + line + 2*pad
	y := ensureSpace(f, h+4) + 4
	f.SetDrawColor(170, 20, 20)
	f.SetLineWidth(0.4)
	f.Rect(x, y, w, h, "D")
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	f.SetTextColor(170, 20, 20)
	end := paragraph(f, x+pad, y+pad, w-2*pad, line, text, "C")
	f.SetFont(fontFamily, "", 9.5)
	paragraph(f, x+pad, end, w-2*pad, line, "Thời điểm ký: "+instant(p.IssuedAt), "C")
	f.SetTextColor(0, 0, 0)
	f.SetY(y + h + 4)
}

// verification draws, at the foot of the last page, the verification code in large type and
// how to use it (left) and the QR code that opens the verification page (right).
func verification(f *fpdf.Fpdf, p page) {
	const (
		qrX       = pageWidth - marginRight - qrSide
		textWidth = qrX - 6 - marginLeft
	)
	how := "Quét mã hoặc nhập mã xác thực tại " + p.VerifyURL
	const legal = "Kết quả giải quyết thủ tục hành chính điện tử có giá trị pháp lý như kết quả bằng giấy (Nghị định số 45/2020/NĐ-CP)."
	f.SetFont(fontFamily, "", 9.5)
	textHeight := 1 + 5 + 1 + 10 + 2 + float64(len(wrap(f, how, textWidth)))*4.8
	f.SetFont(fontFamily, "", 8.5)
	textHeight += 1.5 + float64(len(wrap(f, legal, textWidth)))*4.2
	block := 4 + max(qrSide, textHeight)
	if f.GetY()+block > pageHeight-marginBottom {
		f.AddPage()
	}
	y := pageHeight - marginBottom - block
	f.SetDrawColor(160, 160, 160)
	f.Line(marginLeft, y, pageWidth-marginRight, y)
	f.SetDrawColor(0, 0, 0)
	y += 4

	opts := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader("qr", opts, bytes.NewReader(p.qr))
	f.ImageOptions("qr", qrX, y, qrSide, qrSide, false, opts, 0, p.link)

	f.SetFont(fontFamily, "", 10)
	t := paragraph(f, marginLeft, y+1, textWidth, 5, "Mã xác thực:", "L")
	f.SetFont(fontFamily, "B", 22)
	t = paragraph(f, marginLeft, t+1, textWidth, 10, p.verification, "L")
	f.SetFont(fontFamily, "", 9.5)
	t = paragraph(f, marginLeft, t+2, textWidth, 4.8, how, "L")
	f.SetFont(fontFamily, "", 8.5)
	f.SetTextColor(90, 90, 90)
	paragraph(f, marginLeft, t+1.5, textWidth, 4.2, legal, "L")
	f.SetTextColor(0, 0, 0)
}

// footer names the result, its verification code and the page at the foot of every page.
func footer(f *fpdf.Fpdf, code, verification string) {
	f.SetY(pageHeight - marginBottom + 8)
	f.SetFont(fontFamily, "", 8)
	f.SetTextColor(110, 110, 110)
	f.CellFormat(contentWidth, 4, fmt.Sprintf("Số: %s - Mã xác thực: %s - Trang %d", code, verification, f.PageNo()), "", 0, "C", false, 0, "")
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
	lines := f.SplitText(text, w)
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	if len(lines) == 0 {
		return []string{""}
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

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
