package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPlanPayment(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		env  []string
		want paymentPlan
	}{
		"OKDefaultIsTheSimulator": {
			env: []string{"PORTAL_BASE_URL=http://localhost:8080/"},
			want: paymentPlan{simulator: true, base: "http://localhost:8083", defaults: []string{
				"VNPAY_PAY_URL=http://localhost:8083/paymentv2/vpcpay.html",
				"VNPAY_API_URL=http://localhost:8083/merchant_webapi/api/transaction",
				"VNPAY_TMN_CODE=MOTLAN01",
				"VNPAY_HASH_SECRET=dev-vnpay-secret",
				"PAYMENT_SIM_IPN_URL=http://localhost:8080/payments/vnpay/ipn",
			}},
		},
		"OKSimulatorOnItsOwnPort": {
			env: []string{"PORTAL_BASE_URL=http://portal.test:9000", "PAYMENT_SIM_ADDR=127.0.0.1:9083"},
			want: paymentPlan{simulator: true, base: "http://localhost:9083", defaults: []string{
				"VNPAY_PAY_URL=http://localhost:9083/paymentv2/vpcpay.html",
				"VNPAY_API_URL=http://localhost:9083/merchant_webapi/api/transaction",
				"VNPAY_TMN_CODE=MOTLAN01",
				"VNPAY_HASH_SECRET=dev-vnpay-secret",
				"PAYMENT_SIM_IPN_URL=http://portal.test:9000/payments/vnpay/ipn",
			}},
		},
		"OKPayURLOnTheSimulator": {
			env: []string{"PORTAL_BASE_URL=http://localhost:8080", "VNPAY_PAY_URL=http://127.0.0.1:8083/paymentv2/vpcpay.html"},
			want: paymentPlan{simulator: true, base: "http://localhost:8083", defaults: []string{
				"VNPAY_PAY_URL=http://localhost:8083/paymentv2/vpcpay.html",
				"VNPAY_API_URL=http://localhost:8083/merchant_webapi/api/transaction",
				"VNPAY_TMN_CODE=MOTLAN01",
				"VNPAY_HASH_SECRET=dev-vnpay-secret",
				"PAYMENT_SIM_IPN_URL=http://localhost:8080/payments/vnpay/ipn",
			}},
		},
		"OKSandbox": {
			env:  []string{"PORTAL_BASE_URL=https://motlan.example", "VNPAY_PAY_URL=https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"},
			want: paymentPlan{},
		},
		"OKOtherLocalPort": {
			env:  []string{"VNPAY_PAY_URL=http://localhost:9999/paymentv2/vpcpay.html"},
			want: paymentPlan{},
		},
	} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, tc.want, planPayment(tc.env))
		})
	}
}

func TestGatewayLine(t *testing.T) {
	t.Parallel()
	sim := planPayment([]string{"PORTAL_BASE_URL=http://localhost:8080"})
	require.Equal(t, "VNPAY simulator\thttp://localhost:8083 (no real money; faults: POST /admin/faults with Bearer dev-payment-admin)",
		gatewayLine(nil, sim))
	require.Contains(t, gatewayLine([]string{"PAYMENT_SIM_ADMIN_TOKEN=t0k"}, sim), "Bearer t0k)")
	sandbox := []string{"VNPAY_PAY_URL=https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"}
	require.Equal(t, "Payment gateway\thttps://sandbox.vnpayment.vn/paymentv2/vpcpay.html", gatewayLine(sandbox, planPayment(sandbox)))
}
