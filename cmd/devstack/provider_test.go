package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPlanProviders(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		env       []string
		simulator bool
		discovery []string
	}{
		"OKDefaultIsTheSimulator": {
			env: []string{"OIDC_ISSUER=http://localhost:8081"}, simulator: true,
			discovery: []string{"http://localhost:8081/.well-known/openid-configuration"},
		},
		"OKSimulatorOnItsOwnIssuer": {
			env:       []string{"VNEID_ISSUER=http://vneid.test:9000", "OIDC_ISSUER=http://vneid.test:9000"},
			simulator: true, discovery: []string{"http://vneid.test:9000/.well-known/openid-configuration"},
		},
		"OKOutsideProvider": {
			env:       []string{"OIDC_ISSUER=https://idp.example/realms/motlan/"},
			discovery: []string{"https://idp.example/realms/motlan/.well-known/openid-configuration"},
		},
		"OKOutsideCitizenSimulatedStaff": {
			env:       []string{"OIDC_ISSUER=https://idp.example", "STAFF_OIDC_ISSUER=http://localhost:8081"},
			simulator: true,
			discovery: []string{"https://idp.example/.well-known/openid-configuration", "http://localhost:8081/.well-known/openid-configuration"},
		},
		"OKLastAssignmentWins": {
			env:       []string{"OIDC_ISSUER=https://idp.example", "OIDC_ISSUER=http://localhost:8081"},
			simulator: true, discovery: []string{"http://localhost:8081/.well-known/openid-configuration"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			p := planProviders(tc.env)
			require.Equal(t, tc.simulator, p.simulator)
			require.Equal(t, tc.discovery, p.discovery)
		})
	}
}

// TestWaitProvider: the wait is on the issuer's discovery document (an outside provider has no
// /healthz), at <issuer>/.well-known/openid-configuration whether or not the issuer ends in a slash.
func TestWaitProvider(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /realms/motlan/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": "http://" + r.Host + "/realms/motlan/"})
	})
	idp := httptest.NewServer(mux)
	t.Cleanup(idp.Close)
	w := waiter{timeout: 2 * time.Second, interval: 10 * time.Millisecond}

	t.Run("OKTrailingSlash", func(t *testing.T) {
		p := planProviders([]string{"OIDC_ISSUER=" + idp.URL + "/realms/motlan/"})
		require.False(t, p.simulator)
		require.NoError(t, w.providers(context.Background(), p, nil))
	})
	t.Run("OKNoTrailingSlash", func(t *testing.T) {
		require.NoError(t, w.providers(context.Background(), planProviders([]string{"OIDC_ISSUER=" + idp.URL + "/realms/motlan"}), nil))
	})
	t.Run("ErrNoDiscovery", func(t *testing.T) {
		w := waiter{timeout: 100 * time.Millisecond, interval: 10 * time.Millisecond}
		err := w.providers(context.Background(), planProviders([]string{"OIDC_ISSUER=" + idp.URL + "/other"}), nil)
		require.ErrorContains(t, err, idp.URL+"/other/.well-known/openid-configuration")
	})
}
