package ndxp

import (
	"crypto/rand"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// tokenTTL is the lifetime of an access token.
const tokenTTL = time.Hour

// tokenStore holds the access tokens issued, in memory: opaque random strings.
type tokenStore struct {
	mu        sync.Mutex
	tokens    map[string]issuedToken
	lastSweep time.Time
}

type issuedToken struct {
	clientID string
	expires  time.Time
}

func newTokenStore() *tokenStore {
	return &tokenStore{tokens: make(map[string]issuedToken)}
}

func (t *tokenStore) issue(clientID string, now time.Time) string {
	token := rand.Text() + rand.Text() // 52 base32 characters, 260 random bits
	t.mu.Lock()
	defer t.mu.Unlock()
	if now.Sub(t.lastSweep) > time.Minute {
		for k, v := range t.tokens {
			if !now.Before(v.expires) {
				delete(t.tokens, k)
			}
		}
		t.lastSweep = now
	}
	t.tokens[token] = issuedToken{clientID: clientID, expires: now.Add(tokenTTL)}
	return token
}

// client returns the client a token was issued to, if it is known and not expired.
func (t *tokenStore) client(token string, now time.Time) (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	it, ok := t.tokens[token]
	if !ok || !now.Before(it.expires) {
		return "", false
	}
	return it.clientID, true
}

// issueToken is the OAuth 2.0 token endpoint; it grants client_credentials only.
func (s *Server) issueToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
		return
	}
	id, secret, ok := r.BasicAuth()
	if ok {
		// RFC 6749 §2.3.1: the client id and secret are form-encoded before Basic encoding.
		if v, err := url.QueryUnescape(id); err == nil {
			id = v
		}
		if v, err := url.QueryUnescape(secret); err == nil {
			secret = v
		}
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if !s.checkClient(id, secret) {
		w.Header().Set("WWW-Authenticate", `Basic realm="ndxp"`)
		writeError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
		return
	}
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "client_credentials":
	case "":
		writeError(w, http.StatusBadRequest, "invalid_request", "grant_type is required")
		return
	default:
		writeError(w, http.StatusBadRequest, "unsupported_grant_type", "only client_credentials is supported")
		return
	}
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}{s.tokens.issue(id, s.now()), "Bearer", int(tokenTTL / time.Second)})
}

func (s *Server) checkClient(id, secret string) bool {
	want, ok := s.clients[id]
	if !ok {
		subtle.ConstantTimeCompare([]byte(secret), []byte(secret)) // same work either way
		return false
	}
	return subtle.ConstantTimeCompare([]byte(secret), []byte(want)) == 1
}

// authenticate returns the client making a data request: by bearer token, or by its id
// and secret in HTTP Basic.
func (s *Server) authenticate(r *http.Request) (string, bool) {
	if id, secret, ok := r.BasicAuth(); ok {
		if s.checkClient(id, secret) {
			return id, true
		}
		return "", false
	}
	token, ok := bearer(r)
	if !ok {
		return "", false
	}
	return s.tokens.client(token, s.now())
}

func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
