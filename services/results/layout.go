package results

import (
	"fmt"
	"strings"

	"github.com/motlan/portal/services/pdfdoc"
)

// page is what one result shows.
type page struct {
	Issue
	code, verification string
	link               string // the QR code's address
	qr                 []byte // PNG
}

// layout draws the whole result on d: as the receipt, an administrative document (Decree
// 30/2020) with the issuing agency and number top left, the national motto and date top right.
func layout(d *pdfdoc.Doc, p page) {
	d.SetFooterFunc(func() {
		d.Footer(fmt.Sprintf("Số: %s - Mã xác thực: %s - Trang %d", p.code, p.verification, d.PageNo()))
	})
	d.AddPage()
	d.SetY(d.Heading(p.AgencyName, 72, "Số: "+p.code, capitalise(officialDate(p.IssuedAt))) + 10)
	title(d, p.ProcedureName, p.ProcedureCode)

	applicant(d, p.Issue)
	d.Field("Số định danh cá nhân:", p.ApplicantIDMasked, false)
	d.Field("Mã hồ sơ:", p.CaseCode, false)
	d.Field("Cơ quan giải quyết:", p.AgencyName, false)
	decision(d, p.Decision)
	parties(d, p.Parties)
	for _, row := range p.Details {
		d.Field(row[0]+":", row[1], false)
	}
	d.Field("Ngày cấp:", instant(p.IssuedAt), false)
	signature(d, p)
	verification(d, p)
}

// title draws the document's name and the procedure it decides.
func title(d *pdfdoc.Doc, procedure, procedureCode string) {
	const (
		x = pdfdoc.MarginLeft
		w = pdfdoc.ContentWidth
	)
	d.Font("B", 14)
	y := d.Paragraph(x, d.GetY(), w, 7, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "C")
	d.Font("B", 12)
	y = d.Paragraph(x+10, y+1, w-20, 6, procedure, "C")
	d.Font("", 10)
	y = d.Paragraph(x, y+0.5, w, 5, "Mã thủ tục: "+procedureCode, "C")
	d.SetY(y + 7)
}

// decision draws the result's text under its heading, in a shaded box when it fits one page.
func decision(d *pdfdoc.Doc, text string) {
	const (
		x      = pdfdoc.MarginLeft
		w      = pdfdoc.ContentWidth
		bottom = pdfdoc.PageHeight - pdfdoc.MarginBottom
		pad    = 4.0
		line   = 6.4
	)
	d.Font("B", 12)
	n := len(d.Wrap(text, w-2*pad))
	h := float64(n)*line + 2*pad
	y := d.EnsureSpace(pdfdoc.BodyLine+2+min(h, 3*line)) + 2
	d.Font("B", pdfdoc.BodySize)
	y = d.Paragraph(x, y, w, pdfdoc.BodyLine, "Nội dung giải quyết:", "L") + 1.5
	if y+h > bottom && h <= bottom-pdfdoc.MarginTop {
		d.AddPage()
		y = d.GetY()
	}
	d.Font("B", 12)
	if y+h <= bottom {
		d.SetFillColor(242, 244, 247)
		d.SetDrawColor(120, 120, 120)
		d.Rect(x, y, w, h, "FD")
		d.SetDrawColor(0, 0, 0)
		d.SetFillColor(255, 255, 255)
		y = d.Paragraph(x+pad, y+pad, w-2*pad, line, text, "L") + pad
	} else {
		y = d.Paragraph(x, y, w, line, text, "L")
	}
	d.SetY(y + 4)
}

// applicant draws who applied, with the capacity they acted in ("Người đi đăng ký: Đặng Thị Mai
// — Mẹ của trẻ").
func applicant(d *pdfdoc.Doc, in Issue) {
	label, name := in.ApplicantLabel, in.ApplicantName
	if label == "" {
		label = "Người nộp hồ sơ"
	}
	if in.ApplicantRole != "" {
		name += " — " + in.ApplicantRole
	}
	d.Field(label+":", name, true)
}

