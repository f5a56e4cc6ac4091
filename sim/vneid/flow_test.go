package vneid_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

type citizenClaims struct {
	Sub        string   `json:"sub"`
	Name       string   `json:"name"`
	GivenName  string   `json:"given_name"`
	FamilyName string   `json:"family_name"`
	MiddleName string   `json:"middle_name"`
	Birthdate  string   `json:"birthdate"`
	Gender     string   `json:"gender"`
	PersonalID string   `json:"personal_id"`
	ACR        string   `json:"acr"`
	Nonce      string   `json:"nonce"`
	AuthTime   int64    `json:"auth_time"`
	IssuedAt   int64    `json:"iat"`
	Expiry     int64    `json:"exp"`
	Audience   []string `json:"aud"`
	Issuer     string   `json:"iss"`
	Username   string   `json:"preferred_username"`
	Email      string   `json:"email"`
}

func TestCodeFlow(t *testing.T) {
	t.Parallel()

	t.Run("OKCitizenSecretBasic", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		before := time.Now().Add(-time.Second)
		tok, err := f.exchange(t.Context(), f.signIn(t, pidAn, "Demo@2026"))
		require.NoError(t, err)
		idt := f.verify(t, tok)

		var c citizenClaims
		require.NoError(t, idt.Claims(&c))
		require.Equal(t, e.issuer, c.Issuer)
		require.Equal(t, []string{citizenID}, c.Audience)
		require.Equal(t, f.nonce, c.Nonce)
		require.Equal(t, "a01312d5-e0a1-482d-b317-6c198b84ef48", c.Sub)
		require.Equal(t, pidAn, c.PersonalID)
		require.Equal(t, "LoA2", c.ACR)
		require.Equal(t, "Nguyễn Văn An", c.Name)
		require.Equal(t, "Nguyễn", c.FamilyName)
		require.Equal(t, "Văn", c.MiddleName)
		require.Equal(t, "An", c.GivenName)
		require.Equal(t, "1988-03-15", c.Birthdate)
		require.Equal(t, "male", c.Gender)
		require.GreaterOrEqual(t, c.AuthTime, before.Unix())
		require.NotZero(t, c.IssuedAt)
		require.Greater(t, c.Expiry, c.IssuedAt)

		info, err := f.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
		require.NoError(t, err)
		require.Equal(t, idt.Subject, info.Subject)
		var u citizenClaims
		require.NoError(t, info.Claims(&u))
		require.Equal(t, pidAn, u.PersonalID)
		require.Equal(t, "LoA2", u.ACR)
		require.Equal(t, c.Name, u.Name)
		require.Equal(t, c.Birthdate, u.Birthdate)
		require.Equal(t, c.Gender, u.Gender)
	})

	t.Run("OKCitizenLoA1SecretPost", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInParams)
		tok, err := f.exchange(t.Context(), f.signIn(t, pidDung, "Demo@2026"))
		require.NoError(t, err)
		var c citizenClaims
		require.NoError(t, f.verify(t, tok).Claims(&c))
		require.Equal(t, pidDung, c.PersonalID)
		require.Equal(t, "LoA1", c.ACR)
		require.Equal(t, "female", c.Gender)
		require.Equal(t, "Phạm Thị Dung", c.Name)
	})

	t.Run("OKStaff", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, staffID, oauth2.AuthStyleInParams)
		tok, err := f.exchange(t.Context(), f.signIn(t, staffOfficer, "Demo@2026"))
		require.NoError(t, err)
		idt := f.verify(t, tok)
		var c citizenClaims
		require.NoError(t, idt.Claims(&c))
		require.Equal(t, staffOfficer, c.Username)
		require.Equal(t, "Đỗ Thị Hương", c.Name)
		require.Equal(t, "huong.dt@ubnd.hoankiem.hanoi.example", c.Email)
		require.Equal(t, "LoA2", c.ACR)
		require.Empty(t, c.PersonalID)

		info, err := f.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
		require.NoError(t, err)
		require.Equal(t, idt.Subject, info.Subject)
		require.Equal(t, c.Email, info.Email)
	})

	t.Run("ErrWrongSecret", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		code := f.signIn(t, pidAn, "Demo@2026")
		f.oauth.ClientSecret = "wrong"
		_, err := f.exchange(t.Context(), code)
		requireOAuthError(t, err, "invalid_client")
	})

	t.Run("ErrWrongVerifier", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		code := f.signIn(t, pidAn, "Demo@2026")
		_, err := f.oauth.Exchange(t.Context(), code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
		requireOAuthError(t, err, "invalid_grant")
		_, err = f.oauth.Exchange(t.Context(), code) // no verifier at all
		requireOAuthError(t, err, "invalid_request")
	})

	t.Run("ErrCodeReplayed", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		code := f.signIn(t, pidAn, "Demo@2026")
		_, err := f.exchange(t.Context(), code)
		require.NoError(t, err)
		_, err = f.exchange(t.Context(), code)
		requireOAuthError(t, err, "invalid_grant")
	})

	t.Run("ErrCodeOfOtherClient", func(t *testing.T) {
		t.Parallel()
		e := setup(t)
		f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		code := f.signIn(t, pidAn, "Demo@2026")
		other := e.newFlow(t, staffID, oauth2.AuthStyleInHeader)
		other.verifier = f.verifier
		other.oauth.RedirectURL = f.oauth.RedirectURL
		_, err := other.exchange(t.Context(), code)
		requireOAuthError(t, err, "invalid_grant")
	})
}

func TestAuthorizeRequiresPKCE(t *testing.T) {
	t.Parallel()
	for name, params := range map[string]url.Values{
		"ErrMissingChallenge": {},
		"ErrPlainMethod":      {"code_challenge": {strings.Repeat("a", 43)}, "code_challenge_method": {"plain"}},
		"ErrNoMethod":         {"code_challenge": {strings.Repeat("a", 43)}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
			u, err := url.Parse(f.oauth.AuthCodeURL(f.state, oauth2.SetAuthURLParam("nonce", f.nonce)))
			require.NoError(t, err)
			q := u.Query()
			for k, v := range params {
				q[k] = v
			}
			u.RawQuery = q.Encode()
			res, err := e.http.Get(u.String())
			require.NoError(t, err)
			defer res.Body.Close()
			cb := f.callback(t, res)
			require.Equal(t, "invalid_request", cb.Get("error"))
			require.Empty(t, cb.Get("code"))
		})
	}
}

func TestAuthorizeRefusesUnregisteredRedirect(t *testing.T) {
	t.Parallel()
	e := setup(t)
	f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	f.oauth.RedirectURL = "http://evil.example/cb"
	res, err := e.http.Get(f.authURL())
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Empty(t, res.Header.Get("Location"))
}
