// Package signin is the portal's OpenID Connect relying party: it starts a sign-in (state, nonce
// and PKCE S256 verifier held server-side in a single-use pre-login record) and finishes it
// (code exchange and every check on the ID token that go-oidc leaves to its caller). It knows the
// provider only by its issuer URL and client credentials, so any OpenID provider works.
package signin

import (
	"net/http"
	"time"
)

// ClaimNames maps the portal's identity attributes to the provider's claim names, so a provider
// with other names (or without a personal ID) still works.
type ClaimNames struct {
	PersonalID string
	Name       string
	GivenName  string
	FamilyName string
	Birthdate  string
	Gender     string
	ACR        string
	Username   string
	Email      string
	// EmailVerified, Phone and PhoneVerified: the standard claims email_verified, phone_number
	// and phone_number_verified; a provider that sends none leaves the citizen to add them.
	EmailVerified string
	Phone         string
	PhoneVerified string
}

// DefaultClaimNames are VNeID's claim names.
func DefaultClaimNames() ClaimNames {
	return ClaimNames{
		PersonalID: "personal_id",
		Name:       "name",
		GivenName:  "given_name",
		FamilyName: "family_name",
		Birthdate:  "birthdate",
		Gender:     "gender",
		ACR:        "acr",
		Username:   "preferred_username",
		Email:      "email",

		EmailVerified: "email_verified",
		Phone:         "phone_number",
		PhoneVerified: "phone_number_verified",
	}
}

// Config configures one relying party (one client at one provider).
type Config struct {
	Issuer       string // exactly as in the provider's discovery document
	Setting      string // the configuration's name for Issuer, for messages; default "the issuer"
	ClientID     string
	ClientSecret string
	RedirectURL  string   // this portal's callback URL
	Scopes       []string // "openid" is always requested
	SigningAlgs  []string // allow-list for ID token signatures; default RS256, ES256
	Claims       ClaimNames
	Audience     string        // "citizen" or "staff": which sign-in an attempt belongs to
	Secret       []byte        // keys the hashes of state and browser binding
	AttemptTTL   time.Duration // how long a started sign-in may take; default 10 min
	MaxTokenAge  time.Duration // how old an ID token's iat may be; default 5 min
	ClockSkew    time.Duration // tolerated provider clock drift; default 1 min
	Now          func() time.Time
	HTTPClient   *http.Client // for discovery, token, JWKS and userinfo; default 10 s timeout
}

func (c *Config) setDefaults() {
	if c.Setting == "" {
		c.Setting = "the issuer"
	}
	if len(c.SigningAlgs) == 0 {
		c.SigningAlgs = []string{"RS256", "ES256"}
	}
	if c.Claims == (ClaimNames{}) {
		c.Claims = DefaultClaimNames()
	}
	if c.Audience == "" {
		c.Audience = "citizen"
	}
	if c.AttemptTTL == 0 {
		c.AttemptTTL = 10 * time.Minute
	}
	if c.MaxTokenAge == 0 {
		c.MaxTokenAge = 5 * time.Minute
	}
	if c.ClockSkew == 0 {
		c.ClockSkew = time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
}
