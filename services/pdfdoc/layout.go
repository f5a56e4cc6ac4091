package pdfdoc

import (
	"bytes"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Wrap splits text into lines that fit width w in the current font. Each line of text is a
// paragraph of its own; inside one, lines break between words, and inside a word only when
// the word alone is wider than w, so a long word is cut, never lost or let past the margin.
// Text is expected in NFC, as Vietnamese letters then are single runes that are never cut.
//
// Paragraphs are split here rather than left to fpdf's SplitText: given several at once,
// SplitText turns a space that falls at the end of a full line, just before a line break, into
// an extra empty line.
func (d *Doc) Wrap(text string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		split := d.SplitText(para, w)
		if len(split) == 0 {
			split = []string{""}
		}
		for _, l := range split {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return lines
}

// Paragraph draws text wrapped to width w from (x, y), one line every lh, in the current font,
// moving to a new page when a line would cross the bottom margin. It returns the y below the
// last line.
func (d *Doc) Paragraph(x, y, w, lh float64, text, align string) float64 {
	for _, line := range d.Wrap(text, w) {
		if y+lh > PageHeight-MarginBottom {
			d.AddPage()
			y = d.GetY()
		}
		d.SetXY(x, y)
		d.CellFormat(w, lh, line, "", 0, align, false, 0, "")
		y += lh
	}
	return y
}

// EnsureSpace starts a new page unless h millimetres fit below the current position, and
// returns the y to draw at.
func (d *Doc) EnsureSpace(h float64) float64 {
	if d.GetY()+h > PageHeight-MarginBottom {
		d.AddPage()
	}
	return d.GetY()
}

// Rule draws a short horizontal line, as under the headings of official documents.
func (d *Doc) Rule(x, y, w float64) {
	d.SetLineWidth(0.3)
	d.Line(x, y, x+w, y)
	d.SetLineWidth(0.2)
}

// Separator draws a grey line across the page at y.
func (d *Doc) Separator(y float64) {
	d.SetDrawColor(160, 160, 160)
	d.Line(MarginLeft, y, PageWidth-MarginRight, y)
	d.SetDrawColor(0, 0, 0)
}

// Heading draws the two columns at the top of an administrative document: the agency's name in
// capitals over a short rule, in a column leftWidth wide, and the name of the state and its
// motto over a rule, centred in the rest of the width. leftNote (the document's number) and
// rightNote (its place and date), when not empty, go under the rules. It returns the y below
// the longer column.
func (d *Doc) Heading(agency string, leftWidth float64, leftNote, rightNote string) float64 {
	rightX := MarginLeft + leftWidth + 2
	rightWidth := PageWidth - MarginRight - rightX
	top := d.GetY()

	d.Font("B", 10.5)
	left := d.Paragraph(MarginLeft, top, leftWidth, 5, d.unitBreak(strings.ToUpper(agency), leftWidth), "C")
	d.Rule(MarginLeft+leftWidth/2-12, left+1, 24)
	if leftNote != "" {
		d.Font("", 10)
		left = d.Paragraph(MarginLeft, left+3, leftWidth, 5, leftNote, "C")
	}

	d.Font("B", 10.5)
	right := d.Paragraph(rightX, top, rightWidth, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "C")
	const motto = "Độc lập - Tự do - Hạnh phúc"
	d.Font("B", 11.5)
	right = d.Paragraph(rightX, right+0.5, rightWidth, 5.5, motto, "C")
	w := d.GetStringWidth(motto)
	d.Rule(rightX+(rightWidth-w)/2, right+1, w)
	if rightNote != "" {
		d.Font("", 10)
		right = d.Paragraph(rightX, right+3, rightWidth, 5, rightNote, "C")
	}
	return max(left, right)
}

// Field draws one labelled row, the value in bold when bold is set; an empty value leaves the
// row out. The label and the start of the value stay together on one page; a long value may
// go on overleaf.
func (d *Doc) Field(label, value string, bold bool) {
	if value == "" {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	d.Font("", BodySize)
	labelLines := len(d.Wrap(label, LabelWidth-2))
	d.Font(style, BodySize)
	valueLines := len(d.Wrap(value, ValueWidth))
	y := d.EnsureSpace(float64(max(labelLines, min(valueLines, 3))) * BodyLine)
	page := d.PageNo()

	d.Font("", BodySize)
	labelEnd := d.Paragraph(MarginLeft, y, LabelWidth-2, BodyLine, label, "L")
	d.Font(style, BodySize)
	end := d.Paragraph(ValueX, y, ValueWidth, BodyLine, value, "L")
	if d.PageNo() == page {
		end = max(end, labelEnd)
	}
	d.SetY(end + RowGap)
}

// QR places a QR code image (PNG) of QRSide at (x, y), also a link to its address.
func (d *Doc) QR(png []byte, x, y float64, link string) {
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	d.RegisterImageOptionsReader("qr", opts, bytes.NewReader(png))
	d.ImageOptions("qr", x, y, QRSide, QRSide, false, opts, 0, link)
}

// Footer writes text centred in small grey type at the foot of the page; documents call it
// from their footer function, so it is on every page.
func (d *Doc) Footer(text string) {
	d.SetY(PageHeight - MarginBottom + 8)
	d.Font("", 8)
	d.SetTextColor(110, 110, 110)
	d.CellFormat(ContentWidth, 4, text, "", 0, "C", false, 0, "")
	d.SetTextColor(0, 0, 0)
}
