package vneid

import (
	"crypto/rand"
	"log/slog"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// ssoCookie holds the ID of a single sign-on session (Config.SingleSignOn).
const ssoCookie = "vneid_sso"

// ssoSession is a person signed in at the provider: while it lasts, an authorization request
// of a client of the same audience is answered without the login page, as a real provider does.
// It ends when a relying party sends the person to end_session (RP-initiated logout).
type ssoSession struct {
	account
}

// startSSO remembers acct behind a new session ID.
func (s *storage) startSSO(acct account) string {
	id := rand.Text()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sso[id] = ssoSession{acct}
	return id
}

// ssoAccount is the account of the single sign-on session id.
func (s *storage) ssoAccount(id string) (account, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sso[id]
	return sess.account, ok
}

// endSSO ends every single sign-on session of sub and reports how many there were.
func (s *storage) endSSO(sub string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, sess := range s.sso {
		if sess.sub == sub {
			delete(s.sso, id)
			n++
		}
	}
	return n
}

// rememberLogin starts a single sign-on session for acct in this browser, when the simulator
// keeps them.
func (s *Server) rememberLogin(w http.ResponseWriter, acct account) {
	if !s.singleSignOn {
		return
	}
	//nolint:gosec // G124: Secure follows the issuer's scheme (true over https); HttpOnly and SameSite are set
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Value: s.store.startSSO(acct), Path: "/",
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
}

// signInBySSO completes the pending request a without the login page when this browser has a
// single sign-on session of an account of the client's audience, and reports whether it did.
func (s *Server) signInBySSO(w http.ResponseWriter, r *http.Request, a *authRequest) bool {
	if !s.singleSignOn {
		return false
	}
	ck, err := r.Cookie(ssoCookie)
	if err != nil {
		return false
	}
	acct, ok := s.store.ssoAccount(ck.Value)
	if !ok || acct.audience != s.clients[a.clientID].Audience {
		return false
	}
	if err := s.store.completeLogin(a.id, acct.sub, acct.acr); err != nil {
		return false
	}
	s.logger.InfoContext(r.Context(), "vneid: signed in by the single sign-on session",
		slog.String("client_id", a.clientID), slog.String("sub", acct.sub))
	ctx := op.ContextWithIssuer(r.Context(), s.issuer)
	http.Redirect(w, r, op.AuthCallbackURL(s.provider)(ctx, a.id), http.StatusSeeOther)
	return true
}