// parties draws the other people the result names under their heading, one labelled row each:
// the name and the masked personal ID.
func parties(d *pdfdoc.Doc, ps []Party) {
	if len(ps) == 0 {
		return
	}
	d.Font("B", pdfdoc.BodySize)
	y := d.EnsureSpace(2 * pdfdoc.BodyLine)
	d.SetY(d.Paragraph(pdfdoc.MarginLeft, y, pdfdoc.ContentWidth, pdfdoc.BodyLine, "Những người liên quan:", "L") + 0.5)
	for _, p := range ps {
		value := p.Name
		if p.IDMasked != "" {
			value += ", số định danh cá nhân " + p.IDMasked
		}
		d.Field(p.Label+":", value, false)
	}
}

// signature draws, on the right, the box saying who signed the document and when.
func signature(d *pdfdoc.Doc, p page) {
	const (
		w    = 82.0
		x    = pdfdoc.PageWidth - pdfdoc.MarginRight - w
		pad  = 3.0
		line = 5.0
	)
	text := "Văn bản điện tử được ký số bởi " + p.AgencyName
	d.Font("B", 10)
	n := len(d.Wrap(text, w-2*pad))
	h := float64(n)*line + line + 2*pad
	y := d.EnsureSpace(h+4) + 4
	d.SetDrawColor(170, 20, 20)
	d.SetLineWidth(0.4)
	d.Rect(x, y, w, h, "D")
	d.SetLineWidth(0.2)
	d.SetDrawColor(0, 0, 0)
	d.SetTextColor(170, 20, 20)
	end := d.Paragraph(x+pad, y+pad, w-2*pad, line, text, "C")
	d.Font("", 9.5)
	d.Paragraph(x+pad, end, w-2*pad, line, "Thời điểm ký: "+instant(p.IssuedAt), "C")
	d.SetTextColor(0, 0, 0)
	d.SetY(y + h + 4)
}

// verification draws, at the foot of the last page, the verification code in large type and
// how to use it (left) and the QR code that opens the verification page (right).
func verification(d *pdfdoc.Doc, p page) {
	const (
		x         = pdfdoc.MarginLeft
		bottom    = pdfdoc.PageHeight - pdfdoc.MarginBottom
		qrX       = pdfdoc.PageWidth - pdfdoc.MarginRight - pdfdoc.QRSide
		textWidth = qrX - 6 - x
	)
	how := "Quét mã hoặc nhập mã xác thực tại " + p.VerifyURL
	const legal = "Kết quả giải quyết thủ tục hành chính điện tử có giá trị pháp lý như kết quả bằng giấy (Nghị định số 45/2020/NĐ-CP)."
	d.Font("", 9.5)
	textHeight := 1 + 5 + 1 + 10 + 2 + float64(len(d.Wrap(how, textWidth)))*4.8
	d.Font("", 8.5)
	textHeight += 1.5 + float64(len(d.Wrap(legal, textWidth)))*4.2
	block := 4 + max(pdfdoc.QRSide, textHeight)
	if d.GetY()+block > bottom {
		d.AddPage()
	}
	y := bottom - block
	d.Separator(y)
	y += 4

	d.QR(p.qr, qrX, y, p.link)

	d.Font("", 10)
	t := d.Paragraph(x, y+1, textWidth, 5, "Mã xác thực:", "L")
	d.Font("B", 22)
	t = d.Paragraph(x, t+1, textWidth, 10, p.verification, "L")
	d.Font("", 9.5)
	t = d.Paragraph(x, t+2, textWidth, 4.8, how, "L")
	d.Font("", 8.5)
	d.SetTextColor(90, 90, 90)
	d.Paragraph(x, t+1.5, textWidth, 4.2, legal, "L")
	d.SetTextColor(0, 0, 0)
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
