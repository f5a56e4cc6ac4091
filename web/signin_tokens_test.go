package web_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc/oidctest"
	"github.com/stretchr/testify/require"
)

// fakeIdP is an OpenID provider whose token endpoint returns whatever ID token the test
// builds, signed by oidctest, to check that the portal refuses every bad one.
type fakeIdP struct {
	t      *testing.T
	issuer string
	key    *ecdsa.PrivateKey
	disc   *oidctest.Server

	mu    sync.Mutex
	token func(nonce string) string // builds the id_token for the pending sign-in
	nonce string                    // from the last authorization request
	chal  string                    // PKCE challenge of the last authorization request
}

func newFakeIdP(t *testing.T) (*fakeIdP, *stack) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ln, issuer := listen(t)
	f := &fakeIdP{t: t, issuer: issuer, key: key, disc: &oidctest.Server{
		PublicKeys: []oidctest.PublicKey{{PublicKey: key.Public(), KeyID: "k1", Algorithm: "ES256"}},
		Algorithms: []string{"ES256"},
	}}
	f.disc.SetIssuer(issuer)
	mux := http.NewServeMux()
	mux.Handle("/", f.disc)
	mux.HandleFunc("POST /token", f.serveToken)
	serve(t, ln, mux)
	portalLn, base := listen(t)
	return f, startPortal(t, portalLn, base, issuer, nil)
}

// claims returns a valid claim set for the pending sign-in; tests change what they test.
func (f *fakeIdP) claims(nonce string) map[string]any {
	now := time.Now()
	return map[string]any{
		"iss": f.issuer, "aud": clientID, "sub": "generic-user-1", "nonce": nonce,
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"name": "Generic User",
	}
}

func (f *fakeIdP) sign(claims map[string]any) string {
	b, err := json.Marshal(claims)
	require.NoError(f.t, err)
	return oidctest.SignIDToken(f.key, "k1", "ES256", string(b))
}

func (f *fakeIdP) serveToken(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sum := sha256.Sum256([]byte(r.FormValue("code_verifier")))
	if base64.RawURLEncoding.EncodeToString(sum[:]) != f.chal || r.FormValue("code") != "the-code" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		// A failed write means the portal hung up, and its sign-in fails either way.
		_, _ = fmt.Fprint(w, `{"error":"invalid_grant"}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	// Strings and a number always encode, so an error here is a failed write: the portal hung
	// up, its sign-in fails, and so does the test that expected it to succeed.
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": "at-1", "token_type": "Bearer", "expires_in": 300,
		"id_token": f.token(f.nonce),
	})
}

// signInWith starts a sign-in and comes back to the callback with a code for which the token
// endpoint returns token(nonce); extra adds callback parameters.
func (f *fakeIdP) signInWith(s *stack, b *browser, token func(nonce string) string, extra url.Values) page {
	f.t.Helper()
	start := b.get(s.portalURL + "/auth/login")
	require.Equal(f.t, http.StatusSeeOther, start.status)
	q := mustParse(f.t, start.location).Query()
	f.mu.Lock()
	f.nonce, f.chal, f.token = q.Get("nonce"), q.Get("code_challenge"), token
	f.mu.Unlock()
	cb := url.Values{"state": {q.Get("state")}, "code": {"the-code"}}
	for k, v := range extra {
		cb[k] = v
	}
	return b.get(s.portalURL + "/auth/callback?" + cb.Encode())
}

func TestSignInRefusesBadIDTokens(t *testing.T) {
	t.Parallel()
	f, s := newFakeIdP(t)
	otherKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)

	with := func(change func(c map[string]any)) func(string) string {
		return func(nonce string) string {
			c := f.claims(nonce)
			change(c)
			return f.sign(c)
		}
	}
	cases := map[string]func(string) string{
		"ErrBadSignature": func(nonce string) string {
			b, _ := json.Marshal(f.claims(nonce))
			return oidctest.SignIDToken(otherKey, "k1", "ES256", string(b))
		},
		"ErrWrongIssuer":   with(func(c map[string]any) { c["iss"] = "http://evil.example" }),
		"ErrWrongAudience": with(func(c map[string]any) { c["aud"] = "someone-else" }),
		"ErrExpired": with(func(c map[string]any) {
			c["iat"] = time.Now().Add(-10 * time.Minute).Unix()
			c["exp"] = time.Now().Add(-5 * time.Minute).Unix()
		}),
		"ErrMissingIat": with(func(c map[string]any) { delete(c, "iat") }),
		"ErrStaleIat":   with(func(c map[string]any) { c["iat"] = time.Now().Add(-time.Hour).Unix() }),
		"ErrFutureIat":  with(func(c map[string]any) { c["iat"] = time.Now().Add(time.Hour).Unix() }),
		"ErrEmptySub":   with(func(c map[string]any) { c["sub"] = "" }),
		"ErrWrongNonce": with(func(c map[string]any) { c["nonce"] = "another-nonce-another-nonce-another-nonce" }),
		"ErrNoNonce":    with(func(c map[string]any) { delete(c, "nonce") }),
		"ErrAlgNone": func(nonce string) string {
			enc := base64.RawURLEncoding.EncodeToString
			b, _ := json.Marshal(f.claims(nonce))
			return enc([]byte(`{"alg":"none","typ":"JWT","kid":"k1"}`)) + "." + enc(b) + "."
		},
		"ErrHMACWithPublicKey": func(nonce string) string {
			// alg confusion: HS256 is not on the allow-list whatever the key.
			enc := base64.RawURLEncoding.EncodeToString
			b, _ := json.Marshal(f.claims(nonce))
			return enc([]byte(`{"alg":"HS256","typ":"JWT","kid":"k1"}`)) + "." + enc(b) + "." + enc([]byte("sig"))
		},
	}
	for name, token := range cases {
		t.Run(name, func(t *testing.T) {
			b := newBrowser(t)
			p := f.signInWith(s, b, token, nil)
			requireSignInError(t, p, "signin.error.token")
			require.Equal(t, http.StatusSeeOther, b.get(s.portalURL+"/account").status, "no session")
			require.Equal(t, 0, s.sessionCount(t))
		})
	}

	t.Run("ErrIssParameterMismatch", func(t *testing.T) {
		b := newBrowser(t)
		p := f.signInWith(s, b, with(func(map[string]any) {}), url.Values{"iss": {"http://evil.example"}})
		requireSignInError(t, p, "signin.error.token")
		require.Equal(t, 0, s.sessionCount(t))
	})

	t.Run("ErrTokenEndpointRefuses", func(t *testing.T) {
		b := newBrowser(t)
		p := f.signInWith(s, b, with(func(map[string]any) {}), url.Values{"code": {"another-code"}})
		requireSignInError(t, p, "signin.error.token")
	})

	// The control case: the same fake, with a good token, signs in. It is a generic provider
	// without personal_id, so the account page says what is unavailable instead of failing.
	t.Run("OKGenericProviderWithoutPersonalID", func(t *testing.T) {
		b := newBrowser(t)
		p := b.followFrom(f.signInWith(s, b, with(func(map[string]any) {}), url.Values{"iss": {f.issuer}}))
		require.Equal(t, http.StatusOK, p.status, p.body) // home
		p = b.get(s.portalURL + "/account")
		require.Equal(t, http.StatusOK, p.status, p.body)
		doc := p.doc(t)
		require.Equal(t, "Generic User", strings.TrimSpace(doc.Find("[data-testid=user-name]").Text()))
		require.Equal(t, 1, doc.Find("[data-testid=no-personal-id]").Length())
		require.Equal(t, 1, s.sessionCount(t))
	})
}
