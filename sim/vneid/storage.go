package vneid

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	authRequestTTL = 15 * time.Minute // time to complete the login page
	codeTTL        = 2 * time.Minute  // time to redeem an authorization code
)

var errNotFound = errors.New("vneid: not found")

// storage is the in-memory op.Storage of the simulator: auth requests, codes and
// access tokens live only as long as the process.
type storage struct {
	now     func() time.Time
	logger  *slog.Logger
	ids     *Identities
	clients map[string]*opClient
	keys    *keyRing

	mu       sync.Mutex
	requests map[string]*authRequest // by ID
	codes    map[string]string       // code -> auth request ID
	tokens   map[string]*accessToken // by token ID
	sso      map[string]ssoSession   // single sign-on sessions by ID (Config.SingleSignOn)
}

type accessToken struct {
	subject   string
	clientID  string
	scopes    []string
	expiresAt time.Time
}

var _ op.Storage = (*storage)(nil)

func newStorage(now func() time.Time, logger *slog.Logger, ids *Identities, clients map[string]*opClient, keys *keyRing) *storage {
	return &storage{
		now: now, logger: logger, ids: ids, clients: clients, keys: keys,
		requests: make(map[string]*authRequest),
		codes:    make(map[string]string),
		tokens:   make(map[string]*accessToken),
		sso:      make(map[string]ssoSession),
	}
}

// CreateAuthRequest stores a validated authorization request. The op package has already
// checked the client, redirect URI, scopes and response type; the simulator adds its
// own policy: PKCE with S256 is mandatory and responses go in the query.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if req.CodeChallenge == "" {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge is required (PKCE with S256)")
	}
	if req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
	}
	if req.ResponseMode != "" && req.ResponseMode != oidc.ResponseModeQuery {
		return nil, oidc.ErrInvalidRequest().WithDescription("only response_mode=query is supported")
	}
	a := &authRequest{
		id:            rand.Text(),
		createdAt:     s.now(),
		clientID:      req.ClientID,
		redirectURI:   req.RedirectURI,
		state:         req.State,
		nonce:         req.Nonce,
		scopes:        slices.Clone([]string(req.Scopes)),
		responseType:  req.ResponseType,
		responseMode:  req.ResponseMode,
		codeChallenge: &oidc.CodeChallenge{Challenge: req.CodeChallenge, Method: req.CodeChallengeMethod},
		uiLang:        pickLang(req.UILocales),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pruneLocked()
	s.requests[a.id] = a
	return a.clone(), nil
}

// pruneLocked drops expired auth requests, codes and tokens so memory stays bounded.
func (s *storage) pruneLocked() {
	now := s.now()
	for id, a := range s.requests {
		if s.requestExpired(a, now) {
			delete(s.requests, id)
			if a.code != "" {
				delete(s.codes, a.code)
			}
		}
	}
	for id, t := range s.tokens {
		if !now.Before(t.expiresAt) {
			delete(s.tokens, id)
		}
	}
}

func (s *storage) requestExpired(a *authRequest, now time.Time) bool {
	if a.code != "" {
		return !now.Before(a.codeIssuedAt.Add(codeTTL))
	}
	return !now.Before(a.createdAt.Add(authRequestTTL))
}

// AuthRequestByID serves the callback after login. A request whose code was already
// issued is not found again, so replaying the callback cannot mint a second code.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok || a.code != "" || s.requestExpired(a, s.now()) {
		return nil, oidc.ErrInvalidRequest().WithDescription("authorization request unknown, expired or already used").WithParent(errNotFound)
	}
	return a.clone(), nil
}

// pendingRequest returns an auth request that still waits for the login page.
func (s *storage) pendingRequest(id string) (*authRequest, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok || a.done || s.requestExpired(a, s.now()) {
		return nil, false
	}
	return a.clone(), true
}

