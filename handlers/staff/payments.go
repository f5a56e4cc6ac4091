package staff

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// Payments is what the officer's payment pages and the supervisor's payments report need.
// A nil Merchant: the portal takes no payments, and the pages say nothing of them.
type Payments struct {
	Merchant Merchant
	Fees     FeeSchedule
	Now      func() time.Time
}

// Merchant is the portal as the payment gateway's merchant (services/payment).
type Merchant interface {
	Request(ctx context.Context, a casework.Actor, caseID int64, version int, reason string, items []payment.NewItem) (cases.Case, error)
	Waive(ctx context.Context, a casework.Actor, itemID int64, reason string) error
	Items(ctx context.Context, caseID int64) ([]payment.Item, error)
	Orders(ctx context.Context, caseID int64) ([]payment.Order, error)
	ReceiptPDF(ctx context.Context, citizenID int64, agencyCode string, itemID int64) ([]byte, error)
	Report(ctx context.Context, agencyCode string, from, to time.Time) ([]payment.DayReport, error)
	Transactions(ctx context.Context, agencyCode string, from, to time.Time) ([]payment.Order, error)
}

// FeeSchedule gives a procedure's charges in a province through a channel (services/catalogue).
type FeeSchedule interface {
	Fees(ctx context.Context, code, province, channel string, on time.Time) ([]catalogue.Fee, error)
}

var (
	_ Merchant    = (*payment.Service)(nil)
	_ FeeSchedule = (*catalogue.Service)(nil)
)

func (p Payments) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// casePayments fills the case page's "Phí, lệ phí" section: the items, the orders behind them
// and, for an open case, the waiver of each item still due.
func (h *Handler) casePayments(ctx context.Context, k cases.Case) (pages.StaffPayments, error) {
	var out pages.StaffPayments
	if h.Payments.Merchant == nil {
		return out, nil
	}
	items, err := h.Payments.Merchant.Items(ctx, k.ID)
	if err != nil || len(items) == 0 {
		return out, err
	}
	orders, err := h.Payments.Merchant.Orders(ctx, k.ID)
	if err != nil {
		return out, err
	}
	out.CanWaive = status.Open.Has(k.Status)
	seqOf := map[int64]int{}
	for _, it := range items {
		seqOf[it.ID] = it.Seq
		v := staffPaymentItem(k.Code, it)
		if it.Due() {
			out.DueVND += it.AmountVND
		}
		out.Items = append(out.Items, v)
	}
	for _, o := range orders {
		out.Orders = append(out.Orders, pages.StaffPaymentOrder{TxnRef: o.TxnRef, ItemSeq: seqOf[o.ItemID], AmountVND: o.AmountVND,
			State: o.State, CreatedAt: o.CreatedAt, ResponseCode: o.ResponseCode, Refund: o.Refund})
	}
	return out, nil
}

// staffPaymentItem is one item as the officer's pages show it.
func staffPaymentItem(code string, it payment.Item) pages.StaffPaymentItem {
	v := pages.StaffPaymentItem{ID: it.ID, Seq: it.Seq, Kind: citizen.Text(catalogue.FeeKindName(it.Kind)), Name: citizen.Text(it.Name),
		Recipient: citizen.Text(it.Recipient), AmountVND: it.AmountVND, Reason: it.Reason, Schedule: it.Source == payment.SourceSchedule,
		State: it.State, PaidAt: it.PaidAt, TxnRef: it.TxnRef, TransactionNo: it.TransactionNo, ConfirmedBy: it.ConfirmedBy,
		Refund: it.Refund}
	if it.State == payment.ItemWaived && it.WaivedReason != "" {
		v.Reason = it.WaivedReason
	}
	base := "/staff/cases/" + code + "/payments/" + strconv.Itoa(it.Seq)
	if it.State == payment.ItemPaid {
		v.ReceiptURL = base + "/receipt.pdf"
	}
	if it.Due() {
		v.WaiveURL = base + "/waive"
	}
	return v
}

// caseItem finds the item of the URL, by its number in the case (as the citizen's addresses
// have it), among the case's: an item of another case is not found, like a missing one.
func (h *Handler) caseItem(ctx context.Context, k cases.Case, param string) (payment.Item, error) {
	notFound := fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.paymentItem")
	if h.Payments.Merchant == nil {
		return payment.Item{}, notFound
	}
	seq, err := strconv.Atoi(param)
	if err != nil {
		return payment.Item{}, notFound
	}
	items, err := h.Payments.Merchant.Items(ctx, k.ID)
	if err != nil {
		return payment.Item{}, err
	}
	if i := slices.IndexFunc(items, func(it payment.Item) bool { return it.Seq == seq }); i >= 0 {
		return items[i], nil
	}
	return payment.Item{}, notFound
}

// WaiveItem exempts one due item of the case, with the officer's reason; the case moves on
// when nothing else is due (services/payment).
func (h *Handler) WaiveItem(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	k, err := h.Casework.Cases.ForAgency(ctx, m.AgencyCode, c.Param("code"))
	if err != nil {
		return err
	}
	it, err := h.caseItem(ctx, k, c.Param("item"))
	if err != nil {
		return err
	}
	field := "waive-reason-" + strconv.Itoa(it.Seq)
	reason := forms.Clean(c.FormValue("reason"))
	if reason == "" {
		return h.renderCaseField(c, i18n.MsgWaiveReason, field, http.StatusUnprocessableEntity)
	}
	err = h.Payments.Merchant.Waive(ctx, actor(m), it.ID, reason)
	switch code := fault.Code(err); {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/cases/"+k.Code, i18n.MsgDonePaymentWaived))
	case code == fault.EINVALID:
		return h.renderCaseField(c, fault.Message(err), field, http.StatusUnprocessableEntity)
	case code == fault.ECONFLICT || code == fault.EFORBIDDEN:
		return h.renderCase(c, fault.Message(err), http.StatusConflict)
	}
	return err
}

// PaymentReceiptPDF gives the officer the e-receipt of a paid item of the agency's case. The
// receipt names the payer: reading it is an access to their data, logged as the case page's.
func (h *Handler) PaymentReceiptPDF(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	f, err := h.Casework.Files.ForOfficer(ctx, actor(m), c.Param("code"))
	if err != nil {
		return err
	}
	it, err := h.caseItem(ctx, f.Case, c.Param("item"))
	if err != nil {
		return err
	}
	pdf, err := h.Payments.Merchant.ReceiptPDF(ctx, 0, m.AgencyCode, it.ID)
	if err != nil {
		return err
	}
	return citizen.SendPDF(c, "bien-lai-"+f.Case.Code+"-"+strconv.Itoa(it.Seq)+".pdf", pdf)
}
