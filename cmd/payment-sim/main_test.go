package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := loadConfig(env(nil))
		require.NoError(t, err)
		require.Equal(t, "127.0.0.1:8083", cfg.Addr)
		require.Equal(t, "MOTLAN01", cfg.TmnCode)
		require.Equal(t, paymentsim.Merchant{Secret: "dev-vnpay-secret", IPNURL: "http://localhost:8080/payments/vnpay/ipn"}, cfg.Merchant)
		require.Equal(t, "dev-payment-admin", cfg.AdminToken)
		require.Equal(t, paymentsim.Faults{}, cfg.Faults)
		require.Zero(t, cfg.Delay)
		require.Equal(t, time.Minute, cfg.RetryEvery)
		require.Equal(t, "text", cfg.LogFormat)
	})
	t.Run("OK", func(t *testing.T) {
		cfg, err := loadConfig(env(map[string]string{
			"PAYMENT_SIM_ADDR": "127.0.0.1:9999", "VNPAY_TMN_CODE": "TEST0001", "VNPAY_HASH_SECRET": "s",
			"PAYMENT_SIM_IPN_URL": "https://portal.example/payments/vnpay/ipn", "PAYMENT_SIM_ADMIN_TOKEN": "a",
			"PAYMENT_SIM_FAULTS": "duplicate-ipn:3,delay-ipn:30s", "PAYMENT_SIM_IPN_RETRY": "10s", "LOG_FORMAT": "json",
		}))
		require.NoError(t, err)
		require.Equal(t, "127.0.0.1:9999", cfg.Addr)
		require.Equal(t, "TEST0001", cfg.TmnCode)
		require.Equal(t, paymentsim.Merchant{Secret: "s", IPNURL: "https://portal.example/payments/vnpay/ipn"}, cfg.Merchant)
		require.Equal(t, "a", cfg.AdminToken)
		require.Equal(t, paymentsim.Faults{DuplicateIPN: 3, DelayIPN: true}, cfg.Faults)
		require.Equal(t, 30*time.Second, cfg.Delay)
		require.Equal(t, 10*time.Second, cfg.RetryEvery)
		require.Equal(t, "json", cfg.LogFormat)
	})
	for name, vars := range map[string]map[string]string{
		"ErrFaults":    {"PAYMENT_SIM_FAULTS": "lose-everything"},
		"ErrIPNURL":    {"PAYMENT_SIM_IPN_URL": "/payments/vnpay/ipn"},
		"ErrRetry":     {"PAYMENT_SIM_IPN_RETRY": "0s"},
		"ErrLogFormat": {"LOG_FORMAT": "xml"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadConfig(env(vars))
			require.Error(t, err)
		})
	}
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunServesAndShutsDown: the command serves the payer's page for the configured merchant,
// sends the IPN to the configured URL with the configured secret, and shuts down.
func TestRunServesAndShutsDown(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var ipns []url.Values
	merchant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ipns = append(ipns, r.URL.Query())
		mu.Unlock()
		_, _ = w.Write([]byte(`{"RspCode":"00","Message":"Confirm Success"}`))
	}))
	defer merchant.Close()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var logs syncBuffer
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, env(map[string]string{"PAYMENT_SIM_ADDR": "127.0.0.1:0", "LOG_FORMAT": "json",
			"PAYMENT_SIM_IPN_URL": merchant.URL + "/ipn"}), &logs, func(a net.Addr) { addrc <- a })
	}()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("run returned early: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("not listening after 30s")
	}

	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	now := time.Now()
	q := url.Values{}
	for k, v := range map[string]string{
		vnpay.ParamVersion: vnpay.Version, vnpay.ParamCommand: vnpay.CommandPay, vnpay.ParamTmnCode: "MOTLAN01",
		vnpay.ParamAmount: vnpay.FormatAmount(10_000), vnpay.ParamCreateDate: vnpay.FormatDate(now), vnpay.ParamCurrCode: "VND",
		vnpay.ParamIPAddr: "127.0.0.1", vnpay.ParamLocale: "vn", vnpay.ParamOrderInfo: "Thanh toan le phi", vnpay.ParamOrderType: "other",
		vnpay.ParamReturnURL: "http://localhost:8080/payments/return", vnpay.ParamExpireDate: vnpay.FormatDate(now.Add(15 * time.Minute)),
		vnpay.ParamTxnRef: "ML1",
	} {
		q.Set(k, v)
	}
	resp, err = http.Get(base + vnpay.PayPath + "?" + vnpay.SignParams("dev-vnpay-secret", q))
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, string(page))
	_, rest, ok := strings.Cut(string(page), `name="token" value="`)
	require.True(t, ok)
	token, _, _ := strings.Cut(rest, `"`)

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noRedirect.PostForm(base+vnpay.PayPath, url.Values{"tmn": {"MOTLAN01"}, "ref": {"ML1"}, "token": {token}, "choice": {"success"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.True(t, strings.HasPrefix(resp.Header.Get("Location"), "http://localhost:8080/payments/return?"))
	mu.Lock()
	require.Len(t, ipns, 1)
	require.True(t, vnpay.Verify("dev-vnpay-secret", ipns[0]))
	mu.Unlock()

	req, err := http.NewRequest(http.MethodGet, base+"/admin/faults", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer dev-payment-admin")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown after 10s")
	}
	require.Contains(t, logs.String(), `"msg":"payment-sim: listening"`)
	require.Contains(t, logs.String(), `"msg":"payment-sim: transaction settled"`)
}

func TestRunRejectsBadConfig(t *testing.T) {
	t.Parallel()
	err := run(t.Context(), env(map[string]string{"PAYMENT_SIM_FAULTS": "nowhere"}), io.Discard, nil)
	require.Error(t, err)
}

// TestEvery: the background schedule calls its work once per tick and stops with its context.
func TestEvery(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	ticks := make(chan time.Time)
	calls := make(chan struct{}, 3)
	done := make(chan struct{})
	go func() {
		every(ctx, ticks, func() { calls <- struct{}{} })
		close(done)
	}()
	ticks <- time.Time{}
	ticks <- time.Time{}
	<-calls
	<-calls
	cancel()
	<-done
	require.Empty(t, calls)
}
