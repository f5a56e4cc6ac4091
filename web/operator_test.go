package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// TestOperatorEndpoints: with an operator token set, /metrics and the profiles need it, and
// without it they look like pages that do not exist.
func TestOperatorEndpoints(t *testing.T) {
	t.Parallel()
	s := startStackWith(t, func(c *web.Config) { c.MetricsToken = "op-token-123" })
	get := func(path, token string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, s.portalURL+path, nil)
		require.NoError(t, err)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap?debug=1"} {
		code, _ := get(path, "")
		require.Equal(t, http.StatusNotFound, code, "%s without the token", path)
		code, _ = get(path, "wrong")
		require.Equal(t, http.StatusNotFound, code, "%s with a wrong token", path)
	}
	code, body := get("/debug/pprof/", "op-token-123")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "goroutine")
	code, body = get("/debug/pprof/heap?debug=1", "op-token-123")
	require.Equal(t, http.StatusOK, code)
	require.True(t, strings.Contains(body, "heap profile"), "a heap profile")
	code, body = get("/metrics", "op-token-123")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "motlan_http_requests_total")
}
