package results

import (
	"bytes"
	"fmt"

	"github.com/go-pdf/fpdf"

	"github.com/motlan/portal/services/receipt"
)

// fontFamily is the name the document gives DejaVu Sans.
const fontFamily = "dejavu"

// renderer draws results. The fonts are read once; each pdf call builds its own document, so
// one renderer serves concurrent approvals.
type renderer struct {
	regular, bold []byte // read-only
}

// newRenderer checks that fpdf can embed the fonts: it prints a font it cannot parse to stdout
// and carries on, so a probe surfaces the problem at start-up.
func newRenderer(regular, bold []byte) (*renderer, error) {
	r := &renderer{regular: regular, bold: bold}
	f := r.newDocument()
	f.AddPage()
	f.SetFont(fontFamily, "B", 10)
	f.CellFormat(0, 5, "Kết quả", "", 1, "L", false, 0, "")
	if err := f.Output(&bytes.Buffer{}); err != nil {
		return nil, fmt.Errorf("results: the fonts cannot be embedded: %w", err)
	}
	return r, nil
}

// pdf renders the result of in, numbered code, with its verification code. The same input
// gives the same bytes: the document's dates are the issue time, and its catalogues are
// sorted.
func (r *renderer) pdf(in Issue, code, verification string) ([]byte, error) {
	link := verifyLink(in.VerifyURL, verification)
	qr, err := receipt.PrintQR(link)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	f := r.newDocument()
	f.SetTitle("Kết quả giải quyết thủ tục hành chính "+code, true)
	f.SetSubject(in.ProcedureName, true)
	f.SetAuthor(in.AgencyName, true)
	f.SetKeywords("Mã xác thực "+verification, true)
	f.SetCreationDate(in.IssuedAt)
	f.SetModificationDate(in.IssuedAt)
	layout(f, page{Issue: in, code: code, verification: verification, link: link, qr: qr})
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("render %s: %w", code, err)
	}
	return buf.Bytes(), nil
}

// newDocument starts an A4 document in millimetres with both fonts registered.
func (r *renderer) newDocument() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontFamily, "", r.regular)
	f.AddUTF8FontFromBytes(fontFamily, "B", r.bold)
	f.SetCatalogSort(true)
	f.SetCreator("Một Lần - Cổng dịch vụ công", true)
	f.SetProducer("Một Lần", true)
	f.SetLang("vi-VN")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom) // paragraph breaks pages itself
	f.SetCellMargin(0)
	return f
}
