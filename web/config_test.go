package web_test

import (
	"testing"

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
			"METRICS_TOKEN": "a-long-scraper-token"}))
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
