package main

import "strings"

// simulatorIssuer is the issuer cmd/vneid-sim serves under unless VNEID_ISSUER says otherwise.
const simulatorIssuer = "http://localhost:8081"

// providerPlan is which identity providers `make run` uses: its own VNeID simulator only when
// the citizen or the staff issuer names it, and any other provider as it is. Either way it
// waits for each issuer's discovery document: an outside provider has no /healthz.
type providerPlan struct {
	simulator bool     // start cmd/vneid-sim
	discovery []string // discovery documents to wait for, one per distinct issuer
}

func planProviders(env []string) providerPlan {
	sim := lookup(env, "VNEID_ISSUER")
	if sim == "" {
		sim = simulatorIssuer
	}
	citizen := lookup(env, "OIDC_ISSUER")
	if citizen == "" {
		citizen = sim
	}
	staff := lookup(env, "STAFF_OIDC_ISSUER")
	if staff == "" {
		staff = citizen // the portal's default too
	}
	var p providerPlan
	for _, issuer := range []string{citizen, staff} {
		// A trailing slash too many still means the simulator: the portal says at start-up
		// which issuer string the provider gives.
		if strings.TrimSuffix(issuer, "/") == strings.TrimSuffix(sim, "/") {
			p.simulator = true
		}
		if u := discoveryURL(issuer); len(p.discovery) == 0 || p.discovery[0] != u {
			p.discovery = append(p.discovery, u)
		}
	}
	return p
}

// discoveryURL is where an issuer's discovery document lives, with or without its trailing
// slash (as the portal's OpenID library builds it).
func discoveryURL(issuer string) string {
	return strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
}

// lookup is the value of k in env, where the last assignment wins, as in exec.
func lookup(env []string, k string) string {
	v := ""
	for _, kv := range env {
		if strings.HasPrefix(kv, k+"=") {
			v = kv[len(k)+1:]
		}
	}
	return strings.TrimSpace(v)
}
