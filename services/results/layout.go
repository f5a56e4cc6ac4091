package results

import (
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/pdfdoc"
)

// page is what one result shows.
type page struct {
	Issue
	code, verification string
	link               string // the QR code's address
	qr                 []byte // PNG
	draft              bool   // an unsigned preview: no number, no signature, no verification
}

// draftMark is written across every page of an unsigned preview, and its banner.
const (
	draftMark   = "BẢN XEM TRƯỚC — CHƯA KÝ"
	draftBanner = "BẢN XEM TRƯỚC — CHƯA KÝ, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
)

// layout draws the whole result on d as an administrative document (Decree 30/2020): the
// letterhead (issuing agency and number, national motto, place and date), the title, the body
// the procedure's document defines, the signer's block with the electronic signature, and the
// verification code and QR code at the foot of the last page.
func layout(d *pdfdoc.Doc, p page) {
	d.SetFooterFunc(func() {
		text := fmt.Sprintf("Số: %s - Mã xác thực: %s - Trang %d", p.code, p.verification, d.PageNo())
		if p.draft {
			text = fmt.Sprintf("%s - Hồ sơ %s - Trang %d", draftBanner, p.CaseCode, d.PageNo())
		}
		d.Footer(text)
	})
	if p.draft {
		d.SetHeaderFunc(func() {
			x, y := d.GetXY()
			d.Watermark(draftMark)
			d.SetXY(x, y)
		})
	}
	d.AddPage()
	if p.draft {
		y := d.GetY()
		banner(d)
		d.SetY(y)
	}
	number := "Số: " + p.code
	if p.draft {
		number = "Số: (cấp khi ký)"
	}
	d.SetY(d.Letterhead(pdfdoc.Letterhead{Superior: p.Letterhead.Superior, Agency: p.Letterhead.Name, Number: number,
		PlaceDate: placeDate(p.Letterhead.Locality, p.IssuedAt)}) + 7)
	title(d, p.Body)
	body(d, p.Body.Lines, footHeight(d, p))
	closing(d, p)
}

// banner draws, in the top margin, the red band that says a preview is not the signed document;
// the page below is the signed document's.
func banner(d *pdfdoc.Doc) {
	const (
		h = 7.0
		y = pdfdoc.MarginTop - h - 3
	)
	d.SetFillColor(170, 20, 20)
	d.Rect(pdfdoc.MarginLeft, y, pdfdoc.ContentWidth, h, "F")
	d.SetFillColor(255, 255, 255)
	d.SetTextColor(255, 255, 255)
	d.Font("B", 10.5)
	d.Paragraph(pdfdoc.MarginLeft, y+1, pdfdoc.ContentWidth, h-2, draftBanner, "C")
	d.SetTextColor(0, 0, 0)
}

// placeDate is the line under the motto: "Hoàn Kiếm, ngày 27 tháng 11 năm 2026".
func placeDate(locality string, t time.Time) string {
	date := officialDate(t)
	if locality == "" {
		return capitalise(date)
	}
	return locality + ", " + date
}

// title draws the document's name, its subtitle and a short rule under them.
func title(d *pdfdoc.Doc, b Body) {
	const (
		x = pdfdoc.MarginLeft
		w = pdfdoc.ContentWidth
	)
	d.Font("B", 14)
	y := d.Paragraph(x, d.GetY(), w, 7, b.Title, "C")
	if b.Subtitle != "" {
		d.Font("B", 12)
		y = d.Paragraph(x+10, y+0.5, w-20, 6, b.Subtitle, "C")
	}
	d.Rule(x+w/2-15, y+1.5, 30)
	d.SetY(y + 6)
}

// body draws the filled lines: paragraphs justified to the width, headings in bold, rows as
// label and value. When the foot (foot millimetres) will not fit under the last paragraph, that
// paragraph goes overleaf with it: a signature never stands alone on a page.
func body(d *pdfdoc.Doc, lines []Line, foot float64) {
	const (
		x = pdfdoc.MarginLeft
		w = pdfdoc.ContentWidth
	)
	for i, l := range lines {
		if i == len(lines)-1 && l.Label == "" && !l.Heading {
			d.Font("", rowSize)
			h := float64(len(d.Wrap(l.Text, w-8))) * rowLine
			if d.GetY()+h+foot > pdfdoc.PageHeight-pdfdoc.MarginBottom && d.GetY()+h <= pdfdoc.PageHeight-pdfdoc.MarginBottom {
				d.AddPage()
			}
		}
		style := ""
		if l.Bold {
			style = "B"
		}
		align := "L"
		if l.Center {
			align = "C"
		}
		switch {
		case l.Label != "":
			row(d, l)
		case l.Heading:
			d.Font("B", rowSize)
			y := d.EnsureSpace(3 * rowLine) // a heading is not left alone at a page's foot
			d.SetY(d.Paragraph(x, y+1, w, rowLine, l.Text, align) + rowGap + 0.4)
		default:
			d.Font(style, rowSize)
			if align == "L" {
				align = "J"
			}
			y := d.EnsureSpace(rowLine)
			d.SetY(paragraph(d, x, y, w, l.Text, align) + rowGap + 0.8)
		}
	}
}

