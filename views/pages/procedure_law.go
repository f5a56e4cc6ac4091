package pages

import (
	"context"
	"time"

	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
)

// FeeRowView is one charge on a procedure's page: the same item through both channels. An
// amount is the catalogue's text of it (catalogue.Fee.Amount: "Miễn phí" only for an exemption
// by law); empty when the channel has no such charge.
type FeeRowView struct {
	Name           components.Text
	Kind           components.Text // "Lệ phí", "Phí", "Thuế", "Lệ phí trước bạ"
	Online         FeeCell
	InPerson       FeeCell
	ExemptionBasis components.Text // the law that exempts it
	AmountNote     components.Text // how it is computed ("0,5% giá tính lệ phí trước bạ")
	Recipient      components.Text
	LegalBasis     components.Text
}

// FeeCell is a charge through one channel: its amount, and its own legal basis when it is not
// the charge's (a province's amount set by its People's Council).
type FeeCell struct {
	Amount     components.Text
	Basis      components.Text
	Provincial bool
}

// FeesView is a procedure's charges on its page: its own fees and charges, then the taxes the
// tax authority notifies, which are paid separately; for the nation or one province.
type FeesView struct {
	Known     bool
	Charges   []FeeRowView
	Taxes     []FeeRowView
	Province  string // the province shown, "" for the national schedule
	Provinces []components.OptionView
	Summary   components.Text
}

// LegalBasisView is one document a procedure rests on.
type LegalBasisView struct {
	Number        string
	Citation      components.Text // "Luật Hộ tịch số 60/2014/QH13" (catalogue.LegalBasis.Citation)
	Part          components.Text
	IssuedOn      *time.Time
	EffectiveFrom *time.Time
	Upcoming      bool // takes effect after today
}

// lawDates says when a document was issued and takes or took effect.
func lawDates(ctx context.Context, b LegalBasisView) string {
	out := ""
	if b.IssuedOn != nil {
		out = i18n.Tf(ctx, "law.issued", civil(ctx, *b.IssuedOn))
	}
	if b.EffectiveFrom != nil {
		key := "law.effective"
		if b.Upcoming {
			key = "law.upcoming"
		}
		if out != "" {
			out += "; "
		}
		out += i18n.Tf(ctx, key, civil(ctx, *b.EffectiveFrom))
	}
	return out
}

// feeAmount is an amount in the schedule, or says the channel has no such charge.
func feeAmount(ctx context.Context, t components.Text) string {
	if s := txt(ctx, t); s != "" {
		return s
	}
	return i18n.T(ctx, "law.fees.notapplicable")
}
