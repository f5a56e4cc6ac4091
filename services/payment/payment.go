// Package payment is the portal as a merchant of the payment gateway (VNPAY 2.1.0,
// services/vnpay): the payment items a case owes (fees, charges, taxes, each with its
// recipient), the gateway orders that pay them (one idempotent merchant reference per attempt),
// the verified notifications (IPN) and transaction queries that alone mark an order paid, the
// reconciliation of orders left pending, refunds of money paid for a case that ended meanwhile,
// the e-receipt of each paid item, and the supervisor's report.
//
// It owns the tables payment_items, payment_orders, payment_events (append-only) and
// payment_refunds (migrations/00030). Amounts are integers in đồng. The case's status moves
// from 6 (payment requested) back to processing only when every item of the case is paid, in
// the transaction that records the last payment, through services/casework.
package payment

import (
	"time"

	"github.com/motlan/portal/services/forms"
)

// Item states.
const (
	ItemDue       = "due"       // to pay
	ItemPaid      = "paid"      // a verified notification or query confirmed an order
	ItemCancelled = "cancelled" // the case ended before it was paid; nothing to pay any more
	ItemWaived    = "waived"    // an officer exempted it, with a reason (exempt by law)
)

// Order states.
const (
	OrderPending = "pending" // sent to the gateway, no verified outcome yet
	OrderPaid    = "paid"    // confirmed by a verified IPN or a query
	OrderFailed  = "failed"  // the gateway reported a failure or a cancellation
	OrderExpired = "expired" // its vnp_ExpireDate passed without an outcome: a query found no payment, or a new order replaced it; a late verified success is still applied
)

// Who confirmed an order paid.
const (
	ConfirmedByIPN   = "ipn"   // the gateway's verified notification
	ConfirmedByQuery = "query" // reconciliation's transaction query (querydr)
)

// Refund states (of an order paid for an item that no longer needed it).
const (
	RefundDue       = "due"       // flagged, not yet asked of the gateway
	RefundRequested = "requested" // the gateway accepted the refund request
	RefundFailed    = "failed"    // the gateway refused; an operator must look
)

// Sources of an item.
const (
	SourceSchedule = "schedule" // the procedure's fee schedule, due with the application
	SourceOfficer  = "officer"  // an officer's request with a reason (status 6)
)

// Item is one amount a case owes to one recipient.
type Item struct {
	ID        int64
	CaseID    int64
	CaseCode  string
	Seq       int    // 1, 2, … within the case
	Kind      string // catalogue.FeeKinds(): le_phi, phi, thue, le_phi_truoc_ba
	Name      forms.Text
	Recipient forms.Text
	AmountVND int64
	Reason    string // the officer's reason, or the schedule's legal basis
	Source    string // SourceSchedule or SourceOfficer
	State     string // ItemDue, ItemPaid, ItemCancelled, ItemWaived
	// WaivedReason is the officer's reason for an exemption (ItemWaived).
	WaivedReason string
	CreatedAt    time.Time
	PaidAt       *time.Time
	// Of the order that paid it:
	TxnRef        string
	TransactionNo string // the gateway's transaction number
	BankCode      string
	ConfirmedBy   string // ConfirmedByIPN or ConfirmedByQuery
	// Refund is the refund state of an order paid for it that was not needed ("" none).
	Refund string
}

// Due reports whether the item is still to pay.
func (i Item) Due() bool { return i.State == ItemDue }

// NewItem is an item an officer asks for. NameEN and RecipientEN may be left empty: the
// Vietnamese text is used for them.
type NewItem struct {
	Kind        string
	NameVI      string
	NameEN      string
	RecipientVI string
	RecipientEN string
	AmountVND   int64
}

// Order is one attempt to pay an item through the gateway.
type Order struct {
	ID            int64
	ItemID        int64
	CaseID        int64
	CaseCode      string
	AgencyCode    string
	TxnRef        string // the merchant reference (vnp_TxnRef), unique
	AmountVND     int64
	State         string
	CreatedAt     time.Time // vnp_CreateDate
	ExpireAt      time.Time // vnp_ExpireDate
	TransactionNo string
	BankCode      string
	ResponseCode  string // the gateway's last vnp_ResponseCode
	PaidAt        *time.Time
	ConfirmedBy   string // "ipn" or "query"
	Refund        string // refund state, "" none
	RefundVND     int64  // the amount flagged or sent for refund
}

// Gateway statuses of an order, the words of the gateway simulator's reconciliation report
// (status column of sim/payment's report.csv), so that the two exports compare line by line.
const (
	GatewayPaid     = "paid"
	GatewayPending  = "pending"
	GatewayFailed   = "failed"
	GatewayRefunded = "refunded"
)

// RefundedVND is what the gateway accepted to refund of the order: RefundVND once the refund
// was requested, else 0 (the refunded_vnd column of the gateway's report).
func (o Order) RefundedVND() int64 {
	if o.Refund == RefundRequested {
		return o.RefundVND
	}
	return 0
}

// GatewayStatus is the order's state in the gateway's words: a paid order whose refund the
// gateway accepted is refunded; an order that expired unanswered is pending there.
func (o Order) GatewayStatus() string {
	switch {
	case o.State == OrderPaid && o.Refund == RefundRequested:
		return GatewayRefunded
	case o.State == OrderPaid:
		return GatewayPaid
	case o.State == OrderFailed:
		return GatewayFailed
	}
	return GatewayPending
}

// Return is what the browser's return from the gateway shows: read from the portal's own
// records, never from the parameters (which only say which order, once their signature holds).
type Return struct {
	CaseCode    string
	Item        Item
	OrderState  string
	GatewayCode string // vnp_ResponseCode the browser brought, for the message ("24" cancelled)
	SignatureOK bool
}

// DayReport is one day of an agency's payments, for the supervisor.
type DayReport struct {
	Day          time.Time // Vietnam date
	PaidCount    int
	PaidVND      int64
	PendingCount int
	FailedCount  int
	RefundCount  int // paid orders flagged or sent for refund
	RefundVND    int64
}

// Message keys of the faults this package returns (views/i18n/catalog_payment.go).
const (
	MsgItemNotDue  = "payment.item.notdue"     // the item is paid, waived or cancelled already
	MsgCaseClosed  = "payment.case.closed"     // the case has ended: nothing is paid for it any more
	MsgReason      = "payment.reason.required" // a waiver without a reason
	MsgNoItems     = "payment.items.none"      // a request without any item
	MsgItemInvalid = "payment.item.invalid"    // an item without a name, a kind or a positive amount
	MsgGatewayDown = "payment.gateway.down"    // the gateway could not be reached
	MsgNotFound    = "payment.notfound"
	// MsgReceiptUnavailable: the e-receipt cannot be drawn now (its fonts are missing).
	MsgReceiptUnavailable = "payment.receipt.unavailable"
	MsgRange              = "payment.report.range" // a report's range is empty or longer than MaxReportDays
)