// The rows of a document's body: a label column and the value beside it, tighter than the
// receipt's so that a certificate fits its page.
const (
	rowSize       = 10.5
	rowLine       = 5.2
	rowGap        = 0.9
	rowLabelWidth = 60.0
	rowValueX     = pdfdoc.MarginLeft + rowLabelWidth
	rowValueWidth = pdfdoc.ContentWidth - rowLabelWidth
	pairGap       = "     " // between the pairs of one line
)

// row draws a labelled row: the label on the left, the value (bold when the row is) and the
// pairs that share its line flowing in the value column. The label and the value's first lines
// stay on one page.
func row(d *pdfdoc.Doc, l Line) {
	full := l.Text
	for _, p := range l.More {
		full += pairGap + p.Label + ": " + p.Text
	}
	d.Font("", rowSize)
	labelLines := len(d.Wrap(l.Label+":", rowLabelWidth-2))
	style := ""
	if l.Bold {
		style = "B"
	}
	d.Font(style, rowSize)
	valueLines := len(d.Wrap(full, rowValueWidth))
	y := d.EnsureSpace(float64(max(labelLines, valueLines)) * rowLine)
	d.Font("", rowSize)
	labelEnd := d.Paragraph(pdfdoc.MarginLeft, y, rowLabelWidth-2, rowLine, l.Label+":", "L")
	if len(l.More) == 0 {
		d.Font(style, rowSize)
		end := d.Paragraph(rowValueX, y, rowValueWidth, rowLine, l.Text, "L")
		d.SetY(max(end, labelEnd) + rowGap)
		return
	}
	// Mixed styles flow with Write, which wraps back to the left margin: the value column's.
	left, top, right, _ := d.GetMargins()
	d.SetMargins(rowValueX, top, right)
	d.SetXY(rowValueX, y)
	d.Font(style, rowSize)
	d.Write(rowLine, l.Text)
	for _, p := range l.More {
		d.Font("", rowSize)
		d.Write(rowLine, pairGap+p.Label+": ")
		d.Font(style, rowSize)
		d.Write(rowLine, p.Text)
	}
	end := d.GetY() + rowLine
	d.SetMargins(left, top, right)
	d.SetY(max(end, labelEnd) + rowGap)
}

// paragraph draws text wrapped to w, its first line indented as in official documents, every
// line but the last justified when align is "J".
func paragraph(d *pdfdoc.Doc, x, y, w float64, text, align string) float64 {
	const indent = 8.0
	if align != "J" {
		return d.Paragraph(x, y, w, rowLine, text, align)
	}
	first := d.Wrap(text, w-indent)
	if len(first) == 0 {
		return y
	}
	head := first[0]
	rest := strings.TrimSpace(strings.TrimPrefix(text, head))
	lines := []string{head}
	if rest != "" {
		lines = append(lines, d.Wrap(rest, w)...)
	}
	for i, line := range lines {
		if y+rowLine > pdfdoc.PageHeight-pdfdoc.MarginBottom {
			d.AddPage()
			y = d.GetY()
		}
		lx, lw := x, w
		if i == 0 {
			lx, lw = x+indent, w-indent
		}
		d.SetXY(lx, y)
		a := "J"
		if i == len(lines)-1 {
			a = "L"
		}
		d.CellFormat(lw, rowLine, line, "", 0, a, false, 0, "")
		y += rowLine
	}
	return y
}

// The foot of a document: two columns, the signer's on the right.
const (
	footGap    = 6.0
	signWidth  = 86.0
	signX      = pdfdoc.PageWidth - pdfdoc.MarginRight - signWidth
	leftWidth  = signX - footGap - pdfdoc.MarginLeft
	codeLine   = 8.0
	qrSide     = 27.0 // a foot has less room than a receipt: still plenty for a phone's camera
	howWidth   = leftWidth - qrSide - 3
	howLine    = 4.2
	legalLine  = 3.8
	boxPad     = 3.0
	boxLine    = 5.0
	signerLine = 5.5
)

// legalNote says what a signed electronic document is worth.
const legalNote = "Văn bản điện tử được ký số có giá trị pháp lý như văn bản giấy (Luật Giao dịch điện tử số 20/2023/QH15)."

