package web

import (
	"errors"
	"log/slog"
	"net/url"
	"time"

	"github.com/motlan/portal/services/payment"
)

// The portal's addresses the payment gateway uses: where it sends the payer's browser back,
// and where it notifies the outcome server to server (IPN). README's payment section names them.
const (
	paymentReturnPath = "/payments/return"
	paymentIPNPath    = "/payments/vnpay/ipn"
)

// DevVNPAYSecret is the development default of VNPAY_HASH_SECRET, the payment simulator's
// (cmd/payment-sim); the portal refuses it when served over https.
const DevVNPAYSecret = "dev-vnpay-secret" //nolint:gosec // G101: the simulator's documented development default, refused over https

// maxVNPAYExpiry bounds VNPAY_EXPIRY: an order left open longer only waits for reconciliation.
const maxVNPAYExpiry = 24 * time.Hour

// validatePayment checks the merchant's account at the payment gateway (services/payment):
// both gateway addresses absolute http(s) URLs (https when the portal is, since the payer's
// browser and the signed messages go there), a merchant code and a secret, and never the
// simulator's secret in production.
func (c Config) validatePayment() []error {
	var errs []error
	for _, u := range []struct{ name, value string }{{"VNPAY_PAY_URL", c.VNPAYPayURL}, {"VNPAY_API_URL", c.VNPAYAPIURL}} {
		p, err := url.Parse(u.value)
		switch {
		case err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "":
			errs = append(errs, errors.New(u.name+": want an absolute http(s) URL"))
		case c.Secure() && p.Scheme != "https":
			errs = append(errs, errors.New(u.name+": want an https URL when the portal is served over https"))
		}
	}
	if !merchantCode(c.VNPAYTmnCode) {
		errs = append(errs, errors.New("VNPAY_TMN_CODE: want the merchant code the gateway gave (letters and digits, such as MOTLAN01)"))
	}
	if c.VNPAYHashSecret == "" {
		errs = append(errs, errors.New("VNPAY_HASH_SECRET: required"))
	}
	if c.Secure() && c.VNPAYHashSecret == DevVNPAYSecret {
		errs = append(errs, errors.New("VNPAY_HASH_SECRET: the development default cannot be used over https"))
	}
	if c.VNPAYExpiry <= 0 || c.VNPAYExpiry > maxVNPAYExpiry {
		errs = append(errs, errors.New("VNPAY_EXPIRY: want a duration from 1s to 24h, such as 15m"))
	}
	return errs
}

// merchantCode reports whether s can be a vnp_TmnCode: 1 to 32 ASCII letters and digits.
func merchantCode(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return true
}

// gatewayOrigin is the payment page's origin (scheme://host), which the pages' form-action
// must allow: "Thanh toán" posts to the portal, which answers with a redirect to the gateway,
// and browsers check form-action on where the redirect goes too. "" when VNPAY_PAY_URL is not
// a URL (Validate refuses it).
func (c Config) gatewayOrigin() string {
	p, err := url.Parse(c.VNPAYPayURL)
	if err != nil || p.Scheme == "" || p.Host == "" {
		return ""
	}
	return p.Scheme + "://" + p.Host
}

// paymentConfig is the merchant's account at the gateway, for services/payment.
func paymentConfig(cfg Config, log *slog.Logger) payment.Config {
	return payment.Config{
		TmnCode:    cfg.VNPAYTmnCode,
		HashSecret: cfg.VNPAYHashSecret,
		PayURL:     cfg.VNPAYPayURL,
		APIURL:     cfg.VNPAYAPIURL,
		ReturnURL:  cfg.BaseURL + paymentReturnPath,
		Expiry:     cfg.VNPAYExpiry,
		Now:        cfg.Now,
		Log:        log,
	}
}
