package payment

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/vnpay"
)

// MaxReportDays is the longest range of a report or an export.
const MaxReportDays = 366

// vnDay is the instant a Vietnam day begins, for the day t falls on in Vietnam; a civil date
// at 00:00 UTC (calendar.Date's form) names its own day.
func vnDay(t time.Time) time.Time {
	y, m, d := t.In(vnpay.Vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, vnpay.Vietnam)
}

// span is [the start of from's Vietnam day, the start of the day after to's).
func span(from, to time.Time) (time.Time, time.Time, error) {
	start, end := vnDay(from), vnDay(to).AddDate(0, 0, 1)
	if !end.After(start) || end.Sub(start) > MaxReportDays*24*time.Hour {
		return time.Time{}, time.Time{}, fault.New(fault.EINVALID, MsgRange, "payment.report")
	}
	return start, end, nil
}

// Report sums an agency's payments per Vietnam day in [from, to] (both days included): orders
// paid by the day they were paid, orders still pending and orders failed by the day they were
// made, refunds by the day they were flagged. Only days with something to show are listed, in
// order; Day is the civil date at 00:00 UTC.
func (s *Service) Report(ctx context.Context, agencyCode string, from, to time.Time) ([]DayReport, error) {
	start, end, err := span(from, to)
	if err != nil {
		return nil, err
	}
	q := storeOf(s.pool).q
	days := map[time.Time]*DayReport{}
	day := func(d time.Time) *DayReport {
		d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		if days[d] == nil {
			days[d] = &DayReport{Day: d}
		}
		return days[d]
	}
	paid, err := q.ReportPaid(ctx, agencyCode, &start, &end)
	if err != nil {
		return nil, fmt.Errorf("payment: report: %w", err)
	}
	for _, r := range paid {
		d := day(r.Day)
		d.PaidCount, d.PaidVND = r.N, r.Vnd
	}
	opened, err := q.ReportOpened(ctx, agencyCode, start, end)
	if err != nil {
		return nil, fmt.Errorf("payment: report: %w", err)
	}
	for _, r := range opened {
		if r.Pending+r.Failed > 0 {
			d := day(r.Day)
			d.PendingCount, d.FailedCount = r.Pending, r.Failed
		}
	}
	refunds, err := q.ReportRefunds(ctx, agencyCode, start, end)
	if err != nil {
		return nil, fmt.Errorf("payment: report: %w", err)
	}
	for _, r := range refunds {
		d := day(r.Day)
		d.RefundCount, d.RefundVND = r.N, r.Vnd
	}
	out := make([]DayReport, 0, len(days))
	for _, d := range days {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b DayReport) int { return a.Day.Compare(b.Day) })
	return out, nil
}

// Transactions lists an agency's orders created in [from, to] (Vietnam days, both included),
// sorted by merchant reference, for the CSV export that matches the gateway's reconciliation
// report (Order.GatewayStatus gives its status words). agencyCode "" lists every agency's, as
// the gateway's report of the one merchant does.
func (s *Service) Transactions(ctx context.Context, agencyCode string, from, to time.Time) ([]Order, error) {
	start, end, err := span(from, to)
	if err != nil {
		return nil, err
	}
	rows, err := storeOf(s.pool).q.OrdersCreatedIn(ctx, start, end, agencyCode)
	if err != nil {
		return nil, fmt.Errorf("payment: transactions: %w", err)
	}
	out := make([]Order, len(rows))
	for i, r := range rows {
		out[i] = orderView(r.PaymentOrder, r.CaseID, r.CaseCode, r.AgencyCode, r.RefundState, r.RefundVnd)
	}
	return out, nil
}
