package ereceipt

import (
	"fmt"
	"strings"

	"github.com/motlan/portal/services/dong"
	"github.com/motlan/portal/services/pdfdoc"
)

// layout draws the whole receipt on d.
func layout(d *pdfdoc.Doc, rc Receipt) {
	d.AliasNbPages("{nb}")
	d.SetFooterFunc(func() {
		d.Footer(fmt.Sprintf("Biên lai số %s - Mã hồ sơ: %s - Trang %d/{nb}", rc.Number, rc.CaseCode, d.PageNo()))
	})
	d.AddPage()
	d.SetY(head(d, rc) + 5)
	title(d, rc)

	section(d, "Người nộp")
	row(d, "Họ và tên người nộp:", rc.PayerName, true)
	row(d, "Số định danh cá nhân:", rc.PayerPersonalID, false)

	section(d, "Khoản thu")
	row(d, "Mã hồ sơ:", rc.CaseCode, true)
	row(d, "Thủ tục hành chính:", rc.ProcedureName, false)
	row(d, "Loại khoản thu:", rc.ItemKind, false)
	row(d, "Tên khoản thu:", rc.ItemName, false)
	row(d, "Căn cứ thu:", rc.LegalBasis, false)
	amount(d, rc.AmountVND)

	section(d, "Thanh toán")
	row(d, "Hình thức thanh toán:", rc.PaymentMethod, false)
	row(d, "Mã giao dịch:", rc.TransactionNo, true)
	row(d, "Mã tham chiếu:", rc.TxnRef, false)
	row(d, "Ngân hàng:", rc.BankCode, false)
	row(d, "Thời điểm thanh toán:", instant(rc.PaidAt), false)

	collector(d, rc)
	notes(d, rc.VerifyNote)
}

// The rows of a receipt are set a little tighter than pdfdoc.Field's, so that every text as
// long as a real one gets still fits one page.
const (
	labelWidth = 46.0
	valueX     = pdfdoc.MarginLeft + labelWidth
	valueWidth = pdfdoc.ContentWidth - labelWidth
	bodySize   = 10.5 // points
	bodyLine   = 5.3
	rowGap     = 1.3
)

