package web

import (
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/services/results"
	"github.com/motlan/portal/services/signin"
	"github.com/motlan/portal/services/signing"
)

// The services' settings, taken from the portal's Config.

// citizenSignInConfig is the relying party of VNeID, for citizens.
func citizenSignInConfig(cfg Config) signin.Config {
	return signin.Config{
		Issuer:       cfg.OIDCIssuer,
		Setting:      "OIDC_ISSUER",
		ClientID:     cfg.OIDCClientID,
		ClientSecret: cfg.OIDCClientSecret,
		RedirectURL:  cfg.BaseURL + "/auth/callback",
		Scopes:       cfg.OIDCScopes,
		SigningAlgs:  cfg.OIDCSigningAlgs,
		Claims:       cfg.Claims,
		Audience:     "citizen",
		Secret:       []byte(cfg.SessionSecret),
		Now:          cfg.Now,
	}
}

// staffSignInConfig is the relying party of the workforce identity provider, for staff.
func staffSignInConfig(cfg Config) signin.Config {
	return signin.Config{
		Issuer:       cfg.StaffOIDCIssuer,
		Setting:      "STAFF_OIDC_ISSUER",
		ClientID:     cfg.StaffOIDCClientID,
		ClientSecret: cfg.StaffOIDCClientSecret,
		RedirectURL:  cfg.BaseURL + "/staff/auth/callback",
		Scopes:       []string{"openid", "profile", "email"},
		SigningAlgs:  cfg.OIDCSigningAlgs,
		Audience:     "staff",
		Secret:       []byte(cfg.SessionSecret),
		Now:          cfg.Now,
	}
}

// registryConfig is the data-exchange client's, traced and measured.
func registryConfig(cfg Config, tr *tracing, m *metrics) registry.Config {
	return registry.Config{
		BaseURL:      cfg.NDXPURL,
		ClientID:     cfg.NDXPClientID,
		ClientSecret: cfg.NDXPClientSecret,
		Timeout:      cfg.RegistryTimeout,
		Now:          cfg.Now,
		Wrap:         tr.transport,
		Observe:      m.observeRegistry,
	}
}

// resultKeys are the agencies' signing keys: files in production, the database in development.
func resultKeys(cfg Config) (results.Keys, error) {
	if cfg.ResultKeyDir == "" {
		return results.NewDBKeys(cfg.Now), nil
	}
	keys, err := results.NewDirKeys(cfg.ResultKeyDir, cfg.Now)
	if err != nil {
		return nil, err
	}
	return keys, nil
}

// resultCertificates are the agencies' certificates and the trust store of verification: the
// government CA's files beside the keys in production (<agency>.crt, chain.crt), the
// development CA in the database otherwise.
func resultCertificates(cfg Config) (signing.Certificates, error) {
	if cfg.ResultKeyDir == "" {
		return signing.NewDBCertificates(), nil
	}
	certs, err := signing.NewDirCertificates(cfg.ResultKeyDir)
	if err != nil {
		return nil, err
	}
	return certs, nil
}
