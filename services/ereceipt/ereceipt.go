// Package ereceipt draws the e-receipt of a fee paid online: the "Biên lai thu phí, lệ phí"
// the collecting agency issues for each paid item, as the PDF a citizen downloads and an
// officer opens (the representation, "bản thể hiện", of the electronic receipt).
//
// What a receipt for fees and charges shows follows Decree 123/2020/NĐ-CP of 19/10/2020 on
// invoices and receipts (hóa đơn, chứng từ; its chapter on receipts): the receipt's name, its
// template and series, its number, the collecting agency, the payer, the kind and name of the
// charge, the amount in figures and in words, and the date it was made. The template (mẫu số)
// and the series (ký hiệu) the portal prints are its own (PortalTemplate, PortalSeries): no
// tax authority has registered them. The payment part (method, the gateway's transaction
// number, the merchant's reference, the bank, the time) is what the gateway confirmed.
//
// The layout is the portal's administrative look (services/pdfdoc): A4, DejaVu Sans, one page.
// SignedPDF embeds the collecting agency's PAdES signature (services/signing), so that the
// payer, or a bank, can check the receipt in any PDF reader; PDF draws it unsigned.
package ereceipt

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/pdfdoc"
)

// Receipt is one e-receipt, in plain values. Texts are Vietnamese; times are instants, shown
// in Vietnam time (UTC+7) as dd/mm/yyyy hh:mm.
type Receipt struct {
	Number   string    // the receipt's number, FormatNumber(id): "0000123"
	Template string    // ký hiệu mẫu biên lai (mẫu số): PortalTemplate
	Series   string    // ký hiệu biên lai: PortalSeries(year of IssuedAt)
	IssuedAt time.Time // when the receipt was made: when the payment was confirmed

	Collector        string // the agency that collects the charge (the item's recipient): "Công an phường Hoàn Kiếm"
	CollectorAddress string // optional

	PayerName       string // the applicant's full name
	PayerPersonalID string // the applicant's personal ID; printed masked ("********2345"), optional

	CaseCode      string // "UBND-00070-261127-0001"
	ProcedureName string // "Đăng ký thường trú"
	ItemName      string // the charge: "Lệ phí đăng ký cư trú"
	ItemKind      string // its kind, catalogue.FeeKindName(kind).VI: "Lệ phí", "Phí", "Thuế", "Lệ phí trước bạ"
	LegalBasis    string // the act the charge rests on; optional
	AmountVND     int64  // > 0

	PaymentMethod string    // MethodVNPAY when empty
	TxnRef        string    // the merchant's order reference (vnp_TxnRef)
	TransactionNo string    // the gateway's transaction number (vnp_TransactionNo)
	BankCode      string    // the payer's bank (vnp_BankCode); optional
	PaidAt        time.Time // when the gateway says the payer paid (vnp_PayDate)

	VerifyNote string // optional: where and how to check the receipt
}

// MethodVNPAY is the payment method of an item paid through the gateway.
const MethodVNPAY = "Thanh toán trực tuyến qua cổng thanh toán VNPAY"

// PortalTemplate is the template (mẫu số) the portal prints on its receipts, its own sign: no
// tax authority has registered it.
const PortalTemplate = "ML-BL01"

// PortalSeries is the series (ký hiệu) of the receipts the portal makes in year: "ML-26E",
// E for electronic. The portal's own, like PortalTemplate.
func PortalSeries(year int) string { return fmt.Sprintf("ML-%02dE", year%100) }

// FormatNumber writes a receipt's number with seven digits: 123 is "0000123".
func FormatNumber(n int64) string { return fmt.Sprintf("%07d", n) }

// ErrIncomplete is returned by PDF for a receipt that lacks what a receipt must show. It is a
// defect of the caller (the payment records), not of the citizen's input.
var ErrIncomplete = errors.New("ereceipt: incomplete receipt")

// Renderer renders e-receipts. The fonts are read once; each PDF call builds its own document
// from them, so one Renderer serves concurrent requests.
type Renderer struct {
	fonts  pdfdoc.Fonts
	sealer Sealer // signs in SignedPDF (sealed.go); nil: SignedPDF fails
}

// NewRenderer reads the DejaVu Sans fonts from fontDir, or, when fontDir is "", from
// $RECEIPT_FONT_DIR and then /usr/share/fonts/truetype/dejavu (pdfdoc.FindFonts), and fails
// when they are missing or lack Vietnamese letters, so a receipt never has missing glyphs.
func NewRenderer(fontDir string) (*Renderer, error) {
	fonts, err := pdfdoc.FindFonts(fontDir)
	if err != nil {
		return nil, fmt.Errorf("ereceipt: %w", err)
	}
	return &Renderer{fonts: fonts}, nil
}

// PDF renders rc as an A4 PDF: one page, even with every text as long as a real one gets; a
// receipt longer still goes on overleaf rather than fail. The same receipt always gives the same bytes: the
// document's dates are the receipt's, and its catalogues are sorted.
func (r *Renderer) PDF(rc Receipt) ([]byte, error) {
	rc = clean(rc)
	if err := validate(rc); err != nil {
		return nil, err
	}
	d := pdfdoc.New(r.fonts)
	d.SetTitle("Biên lai thu phí, lệ phí số "+rc.Number+" - "+rc.CaseCode, true)
	d.SetSubject(rc.ItemName, true)
	d.SetAuthor(rc.Collector, true)
	d.SetCreationDate(rc.IssuedAt)
	d.SetModificationDate(rc.IssuedAt)
	layout(d, rc)
	pdf, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("ereceipt: render %s of %s: %w", rc.Number, rc.CaseCode, err)
	}
	return pdf, nil
}

// validate reports what a receipt lacks.
func validate(rc Receipt) error {
	var missing []string
	for _, field := range []struct{ name, value string }{
		{"Number", rc.Number},
		{"Template", rc.Template},
		{"Series", rc.Series},
		{"Collector", rc.Collector},
		{"PayerName", rc.PayerName},
		{"CaseCode", rc.CaseCode},
		{"ProcedureName", rc.ProcedureName},
		{"ItemName", rc.ItemName},
		{"ItemKind", rc.ItemKind},
		{"TxnRef", rc.TxnRef},
		{"TransactionNo", rc.TransactionNo},
	} {
		if field.value == "" {
			missing = append(missing, field.name)
		}
	}
	if rc.IssuedAt.IsZero() {
		missing = append(missing, "IssuedAt")
	}
	if rc.PaidAt.IsZero() {
		missing = append(missing, "PaidAt")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w %q of %q: missing %s", ErrIncomplete, rc.Number, rc.CaseCode, strings.Join(missing, ", "))
	}
	if rc.AmountVND <= 0 {
		return fmt.Errorf("%w %q of %q: amount %d is not positive", ErrIncomplete, rc.Number, rc.CaseCode, rc.AmountVND)
	}
	return nil
}
