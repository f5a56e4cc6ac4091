package pdfdoc

import (
	"bytes"
	"math"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Letterhead is the head of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): the
// issuing agency under the body that manages it on the left, the number below; the state's name
// and motto on the right, the place and date below.
type Letterhead struct {
	Superior  string  // the managing body, in regular capitals; "" for none
	Agency    string  // the issuing agency, in bold capitals
	Number    string  // "Số: …"; "" for none
	PlaceDate string  // "Hoàn Kiếm, ngày 27 tháng 11 năm 2026"; "" for none
	LeftWidth float64 // the left column's width; 0 for 75 mm
}

// Letterhead draws h from the current position and returns the y below the longer column.
func (d *Doc) Letterhead(h Letterhead) float64 {
	leftWidth := h.LeftWidth
	if leftWidth == 0 {
		leftWidth = 75
	}
	rightX := MarginLeft + leftWidth + 2
	rightWidth := PageWidth - MarginRight - rightX
	top := d.GetY()

	left := top
	if h.Superior != "" {
		d.Font("", 10.5)
		left = d.Paragraph(MarginLeft, left, leftWidth, 5, d.unitBreak(strings.ToUpper(h.Superior), leftWidth), "C")
	}
	d.Font("B", 10.5)
	left = d.Paragraph(MarginLeft, left, leftWidth, 5, d.unitBreak(strings.ToUpper(h.Agency), leftWidth), "C")
	d.Rule(MarginLeft+leftWidth/2-12, left+1, 24)
	if h.Number != "" {
		d.Font("", 10)
		left = d.Paragraph(MarginLeft, left+3, leftWidth, 5, h.Number, "C")
	}

	d.Font("B", 10.5)
	right := d.Paragraph(rightX, top, rightWidth, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "C")
	const motto = "Độc lập - Tự do - Hạnh phúc"
	d.Font("B", 11.5)
	right = d.Paragraph(rightX, right+0.5, rightWidth, 5.5, motto, "C")
	w := d.GetStringWidth(motto)
	d.Rule(rightX+(rightWidth-w)/2, right+1, w)
	if h.PlaceDate != "" {
		d.Font("", 10.5)
		right = d.Paragraph(rightX, right+3, rightWidth, 5, h.PlaceDate, "C")
	}
	return math.Max(left, right)
}

// unitBreak breaks an agency's name that does not fit on one line before the name of its
// administrative unit, as letterheads do ("ỦY BAN NHÂN DÂN" / "PHƯỜNG HOÀN KIẾM"), rather than
// wherever the width ends. name is in capitals, in the current font.
func (d *Doc) unitBreak(name string, w float64) string {
	if len(d.Wrap(name, w)) <= 1 {
		return name
	}
	at := -1 // the last unit's name: "BẢO HIỂM XÃ HỘI" is no commune
	for _, unit := range []string{" PHƯỜNG ", " XÃ ", " ĐẶC KHU ", " THÀNH PHỐ ", " TỈNH "} {
		at = max(at, strings.LastIndex(name, unit))
	}
	if at > 0 {
		head, tail := name[:at], name[at+1:]
		if len(d.Wrap(head, w)) == 1 && len(d.Wrap(tail, w)) == 1 {
			return head + "\n" + tail
		}
	}
	return name
}

// QRSized places a QR code image (PNG) of side millimetres at (x, y), also a link to its
// address: for a document whose foot has less room than QRSide.
func (d *Doc) QRSized(png []byte, x, y, side float64, link string) {
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	d.RegisterImageOptionsReader("qr", opts, bytes.NewReader(png))
	d.ImageOptions("qr", x, y, side, side, false, opts, 0, link)
}

// Watermark writes text diagonally across the page in large pale red capitals, behind nothing
// it would hide: a draft's "BẢN XEM TRƯỚC".
func (d *Doc) Watermark(text string) {
	d.TransformBegin()
	d.TransformRotate(45, PageWidth/2, PageHeight/2)
	d.Font("B", 40)
	d.SetTextColor(240, 190, 190)
	w := d.GetStringWidth(text)
	d.Text(PageWidth/2-w/2, PageHeight/2+5, text)
	d.SetTextColor(0, 0, 0)
	d.TransformEnd()
}
