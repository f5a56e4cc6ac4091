package ndxp_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

const (
	clientID     = "motlan-portal"
	clientSecret = "test-secret"
	adminToken   = "test-admin"

	pidAn    = "001088012345"
	pidWife  = "001190023456" // Đặng Thị Mai, An's wife
	pidBinh  = "079175001234"
	pidCuong = "048095004321"
	pidDung  = "038301009876"
	pidNone  = "001088099999" // well formed, nobody's
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a simulator behind a real HTTP server, with a token for the test client.
type env struct {
	sim   *ndxp.Server
	url   string
	clock *clock
	token string
}

func setup(t *testing.T, edit ...func(*ndxp.Config)) *env {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	cfg := ndxp.Config{
		Clients:    map[string]string{clientID: clientSecret, "other-client": "other-secret"},
		AdminToken: adminToken,
		Seed:       1,
		Synthetic:  2000,
		Now:        clk.Now,
		Logger:     slog.New(slog.NewTextHandler(t.Output(), nil)),
	}
	for _, e := range edit {
		e(&cfg)
	}
	sim, err := ndxp.New(cfg)
	require.NoError(t, err)
	ts := httptest.NewServer(sim)
	t.Cleanup(ts.Close)
	e := &env{sim: sim, url: ts.URL, clock: clk}
	e.token = e.getToken(t, clientID, clientSecret)
	return e
}

func (e *env) getToken(t *testing.T, id, secret string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.url+"/oauth2/token",
		strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	status, body := do(t, req)
	require.Equal(t, http.StatusOK, status, body)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &tok))
	return tok.AccessToken
}

// request is a data request with the usual headers; edit changes it before sending.
func (e *env) request(t *testing.T, path string, edit ...func(*http.Request)) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.url+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("X-NDXP-Purpose", "1.001193")
	req.Header.Set("X-NDXP-Reference", "DRAFT-2026-000123")
	for _, f := range edit {
		f(req)
	}
	return req
}

// get sends a data request and returns the status and body.
func (e *env) get(t *testing.T, path string, edit ...func(*http.Request)) (int, string) {
	t.Helper()
	return do(t, e.request(t, path, edit...))
}

// getJSON sends a data request, requires 200 and decodes the body into v.
func (e *env) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	status, body := e.get(t, path)
	require.Equal(t, http.StatusOK, status, body)
	require.NoError(t, json.Unmarshal([]byte(body), v), body)
}

func (e *env) admin(t *testing.T, method, path, body, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if resp.StatusCode != http.StatusNoContent {
		require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"), string(b))
	}
	return resp.StatusCode, string(b)
}

// requireError checks an error body's code.
func requireError(t *testing.T, body, code string) {
	t.Helper()
	var e struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &e), body)
	require.Equal(t, code, e.Error, body)
	require.NotEmpty(t, e.Message, body)
}

func withHeader(key, value string) func(*http.Request) {
	return func(r *http.Request) {
		if value == "" {
			r.Header.Del(key)
		} else {
			r.Header.Set(key, value)
		}
	}
}
