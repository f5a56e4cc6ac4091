package main

import (
	"net"
	"net/url"

	"github.com/motlan/portal/services/vnpay"
	paymentsim "github.com/motlan/portal/sim/payment"
)

// defaultPaymentSimAddr is where cmd/payment-sim listens unless PAYMENT_SIM_ADDR says otherwise.
const defaultPaymentSimAddr = "127.0.0.1:8083"

// paymentPlan is which payment gateway `make run` gives the portal: its own VNPAY simulator,
// unless VNPAY_PAY_URL names another gateway (VNPAY's sandbox), whose settings are then left
// as they are given.
type paymentPlan struct {
	simulator bool
	base      string   // the simulator's base URL; its health check is base + "/healthz"
	defaults  []string // KEY=value settings of the portal and the simulator, applied when unset
}

// planPayment reads the environment after PORTAL_BASE_URL has its default.
func planPayment(env []string) paymentPlan {
	addr := lookup(env, "PAYMENT_SIM_ADDR")
	if addr == "" {
		addr = defaultPaymentSimAddr
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		_, port, _ = net.SplitHostPort(defaultPaymentSimAddr)
	}
	base := "http://localhost:" + port
	if pay := lookup(env, "VNPAY_PAY_URL"); pay != "" && !loopbackPort(pay, port) {
		return paymentPlan{}
	}
	return paymentPlan{simulator: true, base: base, defaults: []string{
		"VNPAY_PAY_URL=" + base + vnpay.PayPath,
		"VNPAY_API_URL=" + base + vnpay.APIPath,
		"VNPAY_TMN_CODE=" + paymentsim.DefaultTmnCode,
		"VNPAY_HASH_SECRET=" + paymentsim.DefaultHashSecret,
		"PAYMENT_SIM_IPN_URL=" + getenv(env, "PORTAL_BASE_URL") + "/payments/vnpay/ipn",
	}}
}

// loopbackPort reports whether u is on this machine at port.
func loopbackPort(u, port string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Port() != port {
		return false
	}
	h := p.Hostname()
	return h == "localhost" || net.ParseIP(h).IsLoopback()
}

// gatewayLine is the welcome table's line about the payment gateway: the simulator with its
// admin token, or the gateway the portal was pointed at.
func gatewayLine(env []string, p paymentPlan) string {
	if !p.simulator {
		return "Payment gateway\t" + lookup(env, "VNPAY_PAY_URL")
	}
	token := lookup(env, "PAYMENT_SIM_ADMIN_TOKEN")
	if token == "" {
		token = paymentsim.DefaultAdminToken
	}
	return "VNPAY simulator\t" + p.base + " (no real money; faults: POST /admin/faults with Bearer " + token + ")"
}
