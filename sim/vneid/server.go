// Package vneid is a development simulator of VNeID, Vietnam's national electronic
// identity, as an OpenID Provider. It also stands in for the government workforce IdP:
// each registered client says whether citizens or staff sign in through it.
//
// The protocol is github.com/zitadel/oidc/v3/pkg/op; this package adds in-memory storage,
// demo identities, a login page, and the simulator's policy: authorization code flow
// only, PKCE with S256 mandatory, confidential clients (client_secret_basic or
// client_secret_post), ES256-signed ID tokens, and the RFC 9207 "iss" parameter on
// authorization responses.
//
// By default there is no SSO session: every authorization request shows the login page, and
// RP-initiated logout only validates the request and redirects back to the client. With
// Config.SingleSignOn it keeps one, as a real provider does, until the relying party sends the
// person to end_session; Config.EndSessionURL advertises a logout page on another origin (as
// Ory Hydra's logout app), which must send the browser on to the simulator's end_session.
package vneid

import (
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	httphelper "github.com/zitadel/oidc/v3/pkg/http"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// Config configures a Server.
type Config struct {
	Issuer     string           // e.g. "http://localhost:8081" (no trailing slash, no path); http is allowed
	Clients    []Client         // at least one
	Identities *Identities      // nil = the embedded default data file
	Now        func() time.Time // nil = time.Now; used for auth_time, code and access token expiry
	Logger     *slog.Logger     // nil = slog.Default()
	// SigningKey is the first signing key (P-256); nil = generate one. Keeping it across
	// restarts keeps earlier ID tokens verifiable, e.g. as id_token_hint at sign-out.
	SigningKey *ecdsa.PrivateKey
	// SingleSignOn keeps a session per browser after a login (a cookie on the issuer's
	// origin): later authorization requests of clients of the same audience skip the login
	// page until end_session ends it.
	SingleSignOn bool
	// EndSessionURL is the end_session_endpoint the discovery document advertises; "" = the
	// simulator's own <issuer>/end_session. Set it to a logout page on another origin that
	// sends the browser on to <issuer>/end_session with the same query.
	EndSessionURL string
}

// Routes of the simulator beyond the op package's endpoints.
const (
	pathLogin     = "/login"
	pathLoggedOut = "/logged-out"
	pathCSS       = "/assets/vneid-sim.css"
	pathDiscovery = "/.well-known/openid-configuration"
	pathAuthorize = "/authorize"
	pathCallback  = "/authorize/callback"
)

// Server is the simulated OpenID Provider; it is an http.Handler.
type Server struct {
	issuer   string
	now      func() time.Time
	logger   *slog.Logger
	ids      *Identities
	clients  map[string]*opClient
	keys     *keyRing
	store    *storage
	provider *op.Provider
	pages    *pageTemplates
	csrfKey  []byte
	secure   bool            // https issuer: cookies get the Secure flag
	redirect map[string]bool // registered redirect URIs without their query
	handler  http.Handler

	singleSignOn bool
	endSession   string // advertised end_session_endpoint; "" = op's
}

// New builds a Server with a freshly generated signing key.
func New(cfg Config) (*Server, error) {
	issuerURL, err := checkIssuer(cfg.Issuer)
	if err != nil {
		return nil, err
	}
	if len(cfg.Clients) == 0 {
		return nil, errors.New("vneid: no clients configured")
	}
	s := &Server{
		issuer:   cfg.Issuer,
		now:      cfg.Now,
		logger:   cfg.Logger,
		ids:      cfg.Identities,
		clients:  make(map[string]*opClient, len(cfg.Clients)),
		keys:     &keyRing{},
		csrfKey:  make([]byte, 32),
		secure:   issuerURL.Scheme == "https",
		redirect: make(map[string]bool),

		singleSignOn: cfg.SingleSignOn,
		endSession:   cfg.EndSessionURL,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.ids == nil {
		s.ids = DefaultIdentities()
	}
	for _, c := range cfg.Clients {
		if err := c.validate(); err != nil {
			return nil, fmt.Errorf("vneid: %w", err)
		}
		if _, dup := s.clients[c.ID]; dup {
			return nil, fmt.Errorf("vneid: duplicate client %q", c.ID)
		}
		s.clients[c.ID] = &opClient{Client: c, loginURL: s.issuer + pathLogin}
		for _, raw := range c.RedirectURIs {
			u, _ := url.Parse(raw) // validated above
			u.RawQuery = ""
			s.redirect[u.String()] = true
		}
	}
	if cfg.SigningKey != nil {
		if _, err := s.keys.add(cfg.SigningKey); err != nil {
			return nil, err
		}
	} else if _, err := s.keys.rotate(); err != nil {
		return nil, err
	}
	rand.Read(s.csrfKey)
	s.store = newStorage(s.now, s.logger, s.ids, s.clients, s.keys)
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}

	var cryptoKey [32]byte // encrypts opaque access tokens and codes; new at every start
	rand.Read(cryptoKey[:])
	opCfg := &op.Config{
		CryptoKey:                cryptoKey,
		DefaultLogoutRedirectURI: s.issuer + pathLoggedOut,
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedUILocales:       []language.Tag{language.Vietnamese, language.English},
		SupportedClaims:          supportedClaims(),
		SupportedScopes:          []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail, oidc.ScopePhone},
	}
	var opts []op.Option
	if issuerURL.Scheme == "http" {
		opts = append(opts, op.WithAllowInsecure())
	}
	s.provider, err = op.NewProvider(opCfg, s.store, op.StaticIssuer(s.issuer), opts...)
	if err != nil {
		return nil, fmt.Errorf("vneid: openid provider: %w", err)
	}
	s.handler = s.routes()
	return s, nil
}

