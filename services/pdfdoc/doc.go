// Package pdfdoc draws the portal's PDF documents (the receipt of an application and the
// electronic result) in the look of Vietnamese administrative documents (Decree 30/2020): A4,
// a wide left margin, the issuing agency top left and the national motto top right, labelled
// rows below, Vietnamese text in DejaVu Sans. Each document keeps its own layout in its own
// package; what they share is here, so they cannot drift apart.
package pdfdoc

import (
	"bytes"

	"github.com/go-pdf/fpdf"
)

// The page, in millimetres.
const (
	PageWidth    = 210.0
	PageHeight   = 297.0
	MarginLeft   = 25.0
	MarginRight  = 20.0
	MarginTop    = 18.0
	MarginBottom = 20.0
	ContentWidth = PageWidth - MarginLeft - MarginRight

	// A labelled row (Field): the label in a column on the left, the value beside it.
	LabelWidth = 50.0
	ValueX     = MarginLeft + LabelWidth
	ValueWidth = ContentWidth - LabelWidth
	BodySize   = 11.0 // points
	BodyLine   = 5.8
	RowGap     = 1.6

	// QRSide is the side of a printed QR code: large enough for any phone at arm's length.
	QRSide = 35.0
)

// FontFamily is the name documents give DejaVu Sans.
const FontFamily = "dejavu"

// Doc is one document being drawn: an fpdf document with the fonts registered, and the
// helpers both documents use. Build one per document; it is not safe for concurrent use.
type Doc struct {
	*fpdf.Fpdf
}

// New starts an A4 document in millimetres with both fonts registered. fpdf's automatic page
// break is off: Paragraph breaks pages itself, so a label and its value stay side by side.
func New(fonts Fonts) *Doc {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(FontFamily, "", fonts.Regular)
	f.AddUTF8FontFromBytes(FontFamily, "B", fonts.Bold)
	f.SetCatalogSort(true) // the same input gives the same bytes
	f.SetCreator("Một Lần - Cổng dịch vụ công", true)
	f.SetProducer("Một Lần", true)
	f.SetLang("vi-VN")
	f.SetMargins(MarginLeft, MarginTop, MarginRight)
	f.SetAutoPageBreak(false, MarginBottom)
	f.SetCellMargin(0)
	return &Doc{Fpdf: f}
}

// Bytes finishes the document and returns the PDF.
func (d *Doc) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Font sets DejaVu Sans in style ("" or "B") at size points.
func (d *Doc) Font(style string, size float64) { d.SetFont(FontFamily, style, size) }
