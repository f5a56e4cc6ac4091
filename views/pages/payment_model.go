package pages

import (
	"context"
	"time"

	"github.com/motlan/portal/services/dong"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
)

// CasePayments is the "Phí, lệ phí" section of the citizen's case page: each amount the case
// owes, its state, and what the citizen can do about it (pay it, download its e-receipt).
type CasePayments struct {
	Items  []PaymentItemView
	DueVND int64 // still to pay
}

// Payment item states as the views show them (services/payment's item states).
const (
	PaymentDue       = "due"
	PaymentPaid      = "paid"
	PaymentWaived    = "waived"
	PaymentCancelled = "cancelled"
)

// PaymentItemView is one amount a case owes, as the citizen sees it.
type PaymentItemView struct {
	Seq           int
	Kind          components.Text // "Lệ phí"
	Name          components.Text
	Recipient     components.Text
	AmountVND     int64
	State         string // PaymentDue, PaymentPaid, PaymentWaived, PaymentCancelled
	PaidAt        *time.Time
	TransactionNo string // the gateway's transaction number of the payment
	PayURL        string // where "Thanh toán" posts; "" when it cannot be paid now
	ReceiptURL    string // the e-receipt of a paid item
}

// Outcomes of the return from the payment gateway, as the return page says them.
const (
	ReturnPaid      = "paid"      // a verified notification confirmed the payment
	ReturnPending   = "pending"   // no verified outcome yet: the page reloads itself
	ReturnCancelled = "cancelled" // the payer cancelled on the gateway's page
	ReturnFailed    = "failed"    // the gateway reported a failure, or the order expired
	ReturnInvalid   = "invalid"   // the parameters' signature does not hold: nothing is shown of them
)

// PaymentReturnPage is where the gateway sends the payer's browser back: what the portal's
// own records say of the order, never what the browser brought.
type PaymentReturnPage struct {
	Outcome  string // Return*
	CaseCode string
	Item     PaymentItemView
	// CheckURL is where a pending page is checked again ("Kiểm tra lại", and by the page's
	// script every CheckSeconds); "" once it has waited long enough (the reconciliation job
	// settles the order later, and the case page shows it).
	CheckURL     string
	CheckSeconds int
}

// Amount is an amount of đồng as the payment pages write it: "50.000 đồng", "VND 50,000".
func Amount(ctx context.Context, vnd int64) string {
	if i18n.Lang(ctx) == i18n.En {
		return dong.FormatEN(vnd)
	}
	return dong.Format(vnd)
}
