package receipt

import (
	"fmt"

	"github.com/motlan/portal/services/pdfdoc"
)

// layout draws the whole receipt on d.
func layout(d *pdfdoc.Doc, rc Receipt, qr []byte) {
	d.SetFooterFunc(func() { d.Footer(fmt.Sprintf("Mã hồ sơ: %s - Trang %d", rc.CaseCode, d.PageNo())) })
	d.AddPage()
	d.SetY(d.Heading(rc.AgencyName, 70, "", "") + 12)
	title(d, noticeTitle, rc.CaseCode)

	d.Field("Người nộp hồ sơ:", rc.ApplicantName, true)
	d.Field("Số định danh cá nhân:", rc.ApplicantIDMasked, false)
	d.Field("Thủ tục:", rc.ProcedureName, true)
	d.Field("Mã thủ tục:", rc.ProcedureCode, false)
	d.Field("Cơ quan tiếp nhận:", rc.AgencyName, false)
	reason(d, rc.RoutingReason)
	d.Field("Hình thức nộp:", "Trực tuyến", false)
	d.Field("Thời điểm nộp hồ sơ:", instant(rc.SubmittedAt), false)
	parties(d, rc.Parties)
	documents(d, "Giấy tờ đã nộp", rc.Documents)
	d.Field("Thời hạn giải quyết:", processingTime(rc.ProcessingDays), false)
	d.Field("Phí, lệ phí:", rc.Fee, false)
	d.Field("Ngày hẹn trả kết quả:", civilDate(rc.ExpectedResult), true)
	if rc.CountsFromNextDay {
		subline(d, afterCutOff(rc.CutOff))
	}
	d.Field("Ghi chú:", rc.Note, false)

	qrBlock(d, rc.TrackURL, qr)
}

// The names of the two documents: the confirmation a citizen gets when submitting online, and the
// slip the agency issues when it receives the case (DOMAIN-CHECK §3, §8).
const (
	noticeTitle = "THÔNG BÁO ĐÃ NỘP HỒ SƠ TRỰC TUYẾN"
	slipTitle   = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
)

// title draws the document's name and, boxed below it, the case code.
func title(d *pdfdoc.Doc, name, caseCode string) {
	const width = pdfdoc.ContentWidth
	d.Font("B", 14)
	y := d.Paragraph(pdfdoc.MarginLeft, d.GetY(), width, 7, name, "C")

	const pad = 5.0
	text := "Mã hồ sơ: " + caseCode
	d.Font("B", 13)
	lines := d.Wrap(text, width-2*pad)
	w := width
	if len(lines) == 1 {
		w = d.GetStringWidth(text) + 2*pad
	}
	x := pdfdoc.MarginLeft + (width-w)/2
	y += 4
	d.SetLineWidth(0.4)
	d.Rect(x, y, w, float64(len(lines))*6.5+3, "D")
	d.SetLineWidth(0.2)
	y = d.Paragraph(x+pad, y+1.5, w-2*pad, 6.5, text, "C")
	d.SetY(y + 1.5 + 8)
}

// reason draws, in the value column just under the receiving agency, why the case went there.
func reason(d *pdfdoc.Doc, text string) {
	if text == "" {
		return
	}
	subline(d, "Lý do: "+text)
}

// subline draws text in small grey type in the value column, close under the row above.
func subline(d *pdfdoc.Doc, text string) {
	const line = 5.0
	d.Font("", 10)
	y := d.GetY() - pdfdoc.RowGap + 0.4 // close under the row above
	d.SetTextColor(70, 70, 70)
	end := d.Paragraph(pdfdoc.ValueX, y, pdfdoc.ValueWidth, line, text, "L")
	d.SetTextColor(0, 0, 0)
	d.SetY(end + pdfdoc.RowGap)
}

// partyColumns are the columns of the table of parties, in millimetres; they fill the content
// width.
var partyColumns = [4]struct {
	head  string
	width float64
}{
	{"Người liên quan", 47},
	{"Họ, chữ đệm, tên", 35},
	{"Số định danh", 26},
	{"Nguồn thông tin", pdfdoc.ContentWidth - 47 - 35 - 26},
}