func checkIssuer(issuer string) (*url.URL, error) {
	u, err := url.Parse(issuer)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("vneid: issuer %q: want an absolute http(s) URL", issuer)
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(issuer, "/") {
		return nil, fmt.Errorf("vneid: issuer %q: want scheme and host only, without path or trailing slash", issuer)
	}
	return u, nil
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+pathLogin, s.showLogin)
	mux.Handle("POST "+pathLogin, s.withIssParam(http.HandlerFunc(s.submitLogin)))
	mux.HandleFunc("GET "+pathLoggedOut, s.showLoggedOut)
	mux.HandleFunc("GET "+pathCSS, serveCSS)
	mux.HandleFunc("GET "+pathDiscovery, s.showDiscovery)
	mux.Handle(pathAuthorize, s.withIssParam(s.provider))
	mux.Handle(pathCallback, s.withIssParam(s.provider))
	mux.Handle("/", s.provider)
	return s.logRequests(mux)
}

// ServeHTTP serves the OpenID Provider endpoints, the login page and its assets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// RotateKey makes a newly generated key the signing key. Earlier public keys stay in
// the JWKS, so tokens signed before the rotation keep verifying.
func (s *Server) RotateKey() error {
	kid, err := s.keys.rotate()
	if err != nil {
		return err
	}
	s.logger.Info("vneid: signing key rotated", slog.String("kid", kid))
	return nil
}

// showDiscovery serves op's discovery document plus the RFC 9207 flag, which op lacks.
func (s *Server) showDiscovery(w http.ResponseWriter, r *http.Request) {
	ctx := op.ContextWithIssuer(r.Context(), s.issuer)
	doc := struct {
		*oidc.DiscoveryConfiguration
		IssParameterSupported bool `json:"authorization_response_iss_parameter_supported"`
	}{op.CreateDiscoveryConfig(ctx, s.provider, s.store), true}
	if s.endSession != "" {
		doc.EndSessionEndpoint = s.endSession
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	httphelper.MarshalJSON(w, doc)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.logger.Log(r.Context(), level, "vneid: http request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
