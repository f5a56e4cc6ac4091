package vneid_test

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/motlan/portal/sim/vneid"
)

const (
	rpBase         = "http://rp.example"
	citizenID      = "motlan-portal"
	staffID        = "motlan-staff"
	pidAn          = "001088012345" // Nguyễn Văn An, LoA2
	pidDung        = "038301009876" // Phạm Thị Dung, LoA1
	staffOfficer   = "canbo.ubnd.hoankiem"
	citizenLogout  = rpBase + "/"
	staffLogout    = rpBase + "/staff"
	citizenCbURL   = rpBase + "/auth/callback"
	staffCbURL     = rpBase + "/staff/auth/callback"
	citizenSecret  = "citizen-secret"
	staffSecret    = "staff-secret"
	wrongPassword  = "not-the-password"
	langCookieName = "vneid_lang"
)

// env is a running simulator with the two clients the portal registers.
type env struct {
	sim     *vneid.Server
	issuer  string
	http    *http.Client // a browser: cookie jar, stops at redirects that leave the sim
	clients map[string]vneid.Client
}

func setup(t *testing.T) *env {
	t.Helper()
	return setupWith(t, nil)
}

// setupWith is setup with the simulator's config changed by adjust.
func setupWith(t *testing.T, adjust func(*vneid.Config)) *env {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	issuer := "http://" + ts.Listener.Addr().String()
	clients := map[string]vneid.Client{
		citizenID: {
			ID: citizenID, Secret: citizenSecret, Audience: vneid.AudienceCitizen,
			RedirectURIs: []string{citizenCbURL}, PostLogoutRedirectURIs: []string{citizenLogout},
		},
		staffID: {
			ID: staffID, Secret: staffSecret, Audience: vneid.AudienceStaff,
			RedirectURIs: []string{staffCbURL}, PostLogoutRedirectURIs: []string{staffLogout},
		},
	}
	cfg := vneid.Config{
		Issuer:  issuer,
		Clients: []vneid.Client{clients[citizenID], clients[staffID]},
		Logger:  slog.New(slog.NewTextHandler(t.Output(), nil)),
	}
	if adjust != nil {
		adjust(&cfg)
	}
	sim, err := vneid.New(cfg)
	require.NoError(t, err)
	ts.Config.Handler = sim
	ts.Start()
	t.Cleanup(ts.Close)

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	browser := &http.Client{
		// Its own transport: another test's httptest.Server.Close closes the idle connections
		// of http.DefaultTransport, which broke a request of this one reusing such a connection.
		Transport: http.DefaultTransport.(*http.Transport).Clone(),
		Jar:       jar,
		CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			if !strings.HasPrefix(req.URL.String(), issuer+"/") {
				return http.ErrUseLastResponse // the relying party is not running
			}
			return nil
		},
	}
	return &env{sim: sim, issuer: issuer, http: browser, clients: clients}
}

// flow is one relying-party sign-in: oauth2 config, PKCE verifier, state and nonce.
type flow struct {
	e        *env
	provider *oidc.Provider
	oauth    *oauth2.Config
	verifier string
	state    string
	nonce    string
}

func (e *env) newFlow(t *testing.T, clientID string, style oauth2.AuthStyle) *flow {
	t.Helper()
	provider, err := oidc.NewProvider(t.Context(), e.issuer)
	require.NoError(t, err)
	c := e.clients[clientID]
	endpoint := provider.Endpoint()
	endpoint.AuthStyle = style
	return &flow{
		e:        e,
		provider: provider,
		oauth: &oauth2.Config{
			ClientID: c.ID, ClientSecret: c.Secret, RedirectURL: c.RedirectURIs[0],
			Endpoint: endpoint, Scopes: []string{oidc.ScopeOpenID, "profile", "email"},
		},
		verifier: oauth2.GenerateVerifier(),
		state:    rand.Text(),
		nonce:    rand.Text(),
	}
}

func (f *flow) authURL() string {
	return f.oauth.AuthCodeURL(f.state, oauth2.S256ChallengeOption(f.verifier), oidc.Nonce(f.nonce))
}

// loginForm is the login page as the browser received it.
type loginForm struct {
	action string
	fields url.Values
	doc    *goquery.Document
	status int
}

// openLogin starts the authorization and follows op's redirect to the login page.
func (f *flow) openLogin(t *testing.T) loginForm {
	t.Helper()
	res, err := f.e.http.Get(f.authURL())
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "authorize should lead to the login page")
	require.Equal(t, "/login", res.Request.URL.Path)
	return parseLoginForm(t, res)
}

func parseLoginForm(t *testing.T, res *http.Response) loginForm {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	require.NoError(t, err)
	form := doc.Find("form[data-testid=login-form]")
	require.Equal(t, 1, form.Length(), "login form")
	action, _ := form.Attr("action")
	fields := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		fields.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	return loginForm{action: res.Request.URL.ResolveReference(&url.URL{Path: action}).String(), fields: fields, doc: doc, status: res.StatusCode}
}

// submit posts the login form; extra fields (e.g. action=cancel) are added.
func (f *flow) submit(t *testing.T, form loginForm, username, password string, extra ...string) *http.Response {
	t.Helper()
	vals := url.Values{}
	for k, v := range form.fields {
		vals[k] = v
	}
	vals.Set("username", username)
	vals.Set("password", password)
	for i := 0; i+1 < len(extra); i += 2 {
		vals.Set(extra[i], extra[i+1])
	}
	res, err := f.e.http.PostForm(form.action, vals)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// callback checks a redirect to the client's redirect URI and returns its query.
func (f *flow) callback(t *testing.T, res *http.Response) url.Values {
	t.Helper()
	require.Equal(t, http.StatusFound, res.StatusCode, "authorization response is a redirect")
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, f.oauth.RedirectURL, loc.Scheme+"://"+loc.Host+loc.Path)
	q := loc.Query()
	require.Equal(t, f.state, q.Get("state"))
	require.Equal(t, f.e.issuer, q.Get("iss"), "RFC 9207 iss parameter")
	return q
}

// signIn runs authorize → login → callback and returns the authorization code.
func (f *flow) signIn(t *testing.T, username, password string) string {
	t.Helper()
	q := f.callback(t, f.submit(t, f.openLogin(t), username, password))
	require.Empty(t, q.Get("error"), q.Get("error_description"))
	require.NotEmpty(t, q.Get("code"))
	return q.Get("code")
}

func (f *flow) exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	return f.oauth.Exchange(ctx, code, oauth2.VerifierOption(f.verifier))
}

// verify checks the ID token of tok with go-oidc against the sim's discovery and nonce.
func (f *flow) verify(t *testing.T, tok *oauth2.Token) *oidc.IDToken {
	t.Helper()
	raw, ok := tok.Extra("id_token").(string)
	require.True(t, ok, "token response has an id_token")
	idt, err := f.provider.Verifier(&oidc.Config{ClientID: f.oauth.ClientID}).Verify(t.Context(), raw)
	require.NoError(t, err)
	require.Equal(t, f.nonce, idt.Nonce)
	return idt
}

func requireOAuthError(t *testing.T, err error, code string) {
	t.Helper()
	require.Error(t, err)
	var re *oauth2.RetrieveError
	require.ErrorAs(t, err, &re)
	require.Equal(t, code, re.ErrorCode, string(re.Body))
}
