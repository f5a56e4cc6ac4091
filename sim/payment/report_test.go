package payment_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// TestReport: the reconciliation report lists the transactions created in the range (Vietnam
// dates, both ends included), sorted by reference, with their status words.
func TestReport(t *testing.T) {
	t.Parallel()
	e := setup(t) // 2026-12-05 09:00 Vietnam
	open := func(ref string, o paymentsim.Outcome) {
		e.open(t, e.newOrder(ref))
		if o != "" {
			require.NoError(t, e.sim.Complete(bg, tmn, ref, o))
		}
	}
	day1 := e.clock.Now()
	open("ML3", paymentsim.OutcomeSuccess)     // 14000001
	open("ML1", "")                            // pending
	e.clock.Add(15*time.Hour + 30*time.Second) // 2026-12-06 00:00:30 Vietnam (17:00:30 UTC the day before)
	open("ML2", paymentsim.OutcomeCancel)      // 14000002
	open("ML4", paymentsim.OutcomeSuccess)     // 14000003, refunded in part below
	open("ML10", paymentsim.OutcomeFailure)
	e.clock.Add(24 * time.Hour)
	open("ML5", paymentsim.OutcomeSuccess) // the 7th: outside the range
	req := e.refundRequest("r1", "ML4", day1.Add(15*time.Hour+30*time.Second), vnpay.RefundPartial, 20_000)
	require.Equal(t, vnpay.APIOK, e.refund(t, req).ResponseCode)

	want := "txn_ref,transaction_no,amount_vnd,status,response_code,pay_date,bank_code,refunded_vnd\n" +
		"ML1,,50000,pending,,,,0\n" +
		"ML10,14000004,50000,failed,51,,NCB,0\n" +
		"ML2,14000002,50000,failed,24,,NCB,0\n" +
		"ML3,14000001,50000,paid,00,2026-12-05T09:00:00+07:00,NCB,0\n" +
		"ML4,14000003,50000,refunded,00,2026-12-06T00:00:30+07:00,NCB,20000\n"
	var b strings.Builder
	require.NoError(t, e.sim.WriteReport(&b, tmn, day1, day1.Add(24*time.Hour)))
	require.Equal(t, want, b.String())

	t.Run("HTTP", func(t *testing.T) {
		resp := e.admin(t, http.MethodGet, "/admin/report.csv?tmn=MOTLAN01&from=2026-12-05&to=2026-12-06", "", "")
		body, _ := io.ReadAll(resp.Body)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "text/csv; charset=utf-8", resp.Header.Get("Content-Type"))
		require.Equal(t, want, string(body))
		// The only merchant is the default.
		resp = e.admin(t, http.MethodGet, "/admin/report.csv?from=2026-12-06&to=2026-12-06", "", "")
		body, _ = io.ReadAll(resp.Body)
		require.Equal(t, 4, strings.Count(string(body), "\n"), string(body))
	})
	t.Run("ErrRange", func(t *testing.T) {
		for _, q := range []string{"from=2026-12-06&to=2026-12-05", "from=2026-12-05", "from=05/12/2026&to=2026-12-06", "tmn=OTHER&from=2026-12-05&to=2026-12-06"} {
			resp := e.admin(t, http.MethodGet, "/admin/report.csv?"+q, "", "")
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, q)
		}
	})
}
