package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := loadConfig(env(nil))
		require.NoError(t, err)
		require.Equal(t, "127.0.0.1:8082", cfg.Addr)
		require.Equal(t, "text", cfg.LogFormat)
		require.Equal(t, map[string]string{"motlan-portal": "dev-ndxp-secret"}, cfg.Sim.Clients)
		require.Equal(t, "dev-ndxp-admin", cfg.Sim.AdminToken)
		require.Equal(t, int64(1), cfg.Sim.Seed)
		require.Equal(t, 10000, cfg.Sim.Synthetic)
		require.Empty(t, cfg.Sim.Faults)
	})
	t.Run("OK", func(t *testing.T) {
		cfg, err := loadConfig(env(map[string]string{
			"NDXP_ADDR": "127.0.0.1:9999", "NDXP_CLIENT_ID": "c", "NDXP_CLIENT_SECRET": "s",
			"NDXP_ADMIN_TOKEN": "a", "NDXP_SEED": "42", "NDXP_CITIZENS": "5",
			"NDXP_FAULTS": "land=latency:200ms,failure:0.5", "LOG_FORMAT": "json",
		}))
		require.NoError(t, err)
		require.Equal(t, "127.0.0.1:9999", cfg.Addr)
		require.Equal(t, map[string]string{"c": "s"}, cfg.Sim.Clients)
		require.Equal(t, "a", cfg.Sim.AdminToken)
		require.Equal(t, int64(42), cfg.Sim.Seed)
		require.Equal(t, 5, cfg.Sim.Synthetic)
		require.Equal(t, map[string]ndxp.Fault{ndxp.DBLand: {Latency: 200 * time.Millisecond, FailureRate: 0.5}}, cfg.Sim.Faults)
		require.Equal(t, "json", cfg.LogFormat)
	})
	for name, vars := range map[string]map[string]string{
		"ErrSeed":      {"NDXP_SEED": "one"},
		"ErrCitizens":  {"NDXP_CITIZENS": "-1"},
		"ErrTooMany":   {"NDXP_CITIZENS": "100000000"},
		"ErrFaults":    {"NDXP_FAULTS": "land=failure:2"},
		"ErrLogFormat": {"LOG_FORMAT": "xml"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadConfig(env(vars))
			require.Error(t, err)
		})
	}
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunServesAndShutsDown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var logs syncBuffer
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, env(map[string]string{"NDXP_ADDR": "127.0.0.1:0", "NDXP_CITIZENS": "100", "LOG_FORMAT": "json"}),
			&logs, func(a net.Addr) { addrc <- a })
	}()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("run returned early: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("not listening after 30s")
	}

	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	req, err := http.NewRequest(http.MethodPost, base+"/oauth2/token", strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(ndxp.DefaultClientID, ndxp.DefaultClientSecret)
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal(body, &tok))

	req, err = http.NewRequest(http.MethodGet, base+"/population/v1/citizens/001088012345", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("X-NDXP-Purpose", "1.001193")
	req.Header.Set("X-NDXP-Reference", "cmd-test")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown after 10s")
	}
	require.Contains(t, logs.String(), `"msg":"ndxp-sim: synthetic citizens generated"`)
	require.Contains(t, logs.String(), `"took"`)
}

func TestRunRejectsBadConfig(t *testing.T) {
	t.Parallel()
	err := run(t.Context(), env(map[string]string{"NDXP_FAULTS": "nowhere=failure:1"}), io.Discard, nil)
	require.Error(t, err)
}
