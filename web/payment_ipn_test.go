package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// gatewayCall is the gateway's server-to-server GET of the portal's IPN: no cookie jar, no
// redirect followed; host, when set, replaces the Host header. The gateway always gets 200 and
// the merchant's JSON answer with its documented message.
func gatewayCall(t *testing.T, s *stack, q string, host string) (vnpay.IPNAnswer, *http.Response) {
	t.Helper()
	ans, resp, err := ipnGet(s, q, host)
	require.NoError(t, err)
	return ans, resp
}

// ipnGet is gatewayCall for a goroutine: it returns what went wrong instead of failing the test.
func ipnGet(s *stack, q string, host string) (vnpay.IPNAnswer, *http.Response, error) {
	var ans vnpay.IPNAnswer
	req, err := http.NewRequest(http.MethodGet, s.portalURL+"/payments/vnpay/ipn?"+q, nil)
	if err != nil {
		return ans, nil, err
	}
	if host != "" {
		req.Host = host
	}
	client := &http.Client{Timeout: 15 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return ans, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return ans, resp, err
	}
	if resp.StatusCode != http.StatusOK {
		return ans, resp, fmt.Errorf("status %d, want 200: %s", resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return ans, resp, fmt.Errorf("%w: %s", err, body)
	}
	if ans.Message != vnpay.IPNMessages[ans.RspCode] {
		return ans, resp, fmt.Errorf("message %q of %s, want the documented %q", ans.Message, ans.RspCode, vnpay.IPNMessages[ans.RspCode])
	}
	return ans, resp, nil
}

// resigned is q with changes applied and signed again with the merchant's secret: what a
// gateway that knows the secret would send.
func resigned(q url.Values, changes map[string]string) string {
	c := url.Values{}
	for k, v := range q {
		if k != vnpay.ParamSecureHash && k != vnpay.ParamSecureHashType {
			c[k] = append([]string(nil), v...)
		}
	}
	for k, v := range changes {
		c.Set(k, v)
	}
	return vnpay.SignParams(vnpaySecret, c)
}

// settledWithoutIPN pays item 1 of the case on the gateway with the IPN lost, and returns the
// signed IPN the gateway would have sent.
func settledWithoutIPN(t *testing.T, s *stack, sim paymentSim, an *browser, code string, o paymentsim.Outcome) url.Values {
	t.Helper()
	sim.SetFaults(paymentsim.Faults{LoseIPN: true})
	defer sim.SetFaults(paymentsim.Faults{})
	to := an.pay(s, code, 1)
	require.Equal(t, http.StatusSeeOther, to.status, to.body)
	ref := mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef)
	_, err := sim.Open(to.location)
	require.NoError(t, err)
	require.NoError(t, sim.Complete(context.Background(), vnpayTmnCode, ref, o))
	q, ok := sim.IPNQuery(vnpayTmnCode, ref)
	require.True(t, ok)
	return q
}

