package signin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// IssuerMismatchError is a provider whose discovery document names its issuer otherwise than
// the configuration does. go-oidc then refuses it, rightly: the ID tokens' iss must match
// exactly, and a missing or extra trailing slash is enough to differ.
type IssuerMismatchError struct {
	Setting      string // the configuration's name for the issuer, e.g. OIDC_ISSUER
	Configured   string
	DiscoveryURL string
	Provider     string // the issuer the provider's discovery document names
}

func (e *IssuerMismatchError) Error() string {
	return fmt.Sprintf("%s is %q but the provider at %s says its issuer is %q; set %s to that exact string",
		e.Setting, e.Configured, e.DiscoveryURL, e.Provider, e.Setting)
}

// discoveryURL is where issuer's discovery document lives, as go-oidc builds it: one slash
// between the issuer, with or without its trailing slash, and the well-known path.
func discoveryURL(issuer string) string {
	return strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
}

// issuerMismatch reads the discovery document again after go-oidc refused it, and says which
// issuer the provider gives when that is what differs; nil otherwise (go-oidc's error then says
// what went wrong).
func (s *Service) issuerMismatch(ctx context.Context) error {
	u := discoveryURL(s.cfg.Issuer)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil
	}
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var doc struct {
		Issuer *string `json:"issuer"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&doc) != nil || doc.Issuer == nil {
		return nil
	}
	if *doc.Issuer == s.cfg.Issuer {
		return nil
	}
	return &IssuerMismatchError{Setting: s.cfg.Setting, Configured: s.cfg.Issuer, DiscoveryURL: u, Provider: *doc.Issuer}
}

// Discover reads the provider's discovery document now rather than at the first sign-in, so a
// misconfigured issuer is named at start-up. An error wraps *IssuerMismatchError when the
// provider names another issuer; any other error (the provider is down) is retried at the next
// sign-in.
func (s *Service) Discover(ctx context.Context) error {
	_, err := s.discover(ctx)
	return err
}
