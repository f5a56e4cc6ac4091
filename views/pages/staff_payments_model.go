package pages

import (
	"time"

	"github.com/motlan/portal/views/components"
)

// PaymentRequestPage is the officer's request for payment: the items already due, the rows to
// choose from (the fee schedule's, then blank ones) and the reason.
type PaymentRequestPage struct {
	Code          string
	Item          ProcedureItem
	ApplicantName string
	Version       int
	Due           []StaffPaymentItem // requested earlier, not paid yet: they count in the total
	DueVND        int64
	Rows          []PaymentRow
	NoSchedule    bool // the fee schedule has no online charge in the province
	Reason        string
	Kinds         []components.OptionView // the kinds of charge a blank row may be
	Errors        []components.ErrorLink
	ReasonError   string // i18n key
}

// PaymentRow is one line of the request form, as shown and as typed. A schedule row (Fee set)
// shows its kind, name and recipient from the fee schedule; a blank row asks for them.
type PaymentRow struct {
	Index     int
	Fee       string // the fee schedule's item key; "" for a blank row
	On        bool   // ticked: requested
	Kind      string
	KindName  components.Text
	Name      string // a blank row's, as typed
	Recipient string
	// NameText and RecipientText are a schedule row's, in both languages.
	NameText      components.Text
	RecipientText components.Text
	Amount        string          // as typed, or the schedule's amount
	AmountNote    components.Text // how the schedule says the amount is set, when it gives none
	Errors        map[string]string
}

// Err is the i18n key of the error on one of the row's fields ("on", "kind", "name",
// "recipient", "amount"), or "".
func (r PaymentRow) Err(field string) string { return r.Errors[field] }

// StaffPayments is the "Phí, lệ phí" section of the officer's case page.
type StaffPayments struct {
	Items     []StaffPaymentItem
	Orders    []StaffPaymentOrder
	DueVND    int64 // what is still to pay
	CanWaive  bool  // the case is open: a due item may be waived
	WaiveItem int64 // the item whose waiver failed (its reason is then asked again)
}

// StaffPaymentItem is one amount the case owes, with how it was paid.
type StaffPaymentItem struct {
	ID            int64
	Seq           int
	Kind          components.Text
	Name          components.Text
	Recipient     components.Text
	AmountVND     int64
	Reason        string
	Schedule      bool // due with the application, from the fee schedule
	State         string
	PaidAt        *time.Time
	TxnRef        string
	TransactionNo string
	ConfirmedBy   string // "ipn" or "query"
	Refund        string // "", "due", "requested", "failed"
	ReceiptURL    string // the e-receipt of a paid item
	WaiveURL      string
}

// StaffPaymentOrder is one attempt to pay through the gateway.
type StaffPaymentOrder struct {
	TxnRef       string
	ItemSeq      int
	AmountVND    int64
	State        string
	CreatedAt    time.Time
	ResponseCode string
	Refund       string
}

// PaymentReportPage is the supervisor's payments per day, with the range and its CSV.
type PaymentReportPage struct {
	AgencyName components.Text
	From, To   string // ISO dates, or what was typed
	FromError  string
	ToError    string
	Errors     []components.ErrorLink
	Days       []PaymentReportDay
	Total      PaymentReportDay
	CSVURL     string
}

// PaymentReportDay is one day's figures (Day zero for the total).
type PaymentReportDay struct {
	Day          time.Time
	PaidCount    int
	PaidVND      int64
	PendingCount int
	FailedCount  int
	RefundCount  int
	RefundVND    int64
}