func orderState(t *testing.T, s *stack, ref string) string {
	t.Helper()
	var st string
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT state FROM payment_orders WHERE txn_ref = $1`, ref).Scan(&st))
	return st
}

func caseStatusOf(t *testing.T, s *stack, code string) int {
	t.Helper()
	return int(caseOf(t, s, code).Status)
}

// TestIPNRoute: the gateway's notification through the portal's route answers each of the
// protocol's codes, with 200 and JSON, on any host, without a session or a cookie; only the
// genuine one pays, once.
func TestIPNRoute(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code, _ := paymentCase(t, s, "3", feeItem)
	ipn := settledWithoutIPN(t, s, sim, an, code, paymentsim.OutcomeSuccess)
	ref := ipn.Get(vnpay.ParamTxnRef)
	require.Equal(t, "pending", orderState(t, s, ref), "the IPN was lost: nothing is paid yet")

	refused := []struct {
		name, query, code string
	}{
		{"97Tampered", strings.Replace(ipn.Encode(), "vnp_Amount=5000000", "vnp_Amount=100", 1), vnpay.IPNInvalidSignature},
		{"97WrongSecret", func() string {
			c := url.Values{}
			for k, v := range ipn {
				c[k] = v
			}
			c.Del(vnpay.ParamSecureHash)
			return vnpay.SignParams("not-the-secret", c)
		}(), vnpay.IPNInvalidSignature},
		{"97Unsigned", "", vnpay.IPNInvalidSignature},
		{"01UnknownOrder", resigned(ipn, map[string]string{vnpay.ParamTxnRef: "ML20991231999999"}), vnpay.IPNOrderNotFound},
		{"04WrongAmount", resigned(ipn, map[string]string{vnpay.ParamAmount: vnpay.FormatAmount(5_000)}), vnpay.IPNInvalidAmount},
	}
	for _, tc := range refused {
		ans, resp := gatewayCall(t, s, tc.query, "")
		require.Equal(t, tc.code, ans.RspCode, tc.name)
		require.Empty(t, resp.Header.Values("Set-Cookie"), "%s: no session, no CSRF cookie for the gateway", tc.name)
		require.Equal(t, "pending", orderState(t, s, ref), "%s changes nothing", tc.name)
		require.Equal(t, 6, caseStatusOf(t, s, code), tc.name)
	}

	ans, resp := gatewayCall(t, s, ipn.Encode(), "")
	require.Equal(t, vnpay.IPNConfirmed, ans.RspCode)
	require.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"), resp.Header.Get("Content-Type"))
	require.Empty(t, resp.Header.Values("Set-Cookie"))
	require.Equal(t, "paid", orderState(t, s, ref))
	require.Equal(t, 4, caseStatusOf(t, s, code), "the only item paid: the case moves on")

	ans, _ = gatewayCall(t, s, ipn.Encode(), "")
	require.Equal(t, vnpay.IPNAlreadyConfirmed, ans.RspCode, "a repeat is already confirmed")
	ans, resp = gatewayCall(t, s, ipn.Encode(), "portal-upstream.internal:8080")
	require.Equal(t, vnpay.IPNAlreadyConfirmed, ans.RspCode, "answered on any host, not redirected (%d)", resp.StatusCode)

	t.Run("99TooLong", func(t *testing.T) {
		ans, _ := gatewayCall(t, s, ipn.Encode()+"&vnp_Pad="+strings.Repeat("x", 5000), "")
		require.Equal(t, vnpay.IPNOther, ans.RspCode)
	})
	t.Run("99Database", func(t *testing.T) {
		ctx := context.Background()
		_, err := s.db.Exec(ctx, `ALTER TABLE payment_orders RENAME TO payment_orders_away`)
		require.NoError(t, err)
		ans, _ := gatewayCall(t, s, ipn.Encode(), "")
		_, err = s.db.Exec(ctx, `ALTER TABLE payment_orders_away RENAME TO payment_orders`)
		require.NoError(t, err)
		require.Equal(t, vnpay.IPNOther, ans.RspCode, "the gateway retries a 99")
	})
	t.Run("ErrNotAPage", func(t *testing.T) {
		b := newBrowser(t)
		p := b.post(s.portalURL+"/payments/vnpay/ipn?"+ipn.Encode(), url.Values{})
		require.NotEqual(t, http.StatusOK, p.status, "only the gateway's GET is answered")
	})
}

// TestDuplicateIPNs: twenty copies of the gateway's notification at once through the route make
// one payment and one step of the case; the gateway's own duplicates (its DuplicateIPN fault)
// too. A wrong amount and a bad signature sent by the gateway are refused with their codes and
// leave the case unpaid.
func TestDuplicateIPNs(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	paymentEvents := func(caseID int64, kind string) int {
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM payment_events WHERE case_id = $1 AND kind = $2`,
			caseID, kind).Scan(&n))
		return n
	}
	caseSteps := func(caseID int64, action string) int {
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM case_events WHERE case_id = $1 AND action = $2`,
			caseID, action).Scan(&n))
		return n
	}

	t.Run("TwentyAtOnce", func(t *testing.T) {
		code, id := paymentCase(t, s, "4", feeItem)
		ipn := settledWithoutIPN(t, s, sim, an, code, paymentsim.OutcomeSuccess)
		answers := make(chan string, 20)
		errs := make(chan error, 20)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				ans, _, err := ipnGet(s, ipn.Encode(), "")
				answers <- ans.RspCode
				errs <- err
			}()
		}
		close(start)
		wg.Wait()
		close(answers)
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		count := map[string]int{}
		for c := range answers {
			count[c]++
		}
		require.Equal(t, map[string]int{vnpay.IPNConfirmed: 1, vnpay.IPNAlreadyConfirmed: 19}, count)
		require.Equal(t, 1, paymentEvents(id, "paid"), "one payment")
		require.Equal(t, 1, caseSteps(id, "confirm_payment"), "one step of the case")
		require.Equal(t, 4, caseStatusOf(t, s, code))
	})
	t.Run("GatewayDuplicates", func(t *testing.T) {
		code, id := paymentCase(t, s, "5", feeItem)
		sim.SetFaults(paymentsim.Faults{DuplicateIPN: 5})
		defer sim.SetFaults(paymentsim.Faults{})
		to := an.pay(s, code, 1)
		back := an.returnPage(an.choose(to.location, paymentsim.OutcomeSuccess))
		require.Equal(t, "paid", outcomeOf(t, back), back.body)
		txn, ok := sim.Transaction(vnpayTmnCode, mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef))
		require.True(t, ok)
		count := map[string]int{}
		for _, a := range txn.IPNs {
			count[a.RspCode]++
		}
		require.Equal(t, map[string]int{vnpay.IPNConfirmed: 1, vnpay.IPNAlreadyConfirmed: 5}, count)
		require.Equal(t, 1, paymentEvents(id, "paid"))
		require.Equal(t, 1, caseSteps(id, "confirm_payment"))
	})
	for _, tc := range []struct {
		name   string
		faults paymentsim.Faults
		code   string
	}{
		{"WrongAmountRefused", paymentsim.Faults{WrongAmount: true}, vnpay.IPNInvalidAmount},
		{"BadSignatureRefused", paymentsim.Faults{BadSignature: true}, vnpay.IPNInvalidSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _ := paymentCase(t, s, tc.name[:1]+"6", feeItem)
			sim.SetFaults(tc.faults)
			defer sim.SetFaults(paymentsim.Faults{})
			to := an.pay(s, code, 1)
			ref := mustParse(t, to.location).Query().Get(vnpay.ParamTxnRef)
			back := an.returnPage(an.choose(to.location, paymentsim.OutcomeSuccess))
			require.Equal(t, "pending", outcomeOf(t, back), "the browser's success is not a payment")
			txn, ok := sim.Transaction(vnpayTmnCode, ref)
			require.True(t, ok)
			require.NotEmpty(t, txn.IPNs)
			for _, a := range txn.IPNs {
				require.Equal(t, tc.code, a.RspCode)
			}
			require.Equal(t, "pending", orderState(t, s, ref))
			require.Equal(t, 6, caseStatusOf(t, s, code), "the case stays unpaid")
			cp := an.get(s.portalURL + "/cases/" + code)
			require.Equal(t, "due", itemState(t, cp, 1))
		})
	}
}