// parties draws the people the case names as a table under its heading: what each one is to
// the case (and, for the applicant, the capacity they act in), their name, their masked
// personal ID and where their identity came from. A row is never split over two pages; a
// table that goes on overleaf repeats its header.
func parties(d *pdfdoc.Doc, ps []Party) {
	if len(ps) == 0 {
		return
	}
	const (
		size = 9.5 // the header's is 9
		line = 4.5
		pad  = 1.2 // above and below a row's text
		side = 0.8 // left and right of a cell's text
	)
	cells := func(p Party) [4]string {
		label := p.Label
		if p.Role != "" {
			label += "\nTư cách: " + p.Role
		}
		return [4]string{label, p.FullName, p.IDMasked, p.Source}
	}
	font := func(style string) {
		if style == "B" {
			d.Font(style, size-0.5)
		} else {
			d.Font(style, size)
		}
	}
	height := func(row [4]string, style string) float64 {
		font(style)
		n := 1
		for i, text := range row {
			n = max(n, len(d.Wrap(text, partyColumns[i].width-2*side)))
		}
		return float64(n)*line + 2*pad
	}
	var head [4]string
	for i, c := range partyColumns {
		head[i] = c.head
	}
	row := func(y float64, r [4]string, style string, fill bool) float64 {
		h := height(r, style)
		if fill {
			d.SetFillColor(242, 244, 247)
			d.Rect(pdfdoc.MarginLeft, y, pdfdoc.ContentWidth, h, "F")
			d.SetFillColor(255, 255, 255)
		}
		font(style)
		x := pdfdoc.MarginLeft
		for i, text := range r {
			d.Paragraph(x+side, y+pad, partyColumns[i].width-2*side, line, text, "L")
			x += partyColumns[i].width
		}
		d.SetDrawColor(160, 160, 160)
		d.Line(pdfdoc.MarginLeft, y+h, pdfdoc.PageWidth-pdfdoc.MarginRight, y+h)
		d.SetDrawColor(0, 0, 0)
		return y + h
	}

	first := height(cells(ps[0]), "")
	y := d.EnsureSpace(pdfdoc.BodyLine + 1 + height(head, "B") + first)
	d.Font("B", pdfdoc.BodySize)
	y = d.Paragraph(pdfdoc.MarginLeft, y, pdfdoc.ContentWidth, pdfdoc.BodyLine, "Những người liên quan:", "L") + 1
	y = row(y, head, "B", true)
	for _, p := range ps {
		r := cells(p)
		if y+height(r, "") > pdfdoc.PageHeight-pdfdoc.MarginBottom {
			d.AddPage()
			y = row(d.GetY(), head, "B", true)
		}
		y = row(y, r, "", false)
	}
	d.SetY(y + pdfdoc.RowGap + 1)
}

// documents draws the numbered list of what was submitted, under label, with hanging indents.
func documents(d *pdfdoc.Doc, label string, docs []string) {
	if len(docs) == 0 {
		return
	}
	const (
		labelWidth = pdfdoc.LabelWidth - 2
		line       = pdfdoc.BodyLine
	)
	d.Font("", pdfdoc.BodySize)
	numWidth := d.GetStringWidth(fmt.Sprintf("%d.", len(docs))) + 2
	for i, doc := range docs {
		n := len(d.Wrap(doc, pdfdoc.ValueWidth-numWidth))
		y := d.EnsureSpace(float64(min(n, 3)) * line)
		if i == 0 || y == pdfdoc.MarginTop {
			text := label + ":"
			if i > 0 {
				text = label + " (tiếp):"
			}
			d.Paragraph(pdfdoc.MarginLeft, y, labelWidth, line, text, "L")
		}
		d.SetXY(pdfdoc.ValueX, y)
		d.CellFormat(numWidth, line, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		end := d.Paragraph(pdfdoc.ValueX+numWidth, y, pdfdoc.ValueWidth-numWidth, line, doc, "L")
		d.SetY(end + 0.6)
	}
	d.SetY(d.GetY() + pdfdoc.RowGap - 0.6)
}

// qrBlock draws the QR code of the case page on the right, its caption below it, and the
// address of the case page on the left.
func qrBlock(d *pdfdoc.Doc, url string, png []byte) {
	const (
		side         = pdfdoc.QRSide
		captionWidth = side + 10
		qrX          = pdfdoc.PageWidth - pdfdoc.MarginRight - captionWidth/2 - side/2
		textWidth    = qrX - 8 - pdfdoc.MarginLeft
	)
	y := d.EnsureSpace(6+side+6) + 4
	d.Separator(y)
	y += 2

	d.QR(png, qrX, y, url)
	d.Font("", 9)
	d.Paragraph(qrX+side/2-captionWidth/2, y+side, captionWidth, 4.5, "Quét mã để tra cứu hồ sơ", "C")

	d.Font("", 10)
	t := d.Paragraph(pdfdoc.MarginLeft, y+4, textWidth, 5,
		"Hồ sơ được nộp trực tuyến trên Cổng dịch vụ công Một Lần. Theo dõi tình trạng hồ sơ bằng mã hồ sơ, hoặc tại địa chỉ:", "L")
	d.Font("", 9)
	d.SetTextColor(0, 51, 153)
	for _, line := range d.Wrap(url, textWidth) {
		d.SetXY(pdfdoc.MarginLeft, t+1)
		d.CellFormat(textWidth, 4.5, line, "", 0, "L", false, 0, url)
		t += 4.5
	}
	d.SetTextColor(0, 0, 0)
}
