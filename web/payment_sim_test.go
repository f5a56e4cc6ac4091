package web_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	paymentsim "github.com/motlan/portal/sim/payment"
	"github.com/motlan/portal/web"
)

// The portal's merchant account at the payment gateway simulator in the web tests.
const (
	vnpayTmnCode = "MOTLAN01"
	vnpaySecret  = "test-vnpay-secret"
)

// paymentSim is the payment gateway simulator (sim/payment) a test's portal pays through.
type paymentSim struct {
	*paymentsim.Server
	url string // where it serves: the payer's page is url + vnpay.PayPath
}

// startPaymentSim runs the VNPAY gateway simulator over real HTTP with the portal's merchant
// account (MOTLAN01, the tests' secret). Point a portal at it with adjust (withPaymentSim), then,
// once the portal runs and its address is known, tell the simulator where its IPN goes
// (connect).
func startPaymentSim(t *testing.T) (*paymentsim.Server, string) {
	t.Helper()
	ln, u := listen(t)
	sim, err := paymentsim.New(paymentsim.Config{
		Merchants: map[string]paymentsim.Merchant{vnpayTmnCode: {Secret: vnpaySecret}},
		Log:       quietLogger(),
	})
	require.NoError(t, err)
	serve(t, ln, sim.Handler())
	return sim, u
}

// withPaymentSim points a portal's configuration at the simulator at simURL; more may adjust
// it further.
func withPaymentSim(simURL string, more func(*web.Config)) func(*web.Config) {
	return func(c *web.Config) {
		c.VNPAYTmnCode, c.VNPAYHashSecret = vnpayTmnCode, vnpaySecret
		c.VNPAYPayURL = simURL + "/paymentv2/vpcpay.html"
		c.VNPAYAPIURL = simURL + "/merchant_webapi/api/transaction"
		if more != nil {
			more(c)
		}
	}
}

// connectPaymentSim tells the simulator where the portal of s takes its notifications.
func connectPaymentSim(sim *paymentsim.Server, s *stack) {
	sim.SetMerchant(vnpayTmnCode, paymentsim.Merchant{Secret: vnpaySecret, IPNURL: s.portalURL + "/payments/vnpay/ipn"})
}

// startPaymentStack runs the identity and exchange simulators, the payment gateway simulator
// and a portal wired to all three, the gateway's IPN pointing at the portal.
func startPaymentStack(t *testing.T, adjust func(*web.Config)) (*stack, paymentSim) {
	t.Helper()
	sim, simURL := startPaymentSim(t)
	s, _ := startFullStack(t, withPaymentSim(simURL, adjust))
	connectPaymentSim(sim, s)
	return s, paymentSim{Server: sim, url: simURL}
}
