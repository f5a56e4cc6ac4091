package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// operatorLog sends the address the portal's operator listener logs, and drops the rest.
type operatorLog struct{ addrs chan<- string }

func (h operatorLog) Enabled(context.Context, slog.Level) bool { return true }

func (h operatorLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "operator listening" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "addr" {
			select {
			case h.addrs <- a.Value.String():
			default:
			}
		}
		return true
	})
	return nil
}

func (h operatorLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h operatorLog) WithGroup(string) slog.Handler      { return h }

// startWithOperator runs a portal with OPERATOR_ADDR on a free loopback port and the extra
// environment env, and returns it with the operator listener's base URL.
func startWithOperator(t *testing.T, env map[string]string) (*stack, string) {
	t.Helper()
	addrs := make(chan string, 1)
	env["OPERATOR_ADDR"] = "127.0.0.1:0"
	s := startStackEnv(t, env, nil, slog.New(operatorLog{addrs}))
	select {
	case a := <-addrs:
		return s, "http://" + a
	case <-time.After(30 * time.Second):
		t.Fatal("the portal did not start an operator listener")
		return nil, ""
	}
}

func fetchStatus(t *testing.T, u, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	// A text heap profile (debug=1) is symbolized as it is written: under the race detector, with
	// the other packages' tests on the same two cores, that took longer than a page's 15 s.
	client := *newBrowser(t).client
	client.Timeout = 2 * time.Minute
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// TestOperatorListener: with OPERATOR_ADDR, metrics and profiles are served there only; the
// public listener answers 404 for them even to a loopback peer (a same-host proxy) holding the
// token; the token is still checked where they are served.
func TestOperatorListener(t *testing.T) {
	t.Parallel()
	paths := []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap?debug=1"}
	t.Run("WithToken", func(t *testing.T) {
		t.Parallel()
		s, op := startWithOperator(t, map[string]string{"METRICS_TOKEN": "op-token-456"})
		for _, path := range paths {
			code, _ := fetchStatus(t, s.portalURL+path, "op-token-456")
			require.Equal(t, http.StatusNotFound, code, "%s on the public listener", path)
			code, _ = fetchStatus(t, op+path, "")
			require.Equal(t, http.StatusNotFound, code, "%s on the operator listener without the token", path)
			code, _ = fetchStatus(t, op+path, "op-token-456")
			require.Equal(t, http.StatusOK, code, "%s on the operator listener with the token", path)
		}
		_, body := fetchStatus(t, op+"/metrics", "op-token-456")
		require.Contains(t, body, "motlan_http_requests_total")
		code, _ := fetchStatus(t, op+"/", "op-token-456")
		require.Equal(t, http.StatusNotFound, code, "the operator listener serves nothing else")
	})
	t.Run("WithoutToken", func(t *testing.T) {
		t.Parallel()
		s, op := startWithOperator(t, map[string]string{})
		for _, path := range paths {
			code, _ := fetchStatus(t, s.portalURL+path, "")
			require.Equal(t, http.StatusNotFound, code, "%s on the public listener, from loopback", path)
			code, _ = fetchStatus(t, op+path, "")
			require.Equal(t, http.StatusOK, code, "%s on the operator listener", path)
		}
	})
}

// TestSecurityConfig: what the operator and proxy settings refuse at start-up.
func TestSecurityConfig(t *testing.T) {
	t.Parallel()
	const secret = "0123456789abcdef0123456789abcdef-prod"
	https := func(extra map[string]string) map[string]string {
		m := map[string]string{"PORTAL_BASE_URL": "https://dichvucong.example", "SESSION_SECRET": secret, "VNPAY_HASH_SECRET": "a-real-merchant-secret",
			"VNPAY_PAY_URL": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", "VNPAY_API_URL": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	t.Run("ErrHTTPSWithoutOperatorAccess", func(t *testing.T) {
		_, err := web.LoadConfig(env(https(nil)))
		require.ErrorContains(t, err, "OPERATOR_ADDR")
		require.ErrorContains(t, err, "METRICS_TOKEN")
	})
	t.Run("HTTPSWithOperatorAddr", func(t *testing.T) {
		_, err := web.LoadConfig(env(https(map[string]string{"OPERATOR_ADDR": "10.0.0.5:9090"})))
		require.NoError(t, err)
	})
	t.Run("HTTPSWithMetricsToken", func(t *testing.T) {
		_, err := web.LoadConfig(env(https(map[string]string{"METRICS_TOKEN": "a-long-scraper-token"})))
		require.NoError(t, err)
	})
	t.Run("ErrOperatorAddr", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"OPERATOR_ADDR": "nine-thousand"}))
		require.ErrorContains(t, err, "OPERATOR_ADDR")
	})
	t.Run("ErrTrustedProxies", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, not-a-range"}))
		require.ErrorContains(t, err, "TRUSTED_PROXIES")
		require.ErrorContains(t, err, "not-a-range")
	})
	t.Run("TrustedProxies", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7, ::1/128"}))
		require.NoError(t, err)
	})
}
