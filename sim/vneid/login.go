package vneid

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Form and query fields of the login page.
const (
	loginParamID  = "authRequestID" // the auth request ID op puts in the login URL
	fieldCSRF     = "csrf_token"
	fieldUsername = "username"
	fieldPassword = "password"
	fieldAction   = "action" // "login" (default) or "cancel"
)

// loginPage is the login form, with the demo identities of the client's audience.
type loginPage struct {
	page
	Action        string
	ClientID      string
	Staff         bool
	AuthRequestID string
	CSRFToken     string
	Username      string
	Error         string
	DemoPassword  string
	CitizenRows   []demoRow
	StaffRows     []demoRow
}

type demoRow struct {
	Name, Login, LoA, Agency, Role string
}

// showLogin renders the login form for a pending auth request: every authorization shows it,
// unless the simulator keeps single sign-on sessions and this browser has one.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) {
	a, ok := s.store.pendingRequest(r.URL.Query().Get(loginParamID))
	if !ok {
		s.renderInvalidRequest(w, r, messagesFor(s.pageLang(w, r, "")))
		return
	}
	if s.signInBySSO(w, r, a) {
		return
	}
	t := messagesFor(s.pageLang(w, r, a.uiLang))
	s.renderLogin(w, r, t, a, http.StatusOK, "", "")
}

// submitLogin checks the credentials, or cancels, and hands back to op's callback.
func (s *Server) submitLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	a, ok := s.store.pendingRequest(r.PostForm.Get(loginParamID))
	if !ok {
		s.renderInvalidRequest(w, r, messagesFor(s.pageLang(w, r, "")))
		return
	}
	t := messagesFor(s.pageLang(w, r, a.uiLang))
	username := strings.TrimSpace(r.PostForm.Get(fieldUsername))
	log := s.logger.With(slog.String("client_id", a.clientID))
	if !s.checkCSRF(r, a.id, r.PostForm.Get(fieldCSRF)) {
		log.WarnContext(r.Context(), "vneid: login form failed the CSRF check")
		s.renderLogin(w, r, t, a, http.StatusForbidden, username, t.ErrCSRF)
		return
	}
	if r.PostForm.Get(fieldAction) == "cancel" {
		log.InfoContext(r.Context(), "vneid: login cancelled")
		op.AuthRequestError(w, r, a, oidc.ErrAccessDenied().WithDescription("the user cancelled the sign-in"), s.provider)
		_ = s.store.DeleteAuthRequest(r.Context(), a.id)
		return
	}
	password := r.PostForm.Get(fieldPassword)
	if username == "" || password == "" {
		s.renderLogin(w, r, t, a, http.StatusUnauthorized, username, t.ErrEmpty)
		return
	}
	acct, ok := s.authenticate(username, password)
	if !ok {
		log.WarnContext(r.Context(), "vneid: login failed: wrong credentials")
		s.renderLogin(w, r, t, a, http.StatusUnauthorized, username, t.ErrCredentials)
		return
	}
	if audience := s.clients[a.clientID].Audience; acct.audience != audience {
		msg := t.ErrStaffOnCitizen
		if audience == AudienceStaff {
			msg = t.ErrCitizenOnStaff
		}
		log.WarnContext(r.Context(), "vneid: login refused: account not allowed for this client",
			slog.String("sub", acct.sub), slog.String("account", acct.audience))
		s.renderLogin(w, r, t, a, http.StatusForbidden, username, msg)
		return
	}
	if err := s.store.completeLogin(a.id, acct.sub, acct.acr); err != nil {
		s.renderInvalidRequest(w, r, t)
		return
	}
	log.InfoContext(r.Context(), "vneid: login succeeded", slog.String("sub", acct.sub), slog.String("acr", acct.acr))
	s.rememberLogin(w, acct)
	ctx := op.ContextWithIssuer(r.Context(), s.issuer)
	http.Redirect(w, r, op.AuthCallbackURL(s.provider)(ctx, a.id), http.StatusSeeOther)
}

type account struct {
	audience, sub, acr string
}

// authenticate accepts a citizen's 12-digit personal ID or a staff login name.
func (s *Server) authenticate(username, password string) (account, bool) {
	if isPersonalIDShape(username) {
		c, ok := s.ids.citizenByPersonalID(username)
		if ok && equalSecret(c.Password, password) {
			return account{audience: AudienceCitizen, sub: c.Sub, acr: c.ACR}, true
		}
		return account{}, false
	}
	st, ok := s.ids.staffByUsername(strings.ToLower(username))
	if ok && equalSecret(st.Password, password) {
		return account{audience: AudienceStaff, sub: st.Sub, acr: LoA2}, true
	}
	return account{}, false
}

func isPersonalIDShape(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, t messages, a *authRequest, status int, username, errMsg string) {
	client := s.clients[a.clientID]
	switchQuery := url.Values{loginParamID: {a.id}, langParam: {t.OtherLang}}
	p := loginPage{
		page: page{
			T: t, Title: t.LoginTitle, CSS: pathCSS,
			SwitchURL: pathLogin + "?" + switchQuery.Encode(),
		},
		Action:        pathLogin,
		ClientID:      client.ID,
		Staff:         client.Audience == AudienceStaff,
		AuthRequestID: a.id,
		CSRFToken:     s.csrfToken(s.csrfBinding(w, r), a.id),
		Username:      username,
		Error:         errMsg,
		DemoPassword:  DemoPassword,
	}
	if errMsg != "" {
		p.Title = t.ErrorTitle + " – " + t.LoginTitle
	}
	if p.Staff {
		for _, st := range s.ids.staff {
			p.StaffRows = append(p.StaffRows, demoRow{Name: st.Name, Login: st.Username, Agency: st.AgencyName, Role: t.role(st.RoleHint)})
		}
	} else {
		for _, c := range s.ids.citizens {
			p.CitizenRows = append(p.CitizenRows, demoRow{Name: c.Name, Login: c.PersonalID, LoA: t.loa(c.ACR)})
		}
	}
	s.render(w, r, s.pages.login, status, p)
}

func (s *Server) renderInvalidRequest(w http.ResponseWriter, r *http.Request, t messages) {
	s.render(w, r, s.pages.message, http.StatusBadRequest, messagePage{
		page:    page{T: t, Title: t.InvalidTitle, CSS: pathCSS, SwitchURL: "?" + langParam + "=" + t.OtherLang},
		Message: t.InvalidBody,
	})
}
