package staff

import (
	"bytes"
	"encoding/csv"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/payment"
	"github.com/motlan/portal/services/vnpay"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
)

// maxReportDays bounds the report's range: a year.
const maxReportDays = 366

// reconciliationHeader is the gateway's reconciliation report's header (sim/payment's
// ReportHeader, VNPAY's merchant reconciliation file): the portal's CSV has the same columns,
// the same status words, the same date format and the same order, so the two files diff.
var reconciliationHeader = []string{"txn_ref", "transaction_no", "amount_vnd", "status", "response_code", "pay_date", "bank_code", "refunded_vnd"}

// reportRange is the report's range as asked: two Vietnam dates, this month so far when nothing
// was typed, with the problem of each box.
type reportRange struct {
	From, To           string // ISO, or what was typed
	FromDay, ToDay     time.Time
	FromError, ToError string
}

// readReportRange reads the from and to dates (three boxes each, or one ISO value).
func (h *Handler) readReportRange(get func(string) string) reportRange {
	now := h.Payments.now().In(vnpay.Vietnam)
	r := reportRange{From: forms.ReadDate(get, "from"), To: forms.ReadDate(get, "to")}
	if r.From == "" {
		r.From = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, vnpay.Vietnam).Format(time.DateOnly)
	}
	if r.To == "" {
		r.To = now.Format(time.DateOnly)
	}
	if r.FromError = forms.DateProblem(r.From); r.FromError == "" {
		r.FromDay, _ = time.ParseInLocation(time.DateOnly, r.From, vnpay.Vietnam)
	}
	if r.ToError = forms.DateProblem(r.To); r.ToError == "" {
		r.ToDay, _ = time.ParseInLocation(time.DateOnly, r.To, vnpay.Vietnam)
	}
	switch {
	case r.FromError != "" || r.ToError != "":
	case r.ToDay.Before(r.FromDay):
		r.ToError = i18n.MsgPayReportDateOrder
	case r.ToDay.Sub(r.FromDay) >= maxReportDays*24*time.Hour:
		r.ToError = i18n.MsgPayReportRange
	}
	return r
}

func (r reportRange) ok() bool { return r.FromError == "" && r.ToError == "" }

// ShowPaymentsReport is the supervisor's report of the agency's online payments per day.
func (h *Handler) ShowPaymentsReport(c echo.Context) error {
	if h.Payments.Merchant == nil {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.paymentsReport")
	}
	m, _ := Member(c)
	ctx := c.Request().Context()
	r := h.readReportRange(c.QueryParam)
	p := pages.PaymentReportPage{From: r.From, To: r.To, FromError: r.FromError, ToError: r.ToError,
		CSVURL: "/staff/dashboard/payments.csv?" + url.Values{"from": {r.From}, "to": {r.To}}.Encode()}
	if a, err := h.Catalogue.Agency(ctx, m.AgencyCode); err == nil {
		p.AgencyName = components.Text{VI: a.NameVI, EN: a.NameEN}
	}
	if !r.ok() {
		if r.FromError != "" {
			p.Errors = append(p.Errors, components.ErrorLink{FieldID: "from", Message: r.FromError, Label: components.Text{VI: "Từ ngày", EN: "From"}})
		}
		if r.ToError != "" {
			p.Errors = append(p.Errors, components.ErrorLink{FieldID: "to", Message: r.ToError, Label: components.Text{VI: "Đến ngày", EN: "To"}})
		}
		return c.Render(http.StatusUnprocessableEntity, "", pages.DashboardPayments(p))
	}
	days, err := h.Payments.Merchant.Report(ctx, m.AgencyCode, r.FromDay, r.ToDay)
	if err != nil {
		return err
	}
	for _, d := range days {
		row := pages.PaymentReportDay{Day: d.Day, PaidCount: d.PaidCount, PaidVND: d.PaidVND, PendingCount: d.PendingCount,
			FailedCount: d.FailedCount, RefundCount: d.RefundCount, RefundVND: d.RefundVND}
		p.Days = append(p.Days, row)
		p.Total.PaidCount += d.PaidCount
		p.Total.PaidVND += d.PaidVND
		p.Total.PendingCount += d.PendingCount
		p.Total.FailedCount += d.FailedCount
		p.Total.RefundCount += d.RefundCount
		p.Total.RefundVND += d.RefundVND
	}
	return c.Render(http.StatusOK, "", pages.DashboardPayments(p))
}

// ExportPaymentsCSV downloads the agency's gateway orders created in the range in the gateway's
// reconciliation format (writeReconciliation), for an operator to diff with the gateway's file.
func (h *Handler) ExportPaymentsCSV(c echo.Context) error {
	if h.Payments.Merchant == nil {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.paymentsCSV")
	}
	m, _ := Member(c)
	r := h.readReportRange(c.QueryParam)
	if !r.ok() {
		return fault.New(fault.EINVALID, "error.invalid", "staff.paymentsCSV")
	}
	orders, err := h.Payments.Merchant.Transactions(c.Request().Context(), m.AgencyCode, r.FromDay, r.ToDay)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeReconciliation(&buf, orders); err != nil {
		return err
	}
	name := "doi-soat-" + m.AgencyCode + "-" + r.From + "-" + r.To + ".csv"
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// writeReconciliation writes orders as the gateway's reconciliation report: sorted by txn_ref
// (byte order), the status in the gateway's words (payment.Order.GatewayStatus), pay_date in
// RFC 3339 Vietnam time only for a paid or refunded order, refunded_vnd what the gateway
// accepted to refund (payment.Order.RefundedVND: a refund only flagged has not reached it). Written by
// encoding/csv, lines ending in "\n", no byte order mark, as the gateway's.
func writeReconciliation(w io.Writer, orders []payment.Order) error {
	orders = slices.Clone(orders)
	slices.SortFunc(orders, func(a, b payment.Order) int { return strings.Compare(a.TxnRef, b.TxnRef) })
	cw := csv.NewWriter(w)
	if err := cw.Write(reconciliationHeader); err != nil {
		return err
	}
	for _, o := range orders {
		st, payDate := o.GatewayStatus(), ""
		if (st == payment.GatewayPaid || st == payment.GatewayRefunded) && o.PaidAt != nil {
			payDate = o.PaidAt.In(vnpay.Vietnam).Format(time.RFC3339)
		}
		if err := cw.Write([]string{o.TxnRef, o.TransactionNo, strconv.FormatInt(o.AmountVND, 10), st, o.ResponseCode, payDate,
			o.BankCode, strconv.FormatInt(o.RefundedVND(), 10)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