// row draws one labelled row, the value in bold when bold is set; an empty value leaves the
// row out. The label and the start of the value stay together on one page.
func row(d *pdfdoc.Doc, label, value string, bold bool) {
	if value == "" {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	d.Font(style, bodySize)
	lines := len(d.Wrap(value, valueWidth))
	y := d.EnsureSpace(float64(min(lines, 2)) * bodyLine)
	d.Font("", bodySize)
	d.Paragraph(pdfdoc.MarginLeft, y, labelWidth-2, bodyLine, label, "L")
	d.Font(style, bodySize)
	d.SetY(d.Paragraph(valueX, y, valueWidth, bodyLine, value, "L") + rowGap)
}

// head draws the collecting agency (and its address) on the left and the receipt's template,
// series and number on the right, and returns the y below the longer column.
func head(d *pdfdoc.Doc, rc Receipt) float64 {
	const (
		leftWidth  = 118.0
		rightX     = pdfdoc.MarginLeft + leftWidth + 6
		rightWidth = pdfdoc.PageWidth - pdfdoc.MarginRight - rightX
		line       = 5.0
	)
	top := d.GetY()
	d.Font("", 9)
	left := d.Paragraph(pdfdoc.MarginLeft, top, leftWidth, 4.5, "ĐƠN VỊ THU PHÍ, LỆ PHÍ", "L")
	d.Font("B", 10.5)
	left = d.Paragraph(pdfdoc.MarginLeft, left, leftWidth, line, strings.ToUpper(rc.Collector), "L")
	if rc.CollectorAddress != "" {
		d.Font("", 9.5)
		left = d.Paragraph(pdfdoc.MarginLeft, left+0.5, leftWidth, 4.5, "Địa chỉ: "+rc.CollectorAddress, "L")
	}

	right := top
	for _, row := range []struct{ label, value, style string }{
		{"Mẫu số: ", rc.Template, ""},
		{"Ký hiệu: ", rc.Series, ""},
		{"Số: ", rc.Number, "B"},
	} {
		d.Font("", 10)
		lw := d.GetStringWidth(row.label)
		d.SetXY(rightX, right)
		d.CellFormat(lw, line, row.label, "", 0, "L", false, 0, "")
		d.Font(row.style, 10)
		if row.style == "B" {
			d.SetTextColor(160, 20, 20)
		}
		right = d.Paragraph(rightX+lw, right, rightWidth-lw, line, row.value, "L")
		d.SetTextColor(0, 0, 0)
	}
	return max(left, right)
}

// title draws the receipt's name, that this is the representation of an electronic receipt,
// and when it was made.
func title(d *pdfdoc.Doc, rc Receipt) {
	const width = pdfdoc.ContentWidth
	d.Font("B", 15)
	y := d.Paragraph(pdfdoc.MarginLeft, d.GetY(), width, 7.5, "BIÊN LAI THU PHÍ, LỆ PHÍ", "C")
	d.Font("", 10.5)
	y = d.Paragraph(pdfdoc.MarginLeft, y+0.5, width, 5.5, "(Bản thể hiện của biên lai điện tử)", "C")
	y = d.Paragraph(pdfdoc.MarginLeft, y+0.5, width, 5.5, "Ngày lập: "+instant(rc.IssuedAt), "C")
	d.SetY(y + 4)
}

// section draws the small heading of a group of rows, over a grey line.
func section(d *pdfdoc.Doc, name string) {
	y := d.GetY() + 1
	d.Font("B", 10)
	d.SetTextColor(60, 60, 60)
	y = d.Paragraph(pdfdoc.MarginLeft, y, pdfdoc.ContentWidth, 5, strings.ToUpper(name), "L")
	d.SetTextColor(0, 0, 0)
	d.Separator(y + 0.3)
	d.SetY(y + 2.2)
}

// amount draws the amount in figures and in words in a shaded box, the labels in the label
// column: the lines a reader looks for first.
func amount(d *pdfdoc.Doc, vnd int64) {
	const (
		pad  = 2.2
		line = 5.8
	)
	figures, words := dong.Format(vnd), dong.Words(vnd)
	d.Font("B", 12)
	figureLines := d.Wrap(figures, valueWidth)
	d.Font("B", bodySize)
	wordLines := d.Wrap(words, valueWidth)
	h := float64(len(figureLines)+len(wordLines))*line + 1 + 2*pad

	y := d.EnsureSpace(h+1) + 1
	d.SetFillColor(242, 244, 247)
	d.SetDrawColor(160, 160, 160)
	d.Rect(pdfdoc.MarginLeft-pad, y, pdfdoc.ContentWidth+2*pad, h, "FD")
	d.SetDrawColor(0, 0, 0)
	d.SetFillColor(255, 255, 255)

	y += pad
	d.Font("", bodySize)
	d.Paragraph(pdfdoc.MarginLeft, y, labelWidth-2, line, "Số tiền:", "L")
	d.Font("B", 12)
	y = d.Paragraph(valueX, y, valueWidth, line, figures, "L") + 1
	d.Font("", bodySize)
	d.Paragraph(pdfdoc.MarginLeft, y, labelWidth-2, line, "Số tiền bằng chữ:", "L")
	d.Font("B", bodySize)
	y = d.Paragraph(valueX, y, valueWidth, line, words, "L")
	d.SetY(y + pad + 1 + rowGap)
}

// collector draws, on the right, who issued the receipt: the collecting agency. Nothing is
// signed; the notes say the portal made it.
func collector(d *pdfdoc.Doc, rc Receipt) {
	const (
		width = 100.0
		x     = pdfdoc.PageWidth - pdfdoc.MarginRight - width
	)
	d.Font("B", bodySize)
	n := len(d.Wrap(rc.Collector, width))
	y := d.EnsureSpace(float64(n+1)*5.3+4) + 2
	y = d.Paragraph(x, y, width, 5.3, "ĐƠN VỊ THU", "C")
	y = d.Paragraph(x, y, width, 5.3, rc.Collector, "C")
	d.SetY(y + 3)
}

// notes draws, in small grey type at the end, how to check the receipt and the legal basis of
// the receipt with the note that its template and series are the portal's.
func notes(d *pdfdoc.Doc, verify string) {
	texts := []string{
		"Biên lai do Cổng dịch vụ công Một Lần lập khi cổng thanh toán xác nhận giao dịch. " +
			"Biên lai điện tử theo Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định về hóa đơn, chứng từ; " +
			"mẫu số và ký hiệu biên lai là của Cổng dịch vụ công Một Lần.",
	}
	if verify != "" {
		texts = append([]string{verify}, texts...)
	}
	d.Font("", 8.5)
	y := d.EnsureSpace(14)
	d.Separator(y)
	y += 2
	d.SetTextColor(70, 70, 70)
	for _, text := range texts {
		y = d.Paragraph(pdfdoc.MarginLeft, y, pdfdoc.ContentWidth, 4.2, text, "L") + 0.8
	}
	d.SetTextColor(0, 0, 0)
	d.SetY(y)
}