// completeLogin marks the auth request as authenticated by subject.
func (s *storage) completeLogin(id, subject, acr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok || a.done || s.requestExpired(a, s.now()) {
		return fmt.Errorf("auth request %q: %w", id, errNotFound)
	}
	a.subject, a.acr, a.authTime, a.done = subject, acr, s.now(), true
	return nil
}

func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.codes[code]
	if !ok {
		return nil, fmt.Errorf("code: %w", errNotFound)
	}
	a, ok := s.requests[id]
	if !ok || s.requestExpired(a, s.now()) {
		return nil, fmt.Errorf("code: %w", errNotFound)
	}
	return a.clone(), nil
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok || !a.done || a.code != "" {
		return oidc.ErrInvalidRequest().WithDescription("authorization request already used or unknown")
	}
	a.code, a.codeIssuedAt = code, s.now()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest is called once the code has been exchanged: the code cannot be replayed.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.requests[id]; ok && a.code != "" {
		delete(s.codes, a.code)
	}
	delete(s.requests, id)
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	var clientID string
	switch r := req.(type) {
	case op.AuthRequest:
		clientID = r.GetClientID()
	default:
		return "", time.Time{}, oidc.ErrUnsupportedGrantType()
	}
	id := rand.Text()
	exp := s.now().Add(accessTokenLifetime)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[id] = &accessToken{subject: req.GetSubject(), clientID: clientID, scopes: slices.Clone(req.GetScopes()), expiresAt: exp}
	return id, exp, nil
}

func (s *storage) token(id, subject string) (accessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok || t.subject != subject || !s.now().Before(t.expiresAt) {
		return accessToken{}, errors.New("access token invalid or expired")
	}
	return *t, nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, oidc.ErrUnsupportedGrantType().WithDescription("refresh tokens are not issued")
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

// TerminateSession ends the person's single sign-on sessions, when the simulator keeps them
// (Config.SingleSignOn); without them every authorization shows the login page, and
// RP-initiated logout only redirects back.
func (s *storage) TerminateSession(ctx context.Context, userID, clientID string) error {
	n := 0
	if userID != "" {
		n = s.endSSO(userID)
	}
	s.logger.InfoContext(ctx, "vneid: end session", slog.String("sub", userID), slog.String("client_id", clientID), slog.Int("sso_sessions", n))
	return nil
}

func (s *storage) RevokeToken(_ context.Context, tokenOrID, userID, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[tokenOrID]; ok && t.clientID == clientID {
		delete(s.tokens, tokenOrID)
	}
	return nil
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	return s.keys.active(), nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{signingAlg}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return s.keys.public(), nil
}

func (s *storage) GetClientByClientID(_ context.Context, clientID string) (op.Client, error) {
	c, ok := s.clients[clientID]
	if !ok {
		return nil, fmt.Errorf("client %q: %w", clientID, errNotFound)
	}
	return c, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, clientID, secret string) error {
	c, ok := s.clients[clientID]
	if !ok || !equalSecret(c.Secret, secret) {
		return errors.New("client authentication failed")
	}
	return nil
}

// SetUserinfoFromScopes is deprecated in op; claims come from SetUserinfoFromRequest.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token claims.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, _ []string) error {
	return s.setUserinfo(info, req.GetSubject())
}

// SetUserinfoFromToken answers the userinfo endpoint with the same claims as the ID token.
func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	if _, err := s.token(tokenID, subject); err != nil {
		return err
	}
	return s.setUserinfo(info, subject)
}

func (s *storage) SetIntrospectionFromToken(_ context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	t, err := s.token(tokenID, subject)
	if err != nil {
		return err
	}
	if t.clientID != clientID {
		return errors.New("token was issued to another client")
	}
	info := new(oidc.UserInfo)
	if err := s.setUserinfo(info, subject); err != nil {
		return err
	}
	resp.SetUserInfo(info)
	resp.Scope = t.scopes
	resp.ClientID = t.clientID
	resp.Expiration = oidc.FromTime(t.expiresAt)
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("JWT client authentication is not supported")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("JWT profile grant is not supported")
}

func (s *storage) Health(context.Context) error { return nil }
