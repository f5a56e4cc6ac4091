package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"
)

// TestFormActionAllowsGateway: "Thanh toán" posts to the portal, which answers with a 303 to the
// payment gateway; browsers check form-action on the redirect's target too, so the policy names
// the gateway's origin (and only its origin: no path, no other host).
func TestFormActionAllowsGateway(t *testing.T) {
	t.Parallel()
	formAction := func(cfg Config) string {
		h := securityHeaders(cfg)(func(c echo.Context) error { return c.NoContent(http.StatusOK) })
		rec := httptest.NewRecorder()
		require.NoError(t, h(echo.New().NewContext(httptest.NewRequest(http.MethodGet, "/cases/X", nil), rec)))
		for _, d := range strings.Split(rec.Header().Get("Content-Security-Policy"), ";") {
			if d = strings.TrimSpace(d); strings.HasPrefix(d, "form-action ") {
				return d
			}
		}
		t.Fatalf("no form-action in %q", rec.Header().Get("Content-Security-Policy"))
		return ""
	}
	t.Run("OKSandbox", func(t *testing.T) {
		got := formAction(Config{BaseURL: "https://dichvucong.example", VNPAYPayURL: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?x=1"})
		require.Equal(t, "form-action 'self' https://sandbox.vnpayment.vn", got)
	})
	t.Run("OKSimulatorWithPort", func(t *testing.T) {
		got := formAction(Config{BaseURL: "http://localhost:8080", VNPAYPayURL: "http://localhost:8083/paymentv2/vpcpay.html"})
		require.Equal(t, "form-action 'self' http://localhost:8083", got)
	})
	t.Run("NoGatewayOnlySelf", func(t *testing.T) {
		require.Equal(t, "form-action 'self'", formAction(Config{BaseURL: "http://localhost:8080", VNPAYPayURL: "not a url"}))
	})
}
