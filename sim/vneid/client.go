package vneid

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Audiences of a client: which kind of identity may sign in through it.
const (
	AudienceCitizen = "citizen"
	AudienceStaff   = "staff"
)

// Client is a relying party registered at the simulator.
type Client struct {
	ID, Secret             string
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
	Audience               string // "citizen" or "staff": which identities may sign in through this client
}

const (
	idTokenLifetime     = 15 * time.Minute
	accessTokenLifetime = 15 * time.Minute
)

func (c Client) validate() error {
	var errs []error
	if c.ID == "" || c.Secret == "" {
		errs = append(errs, errors.New("ID and Secret are required"))
	}
	if c.Audience != AudienceCitizen && c.Audience != AudienceStaff {
		errs = append(errs, fmt.Errorf("audience %q: want %q or %q", c.Audience, AudienceCitizen, AudienceStaff))
	}
	if len(c.RedirectURIs) == 0 {
		errs = append(errs, errors.New("at least one redirect URI is required"))
	}
	for _, raw := range slices.Concat(c.RedirectURIs, c.PostLogoutRedirectURIs) {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
			errs = append(errs, fmt.Errorf("URI %q: want an absolute http(s) URL without fragment", raw))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("client %q: %w", c.ID, err)
	}
	return nil
}

// opClient adapts a Client to op.Client: a confidential web client using the
// authorization code flow only, with opaque access tokens.
type opClient struct {
	Client
	loginURL string // the sim's login page; the auth request ID is appended
}

var _ op.Client = (*opClient)(nil)

func (c *opClient) GetID() string          { return c.ID }
func (c *opClient) RedirectURIs() []string { return slices.Clone(c.Client.RedirectURIs) }
func (c *opClient) PostLogoutRedirectURIs() []string {
	return slices.Clone(c.Client.PostLogoutRedirectURIs)
}
func (c *opClient) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *opClient) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c *opClient) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *opClient) GrantTypes() []oidc.GrantType         { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *opClient) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeBearer }
func (c *opClient) IDTokenLifetime() time.Duration       { return idTokenLifetime }
func (c *opClient) DevMode() bool                        { return false }
func (c *opClient) IsScopeAllowed(string) bool           { return false }
func (c *opClient) IDTokenUserinfoClaimsAssertion() bool { return true } // claims in the ID token too
func (c *opClient) ClockSkew() time.Duration             { return 0 }

func (c *opClient) LoginURL(authRequestID string) string {
	return c.loginURL + "?" + url.Values{loginParamID: {authRequestID}}.Encode()
}

func (c *opClient) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

func (c *opClient) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}
