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
	return r.render(page{Issue: in, code: code, verification: verification, link: link, qr: qr}, in.Body.Name+" "+code)
}

// draft renders in as the unsigned preview of its result: no number, no verification code, no
// signature, "BẢN XEM TRƯỚC — CHƯA KÝ" across every page.
func (r *renderer) draft(in Issue) ([]byte, error) {
	return r.render(page{Issue: in, draft: true}, "Bản xem trước - "+in.Body.Name+" - "+in.CaseCode)
}

func (r *renderer) render(p page, title string) ([]byte, error) {
	d := pdfdoc.New(r.fonts)
	d.SetTitle(title, true)
	d.SetSubject(p.ProcedureName, true)
	d.SetAuthor(p.Letterhead.Name, true)
	if p.verification != "" {
		d.SetKeywords("Mã xác thực "+p.verification, true)
	}
	d.SetCreationDate(p.IssuedAt)
	d.SetModificationDate(p.IssuedAt)
	layout(d, p)
	pdf, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", title, err)
	}
	return pdf, nil
}