// closing draws the foot of the document as Decree 30/2020 places it: on the right the signer's
// lines over the box of the electronic signature; on the left a decision's recipients ("Nơi
// nhận") and, on a signed document, the verification code and the QR code that opens the
// verification page. The foot is never split: it goes overleaf whole when the body leaves no
// room for it.
func closing(d *pdfdoc.Doc, p page) {
	y := d.EnsureSpace(footHeight(d, p)) + 4
	endRight := y + signature(d, p, y, true)
	endLeft := y + leftFoot(d, p, y, true)
	d.SetY(max(endLeft, endRight))
}

// footHeight is the height closing needs.
func footHeight(d *pdfdoc.Doc, p page) float64 {
	return 4 + max(signature(d, p, 0, false), leftFoot(d, p, 0, false))
}

// signature draws (or, when draw is false, only measures) the signer's block from y and
// returns its height: the signer's lines in bold capitals, then the box of the electronic
// signature (a preview's says, dashed, that it is not signed).
func signature(d *pdfdoc.Doc, p page, y float64, draw bool) float64 {
	text := "Văn bản điện tử được ký số bởi " + p.AgencyName
	when := "Thời điểm ký: " + instant(p.IssuedAt)
	if p.draft {
		text = "Chưa ký số: bản xem trước để cán bộ kiểm tra trước khi phê duyệt"
		when = "Xem trước lúc: " + instant(p.IssuedAt)
	}
	top := y
	d.Font("B", 10.5)
	for _, s := range p.Body.Signer {
		if draw {
			y = d.Paragraph(signX, y, signWidth, signerLine, s, "C")
		} else {
			y += float64(len(d.Wrap(s, signWidth))) * signerLine
		}
	}
	y += 2
	d.Font("B", 10)
	h := float64(len(d.Wrap(text, signWidth-2*boxPad))) * boxLine
	d.Font("", 9.5)
	h += float64(len(d.Wrap(when, signWidth-2*boxPad)))*boxLine + 2*boxPad
	if draw {
		d.SetDrawColor(170, 20, 20)
		d.SetLineWidth(0.4)
		if p.draft {
			d.SetDashPattern([]float64{1.5, 1.2}, 0)
		}
		d.Rect(signX, y, signWidth, h, "D")
		d.SetDashPattern(nil, 0)
		d.SetLineWidth(0.2)
		d.SetDrawColor(0, 0, 0)
		d.SetTextColor(170, 20, 20)
		d.Font("B", 10)
		end := d.Paragraph(signX+boxPad, y+boxPad, signWidth-2*boxPad, boxLine, text, "C")
		d.Font("", 9.5)
		d.Paragraph(signX+boxPad, end, signWidth-2*boxPad, boxLine, when, "C")
		d.SetTextColor(0, 0, 0)
	}
	return y + h - top
}

// leftFoot draws (or measures) the left column of the foot from y and returns its height: the
// recipients, then the verification code, and the QR code beside how to use it.
func leftFoot(d *pdfdoc.Doc, p page, y float64, draw bool) float64 {
	const x = pdfdoc.MarginLeft
	top := y
	para := func(text, style string, size, line, at, w float64) float64 {
		d.Font(style, size)
		if draw {
			return d.Paragraph(x+at, y, w, line, text, "L")
		}
		return y + float64(len(d.Wrap(text, w)))*line
	}
	if len(p.Body.Recipients) > 0 {
		y = para("Nơi nhận:", "B", 10, 5, 0, leftWidth)
		for _, r := range p.Body.Recipients {
			y = para("- "+r, "", 9.5, 4.6, 0, leftWidth)
		}
		y += 3
	}
	code := p.verification
	if p.draft {
		code = "(cấp khi ký)" // the preview keeps the place, so its pages are the signed document's
	}
	y = para("Mã xác thực:", "", 9.5, 4.8, 0, leftWidth)
	y = para(code, "B", 15, codeLine, 0, leftWidth) + 1
	qrTop := y
	if draw {
		if p.draft {
			d.SetDrawColor(150, 150, 150)
			d.SetDashPattern([]float64{1.5, 1.2}, 0)
			d.Rect(x, y, qrSide, qrSide, "D")
			d.SetDashPattern(nil, 0)
			d.SetDrawColor(0, 0, 0)
		} else {
			d.QRSized(p.qr, x, y, qrSide, p.link)
		}
		d.SetTextColor(60, 60, 60)
	}
	y = para("Quét mã hoặc nhập mã xác thực tại:", "", 8.5, howLine, qrSide+3, howWidth)
	y = para(p.VerifyURL, "", 7.5, howLine, qrSide+3, howWidth) + 1.5
	y = para(legalNote, "", 8, legalLine, qrSide+3, howWidth)
	if draw {
		d.SetTextColor(0, 0, 0)
	}
	return max(y, qrTop+qrSide) - top
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
