package web_test

import (
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web"
)

// startSim serves the VNeID simulator at issuer on ln, with the portal at base as its citizen
// and staff clients; adjust may change its config (single sign-on, the end-session URL).
func startSim(t *testing.T, ln net.Listener, issuer, base string, adjust func(*vneid.Config)) *vneid.Server {
	t.Helper()
	cfg := vneid.Config{
		Issuer: issuer,
		Clients: []vneid.Client{{
			ID: clientID, Secret: clientSecret, Audience: "citizen",
			RedirectURIs: []string{base + "/auth/callback"}, PostLogoutRedirectURIs: []string{base + "/"},
		}, {
			ID: staffClientID, Secret: staffClientSecret, Audience: "staff",
			RedirectURIs: []string{base + "/staff/auth/callback"}, PostLogoutRedirectURIs: []string{base + "/staff"},
		}},
		Logger: quietLogger(),
	}
	if adjust != nil {
		adjust(&cfg)
	}
	sim, err := vneid.New(cfg)
	require.NoError(t, err)
	serve(t, ln, sim)
	return sim
}

// startStackAt runs the simulator and a portal whose PORTAL_BASE_URL names its listener with
// host instead of 127.0.0.1 (e.g. "localhost"): the same server, reached by two names.
func startStackAt(t *testing.T, host string) *stack {
	t.Helper()
	simLn, issuer := listen(t)
	portalLn, ipURL := listen(t)
	base := strings.Replace(ipURL, "127.0.0.1", host, 1)
	sim := startSim(t, simLn, issuer, base, nil)
	s := startPortal(t, portalLn, base, issuer, func(*web.Config) {})
	s.sim = sim
	return s
}
