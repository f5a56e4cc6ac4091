package payment

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/motlan/portal/services/vnpay"
)

// ReportHeader is the header of the gateway's reconciliation report. A row per transaction
// created (vnp_CreateDate) in the date range, Vietnam time, sorted by txn_ref (byte order):
//
//	txn_ref        the merchant's vnp_TxnRef
//	transaction_no the gateway's vnp_TransactionNo; empty while pending
//	amount_vnd     the amount in đồng (not × 100)
//	status         pending (01), paid (00), failed (02: failed, cancelled or expired) or
//	               refunded (paid, then refunded in full or in part)
//	response_code  the payment's vnp_ResponseCode (00, 51, 24, 11); empty while pending
//	pay_date       the payment's vnp_PayDate as RFC 3339 in Vietnam time
//	               (2026-12-05T14:03:07+07:00), only when paid or refunded
//	bank_code      NCB once settled; empty while pending
//	refunded_vnd   the đồng refunded so far (0 if none)
//
// Fields are written by encoding/csv: comma-separated, quoted only when needed, lines ending
// in "\n", UTF-8 without a byte order mark.
var ReportHeader = []string{"txn_ref", "transaction_no", "amount_vnd", "status", "response_code", "pay_date", "bank_code", "refunded_vnd"}

// ReportDateLayout is the layout of the report's pay_date.
const ReportDateLayout = time.RFC3339

// WriteReport writes a merchant's reconciliation report for the transactions created from the
// day of from to the day of to, both included, in Vietnam dates.
func (s *Server) WriteReport(w io.Writer, tmnCode string, from, to time.Time) error {
	start := day(from)
	end := day(to).AddDate(0, 0, 1)
	cw := csv.NewWriter(w)
	if err := cw.Write(ReportHeader); err != nil {
		return err
	}
	for _, t := range s.Transactions(tmnCode) {
		if t.CreateDate.Before(start) || !t.CreateDate.Before(end) {
			continue
		}
		payDate := ""
		if t.Status == StatusPaid || t.Status == StatusRefunded {
			payDate = t.PayDate.In(vnpay.Vietnam).Format(ReportDateLayout)
		}
		if err := cw.Write([]string{t.TxnRef, t.TransactionNo, strconv.FormatInt(t.AmountVND, 10), t.Status,
			t.ResponseCode, payDate, t.BankCode, strconv.FormatInt(t.Refunded, 10)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// day is the start of t's day in Vietnam.
func day(t time.Time) time.Time {
	y, m, d := t.In(vnpay.Vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, vnpay.Vietnam)
}

// report serves GET /admin/report.csv?tmn=MOTLAN01&from=2026-12-01&to=2026-12-31.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	tmn, ok := s.reportMerchant(q.Get("tmn"))
	if !ok {
		writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": "tmn: want a known merchant code"})
		return
	}
	from, err1 := time.ParseInLocation(time.DateOnly, q.Get("from"), vnpay.Vietnam)
	to, err2 := time.ParseInLocation(time.DateOnly, q.Get("to"), vnpay.Vietnam)
	if err1 != nil || err2 != nil || to.Before(from) {
		writeJSONStatus(w, http.StatusBadRequest, map[string]string{"error": "from, to: want dates yyyy-mm-dd with from ≤ to"})
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="vnpay-%s-%s-%s.csv"`, tmn, q.Get("from"), q.Get("to")))
	if err := s.WriteReport(w, tmn, from, to); err != nil {
		s.log.Warn("payment-sim: report", "error", err)
	}
}
