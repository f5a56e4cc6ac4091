package vneid

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

const (
	csrfCookie = "vneid_csrf"
	minCSRFLen = 26 // rand.Text: 128 random bits
)

// csrfBinding returns the browser's CSRF cookie value, setting a new one if needed.
// The form token is an HMAC of this value and the auth request ID, so a token works
// only in the browser that loaded the form and only for that auth request.
func (s *Server) csrfBinding(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= minCSRFLen {
		return c.Value
	}
	v := rand.Text()
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // G124: Secure follows the issuer's scheme; development runs it over http
		Name: csrfCookie, Value: v, Path: pathLogin,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
	return v
}

func (s *Server) csrfToken(binding, authRequestID string) string {
	mac := hmac.New(sha256.New, s.csrfKey)
	mac.Write([]byte(binding))
	mac.Write([]byte{0})
	mac.Write([]byte(authRequestID))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func (s *Server) checkCSRF(r *http.Request, authRequestID, token string) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) < minCSRFLen || token == "" {
		return false
	}
	return hmac.Equal([]byte(s.csrfToken(c.Value, authRequestID)), []byte(token))
}
