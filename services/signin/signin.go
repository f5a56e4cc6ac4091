package signin

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/oauth2"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/signin/internal/signindb"
)

// Message keys of sign-in failures (views/i18n holds their texts).
const (
	MsgStateInvalid = "signin.error.state"       // missing, unknown, reused, expired or foreign state
	MsgCancelled    = "signin.error.cancelled"   // the user cancelled at the provider
	MsgProvider     = "signin.error.provider"    // the provider answered with an error
	MsgToken        = "signin.error.token"       // the code exchange or the ID token failed a check
	MsgUnavailable  = "signin.error.unavailable" // the provider could not be reached
)

// Service signs people in through one OpenID provider.
type Service struct {
	q   *signindb.Queries // the signin_attempts table, owned by this package
	cfg Config
	log *slog.Logger

	mu       sync.Mutex // guards the lazily discovered provider below
	provider *discovered
}

// discovered is what the provider's discovery document told us.
type discovered struct {
	provider   *oidc.Provider
	oauth      oauth2.Config
	verifier   *oidc.IDTokenVerifier
	endSession string
	issParam   bool // the provider sends RFC 9207's iss parameter on every authorization response
}

// New returns a relying party. Discovery happens at the first sign-in and is retried until it
// succeeds, so the portal starts even while the provider is down.
func New(pool *pgxpool.Pool, cfg Config, log *slog.Logger) (*Service, error) {
	cfg.setDefaults()
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("signin: issuer, client id and redirect URL are required")
	}
	if len(cfg.Secret) < 32 {
		return nil, errors.New("signin: the secret must be at least 32 bytes")
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{q: signindb.New(pool), cfg: cfg, log: log}, nil
}

