package web_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(nil))
		require.NoError(t, err)
		require.Equal(t, "127.0.0.1:8080", cfg.Addr)
		require.Equal(t, "http://localhost:8081", cfg.OIDCIssuer)
		require.False(t, cfg.Secure())
		require.Equal(t, "personal_id", cfg.Claims.PersonalID)
	})
	t.Run("ClaimNamesConfigurable", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(map[string]string{"OIDC_CLAIM_PERSONAL_ID": "cccd", "PORTAL_BASE_URL": "http://x.test/"}))
		require.NoError(t, err)
		require.Equal(t, "cccd", cfg.Claims.PersonalID)
		require.Equal(t, "http://x.test", cfg.BaseURL, "trailing slash trimmed")
	})
	t.Run("ErrDevSecretOverHTTPS", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"PORTAL_BASE_URL": "https://dichvucong.example"}))
		require.ErrorContains(t, err, "SESSION_SECRET")
	})
	t.Run("HTTPSWithSecret", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(map[string]string{"PORTAL_BASE_URL": "https://dichvucong.example", "SESSION_SECRET": "0123456789abcdef0123456789abcdef-prod",
			"METRICS_TOKEN": "a-long-scraper-token", "VNPAY_HASH_SECRET": "a-real-merchant-secret",
			"VNPAY_PAY_URL": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", "VNPAY_API_URL": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"}))
		require.NoError(t, err)
		require.True(t, cfg.Secure())
	})
	t.Run("ErrSymmetricAlg", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"OIDC_SIGNING_ALGS": "RS256,HS256"}))
		require.ErrorContains(t, err, "HS256")
	})
	t.Run("ErrBadDuration", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"SESSION_IDLE_TIMEOUT": "soon"}))
		require.ErrorContains(t, err, "SESSION_IDLE_TIMEOUT")
	})
}

// TestPaymentConfig: the merchant's account at the payment gateway (VNPAY_*): the simulator's
// defaults in development, and what a misconfiguration or the development secret in production
// is refused with at start-up.
func TestPaymentConfig(t *testing.T) {
	t.Parallel()
	const secret = "0123456789abcdef0123456789abcdef-prod"
	https := func(extra map[string]string) map[string]string {
		m := map[string]string{"PORTAL_BASE_URL": "https://dichvucong.example", "SESSION_SECRET": secret, "METRICS_TOKEN": "a-long-scraper-token",
			"VNPAY_PAY_URL": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", "VNPAY_API_URL": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(nil))
		require.NoError(t, err)
		require.Equal(t, "MOTLAN01", cfg.VNPAYTmnCode)
		require.Equal(t, web.DevVNPAYSecret, cfg.VNPAYHashSecret)
		require.Equal(t, "http://localhost:8083/paymentv2/vpcpay.html", cfg.VNPAYPayURL)
		require.Equal(t, "http://localhost:8083/merchant_webapi/api/transaction", cfg.VNPAYAPIURL)
		require.Equal(t, 15*time.Minute, cfg.VNPAYExpiry)
	})
	t.Run("Configured", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(https(map[string]string{"VNPAY_TMN_CODE": "2QXUI4J4", "VNPAY_HASH_SECRET": "a-real-merchant-secret",
			"VNPAY_EXPIRY": "20m"})))
		require.NoError(t, err)
		require.Equal(t, "2QXUI4J4", cfg.VNPAYTmnCode)
		require.Equal(t, "a-real-merchant-secret", cfg.VNPAYHashSecret)
		require.Equal(t, "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", cfg.VNPAYPayURL)
		require.Equal(t, 20*time.Minute, cfg.VNPAYExpiry)
	})
	t.Run("ErrDevSecretOverHTTPS", func(t *testing.T) {
		_, err := web.LoadConfig(env(https(nil)))
		require.ErrorContains(t, err, "VNPAY_HASH_SECRET: the development default")
	})
	t.Run("ErrPlainHTTPGatewayOverHTTPS", func(t *testing.T) {
		_, err := web.LoadConfig(env(https(map[string]string{"VNPAY_HASH_SECRET": "a-real-merchant-secret",
			"VNPAY_PAY_URL": "http://sandbox.vnpayment.vn/paymentv2/vpcpay.html"})))
		require.ErrorContains(t, err, "VNPAY_PAY_URL: want an https URL")
		require.NotContains(t, err.Error(), "VNPAY_API_URL")
	})
	for name, tc := range map[string]struct{ key, value, want string }{
		"ErrRelativePayURL":    {"VNPAY_PAY_URL", "/paymentv2/vpcpay.html", "VNPAY_PAY_URL: want an absolute http(s) URL"},
		"ErrFTPAPIURL":         {"VNPAY_API_URL", "ftp://gateway.example/api", "VNPAY_API_URL: want an absolute http(s) URL"},
		"ErrTmnCodeSymbols":    {"VNPAY_TMN_CODE", "MOT LAN;01", "VNPAY_TMN_CODE"},
		"ErrExpiryNotADate":    {"VNPAY_EXPIRY", "soon", "VNPAY_EXPIRY"},
		"ErrExpiryTooLong":     {"VNPAY_EXPIRY", "48h", "VNPAY_EXPIRY: want a duration from 1s to 24h"},
		"ErrExpiryNegative":    {"VNPAY_EXPIRY", "-5m", "VNPAY_EXPIRY"},
		"ErrTmnCodeTooLong":    {"VNPAY_TMN_CODE", "M0123456789012345678901234567890123", "VNPAY_TMN_CODE"},
		"ErrPayURLNoHostAtAll": {"VNPAY_PAY_URL", "http://", "VNPAY_PAY_URL"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := web.LoadConfig(env(map[string]string{tc.key: tc.value}))
			require.ErrorContains(t, err, tc.want)
		})
	}
	t.Run("ErrEmptyAfterAdjust", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(nil))
		require.NoError(t, err)
		cfg.VNPAYTmnCode, cfg.VNPAYHashSecret = "", ""
		err = cfg.Validate()
		require.ErrorContains(t, err, "VNPAY_TMN_CODE")
		require.ErrorContains(t, err, "VNPAY_HASH_SECRET: required")
	})
}
