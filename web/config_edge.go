package web

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// parseTrustedProxies reads TRUSTED_PROXIES: comma-separated CIDRs (a bare address is a range of
// one) of the proxies or load balancers in front of the portal. Only a peer in one of them is
// believed about the client's address (X-Forwarded-For); nothing is trusted by default, not even
// loopback or private networks, so a header sent straight to the portal is ignored.
func parseTrustedProxies(v string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	var bad []string
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			if a, err := netip.ParseAddr(s); err == nil {
				s = netip.PrefixFrom(a, a.BitLen()).String()
			}
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			bad = append(bad, strconv.Quote(s))
			continue
		}
		out = append(out, n)
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("TRUSTED_PROXIES: %s: want comma-separated CIDR ranges such as 10.0.0.0/16, 127.0.0.1/32", strings.Join(bad, ", "))
	}
	return out, nil
}

// validateOperator checks where the operator pages (/metrics, /debug/pprof/) are served. Over
// https the portal faces the public, maybe through a same-host proxy whose requests come from
// loopback: it refuses to start unless they are on a listener of their own (OPERATOR_ADDR) or
// behind the scraper's token (METRICS_TOKEN).
func (c Config) validateOperator() []error {
	var errs []error
	if c.OperatorAddr != "" {
		_, port, err := net.SplitHostPort(c.OperatorAddr)
		if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 {
			errs = append(errs, errors.New("OPERATOR_ADDR: want host:port, such as 10.0.0.5:9090 or 127.0.0.1:9090"))
		} else if c.OperatorAddr == c.Addr {
			errs = append(errs, errors.New("OPERATOR_ADDR: must differ from PORTAL_ADDR"))
		}
	}
	if c.Secure() && c.OperatorAddr == "" && c.MetricsToken == "" {
		errs = append(errs, errors.New("OPERATOR_ADDR or METRICS_TOKEN: over https, serve /metrics and /debug/pprof/ on a listener "+
			"of their own (OPERATOR_ADDR) or behind a scraper's token (METRICS_TOKEN); a same-host proxy would otherwise show them to anyone"))
	}
	return errs
}