func (s *Service) discover(ctx context.Context) (*discovered, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider != nil {
		return s.provider, nil
	}
	ctx = oidc.ClientContext(ctx, s.cfg.HTTPClient)
	p, err := oidc.NewProvider(ctx, s.cfg.Issuer)
	if err != nil {
		if mismatch := s.issuerMismatch(ctx); mismatch != nil {
			err = mismatch
		}
		return nil, fault.Wrap(fault.EUNAVAILABLE, MsgUnavailable, "signin.discover", err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
		IssParam   bool   `json:"authorization_response_iss_parameter_supported"`
	}
	if err := p.Claims(&meta); err != nil {
		return nil, fault.Wrap(fault.EUNAVAILABLE, MsgUnavailable, "signin.discover", err)
	}
	scopes := []string{oidc.ScopeOpenID}
	for _, sc := range s.cfg.Scopes {
		if sc != oidc.ScopeOpenID {
			scopes = append(scopes, sc)
		}
	}
	d := &discovered{
		provider: p,
		oauth: oauth2.Config{
			ClientID:     s.cfg.ClientID,
			ClientSecret: s.cfg.ClientSecret,
			RedirectURL:  s.cfg.RedirectURL,
			Endpoint:     p.Endpoint(),
			Scopes:       scopes,
		},
		verifier: p.Verifier(&oidc.Config{
			ClientID:             s.cfg.ClientID,
			SupportedSigningAlgs: s.cfg.SigningAlgs,
			Now:                  s.cfg.Now,
		}),
		endSession: meta.EndSession,
		issParam:   meta.IssParam,
	}
	s.provider = d
	return d, nil
}

// Started is a begun sign-in: send the browser to AuthURL and keep Binding in a short-lived,
// HttpOnly cookie so only this browser can finish it.
type Started struct {
	AuthURL string
	Binding string
}

// Start begins a sign-in that will come back to returnTo (a local path).
func (s *Service) Start(ctx context.Context, returnTo string) (Started, error) {
	d, err := s.discover(ctx)
	if err != nil {
		return Started{}, err
	}
	state, binding, nonce := randomToken(), randomToken(), randomToken()
	verifier := oauth2.GenerateVerifier()
	a := attempt{audience: s.cfg.Audience, nonce: nonce, verifier: verifier, returnTo: SafeReturnTo(returnTo)}
	if err := s.saveAttempt(ctx, state, binding, a); err != nil {
		return Started{}, fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", "signin.start", err)
	}
	authURL := d.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
	return Started{AuthURL: authURL, Binding: binding}, nil
}

// Callback is what came back to the redirect URL, plus the browser's binding cookie.
type Callback struct {
	State            string
	Code             string
	Issuer           string // RFC 9207 iss parameter; "" when absent
	Error            string
	ErrorDescription string
	Binding          string
}

// Finish completes a sign-in. It returns the identity and the local path to return to, or a
// fault with code EUNAUTHORIZED (or EUNAVAILABLE) whose message key says what went wrong.
func (s *Service) Finish(ctx context.Context, cb Callback) (Identity, string, error) {
	const op = "signin.finish"
	fail := func(msg, why string, err error) (Identity, string, error) {
		if err == nil {
			err = errors.New(why)
		} else {
			err = fmt.Errorf("%s: %w", why, err)
		}
		return Identity{}, "", fault.Wrap(fault.EUNAUTHORIZED, msg, op, err)
	}
	if cb.State == "" {
		return fail(MsgStateInvalid, "no state", nil)
	}
	a, ok, err := s.takeAttempt(ctx, cb.State)
	if err != nil {
		return Identity{}, "", fault.Wrap(fault.EUNAVAILABLE, "error.unavailable", op, err)
	}
	if !ok {
		return fail(MsgStateInvalid, "unknown or used state", nil)
	}
	if cb.Binding == "" || subtle.ConstantTimeCompare(a.bindingHash, s.keyedHash("binding", cb.Binding)) != 1 {
		return fail(MsgStateInvalid, "state started in another browser", nil)
	}
	if a.audience != s.cfg.Audience {
		return fail(MsgStateInvalid, "state of another audience", nil)
	}
	if !s.cfg.Now().Before(a.expiresAt) {
		return fail(MsgStateInvalid, "state expired", nil)
	}
	if cb.Error != "" {
		if cb.Error == "access_denied" {
			return fail(MsgCancelled, "cancelled at the provider", nil)
		}
		return fail(MsgProvider, "provider error "+cb.Error+": "+cb.ErrorDescription, nil)
	}
	d, err := s.discover(ctx)
	if err != nil {
		return Identity{}, "", err
	}
	if cb.Issuer != "" && cb.Issuer != s.cfg.Issuer {
		return fail(MsgToken, "iss parameter "+cb.Issuer+" is not the issuer", nil)
	}
	if cb.Issuer == "" && d.issParam {
		return fail(MsgToken, "iss parameter missing though the provider promises it", nil)
	}
	if cb.Code == "" {
		return fail(MsgProvider, "no code", nil)
	}

	hctx := oidc.ClientContext(ctx, s.cfg.HTTPClient)
	tok, err := d.oauth.Exchange(hctx, cb.Code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		return fail(MsgToken, "code exchange", err)
	}
	rawID, _ := tok.Extra("id_token").(string)
	if rawID == "" {
		return fail(MsgToken, "no id_token in the token response", nil)
	}
	idToken, err := d.verifier.Verify(hctx, rawID)
	if err != nil {
		return fail(MsgToken, "verify id token", err)
	}
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return fail(MsgToken, "read id token claims", err)
	}
	// What go-oidc's Verify does not check.
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(a.nonce)) != 1 {
		return fail(MsgToken, "nonce mismatch", nil)
	}
	if idToken.Subject == "" {
		return fail(MsgToken, "empty sub", nil)
	}
	if _, ok := claims["iat"].(float64); !ok {
		return fail(MsgToken, "iat missing", nil)
	}
	now := s.cfg.Now()
	if idToken.IssuedAt.Before(now.Add(-s.cfg.MaxTokenAge)) || idToken.IssuedAt.After(now.Add(s.cfg.ClockSkew)) {
		return fail(MsgToken, fmt.Sprintf("iat %s not recent", idToken.IssuedAt.Format(time.RFC3339)), nil)
	}
	if idToken.AccessTokenHash != "" {
		if err := idToken.VerifyAccessToken(tok.AccessToken); err != nil {
			return fail(MsgToken, "at_hash", err)
		}
	}
	if d.provider.UserInfoEndpoint() != "" {
		ui, err := d.provider.UserInfo(hctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return fail(MsgToken, "userinfo", err)
		}
		if ui.Subject != idToken.Subject {
			return fail(MsgToken, "userinfo sub differs from the id token's", nil)
		}
		var uiClaims map[string]any
		if err := ui.Claims(&uiClaims); err != nil {
			return fail(MsgToken, "read userinfo claims", err)
		}
		for k, v := range uiClaims { // the signed ID token wins where both assert a claim
			if _, ok := claims[k]; !ok {
				claims[k] = v
			}
		}
	}

	id := identityFromClaims(s.cfg.Claims, claims)
	id.Issuer = idToken.Issuer
	id.Subject = idToken.Subject
	id.IDToken = rawID
	id.AuthTime = now
	if at, ok := claims["auth_time"].(float64); ok {
		id.AuthTime = time.Unix(int64(at), 0)
	}
	if id.Name == "" {
		id.Name = id.Subject
	}
	return id, a.returnTo, nil
}

// LogoutURL is where to send the browser to end the provider's session (RP-initiated logout),
// or "" when the provider has no end_session_endpoint.
func (s *Service) LogoutURL(ctx context.Context, idTokenHint, postLogoutRedirect string) (string, error) {
	d, err := s.discover(ctx)
	if err != nil {
		return "", err
	}
	if d.endSession == "" {
		return "", nil
	}
	u, err := url.Parse(d.endSession)
	if err == nil && (u.Scheme != "https" && u.Scheme != "http" || u.Host == "") {
		err = fmt.Errorf("end_session_endpoint %q is not an absolute http(s) URL", d.endSession)
	}
	if err != nil {
		return "", fault.Wrap(fault.EUNAVAILABLE, MsgUnavailable, "signin.logout", err)
	}
	q := u.Query()
	if idTokenHint != "" {
		q.Set("id_token_hint", idTokenHint)
	}
	q.Set("client_id", s.cfg.ClientID)
	q.Set("post_logout_redirect_uri", postLogoutRedirect)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// SafeReturnTo keeps only local absolute paths, so a sign-in can never redirect elsewhere.
func SafeReturnTo(p string) string {
	if p == "" || p[0] != '/' || len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || slices.Contains([]byte(p), '\n') {
		return "/"
	}
	return p
}
