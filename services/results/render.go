package results

import (
	"fmt"

	"github.com/motlan/portal/services/pdfdoc"
	"github.com/motlan/portal/services/receipt"
)

// renderer draws results. The fonts are read once; each pdf call builds its own document, so
// one renderer serves concurrent approvals.
type renderer struct {
	fonts pdfdoc.Fonts // read-only
}

// newRenderer checks that the fonts write Vietnamese and that fpdf can embed them, so a
// problem surfaces at start-up rather than in a citizen's result.
func newRenderer(regular, bold []byte) (*renderer, error) {
	fonts := pdfdoc.Fonts{Regular: regular, Bold: bold}
	if err := fonts.Check(); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return &renderer{fonts: fonts}, nil
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
	d := pdfdoc.New(r.fonts)
	d.SetTitle("Kết quả giải quyết thủ tục hành chính "+code, true)
	d.SetSubject(in.ProcedureName, true)
	d.SetAuthor(in.AgencyName, true)
	d.SetKeywords("Mã xác thực "+verification, true)
	d.SetCreationDate(in.IssuedAt)
	d.SetModificationDate(in.IssuedAt)
	layout(d, page{Issue: in, code: code, verification: verification, link: link, qr: qr})
	pdf, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", code, err)
	}
	return pdf, nil
}
