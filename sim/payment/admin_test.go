package payment_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	paymentsim "github.com/motlan/portal/sim/payment"
)

// admin calls an admin endpoint with the admin token (or token when not "").
func (e *env) admin(t *testing.T, method, path, contentType, body string, token ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	require.NoError(t, err)
	bearer := adminToken
	if len(token) > 0 {
		bearer = token[0]
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

// TestAdmin: the fault switches and the flush, behind the admin token.
func TestAdmin(t *testing.T) {
	t.Parallel()
	e := setup(t)
	t.Run("ErrToken", func(t *testing.T) {
		for _, path := range []string{"/admin/faults", "/admin/report.csv?from=2026-12-05&to=2026-12-05", "/admin/transactions"} {
			resp := e.admin(t, http.MethodGet, path, "", "", "wrong")
			require.Equal(t, http.StatusUnauthorized, resp.StatusCode, path)
		}
		resp := e.admin(t, http.MethodPost, "/admin/faults", "application/json", `{"lose_ipn":true}`, "wrong")
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		require.Equal(t, paymentsim.Faults{}, e.sim.CurrentFaults())
	})
	t.Run("JSON", func(t *testing.T) {
		resp := e.admin(t, http.MethodPost, "/admin/faults", "application/json", `{"delay_ipn":true,"duplicate_ipn":2}`)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, paymentsim.Faults{DelayIPN: true, DuplicateIPN: 2}, e.sim.CurrentFaults())
		var got paymentsim.Faults
		resp = e.admin(t, http.MethodGet, "/admin/faults", "", "")
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
		require.Equal(t, paymentsim.Faults{DelayIPN: true, DuplicateIPN: 2}, got)
	})
	t.Run("Flush", func(t *testing.T) {
		e.payWith(t, paymentsim.Faults{DelayIPN: true}, "ML1")
		require.Empty(t, e.merchant.received())
		resp := e.admin(t, http.MethodPost, "/admin/flush", "", "")
		var got map[string]int
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
		require.Equal(t, map[string]int{"sent": 1}, got)
		require.Len(t, e.merchant.received(), 1)
	})
	t.Run("Form", func(t *testing.T) {
		resp := e.admin(t, http.MethodPost, "/admin/faults", "application/x-www-form-urlencoded", "lose_ipn=1&wrong_amount=on&duplicate_ipn=0")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, paymentsim.Faults{LoseIPN: true, WrongAmount: true}, e.sim.CurrentFaults())
	})
	t.Run("ErrInput", func(t *testing.T) {
		for ct, body := range map[string]string{
			"application/json":                  `{"lose":true}`,
			"application/json; charset=utf-8":   `{"duplicate_ipn":99}`,
			"application/x-www-form-urlencoded": "duplicate_ipn=two",
		} {
			resp := e.admin(t, http.MethodPost, "/admin/faults", ct, body)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, body)
		}
		require.Equal(t, paymentsim.Faults{LoseIPN: true, WrongAmount: true}, e.sim.CurrentFaults())
	})
	t.Run("Transactions", func(t *testing.T) {
		resp := e.admin(t, http.MethodGet, "/admin/transactions?tmn=MOTLAN01", "", "")
		var got []paymentsim.Transaction
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
		require.Len(t, got, 1)
		require.Equal(t, "ML1", got[0].TxnRef)
	})
	t.Run("Healthz", func(t *testing.T) {
		resp, err := http.Get(e.url + "/healthz")
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
	})
}
