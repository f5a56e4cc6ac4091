package ndxp_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	e := setup(t)
	post := func(form url.Values, basicID, basicSecret string) (int, string, http.Header) {
		req, err := http.NewRequest(http.MethodPost, e.url+"/oauth2/token", strings.NewReader(form.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basicID != "" {
			req.SetBasicAuth(basicID, basicSecret)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body), resp.Header
	}
	grant := url.Values{"grant_type": {"client_credentials"}}

	t.Run("OKBasic", func(t *testing.T) {
		status, body, h := post(grant, clientID, clientSecret)
		require.Equal(t, http.StatusOK, status, body)
		require.Equal(t, "no-store", h.Get("Cache-Control"))
		var tok struct {
			AccessToken string `json:"access_token"`
			TokenType   string `json:"token_type"`
			ExpiresIn   int    `json:"expires_in"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &tok))
		require.GreaterOrEqual(t, len(tok.AccessToken), 32)
		require.Equal(t, "Bearer", tok.TokenType)
		require.Equal(t, 3600, tok.ExpiresIn)
		require.NotEqual(t, e.token, tok.AccessToken, "every token is new")

		status, body = e.get(t, "/population/v1/citizens/"+pidAn, withHeader("Authorization", "Bearer "+tok.AccessToken))
		require.Equal(t, http.StatusOK, status, body)
	})
	t.Run("OKFormFields", func(t *testing.T) {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {clientSecret}}
		status, body, _ := post(form, "", "")
		require.Equal(t, http.StatusOK, status, body)
		require.Contains(t, body, `"access_token":"`)
	})
	t.Run("ErrWrongSecret", func(t *testing.T) {
		status, body, h := post(grant, clientID, "wrong")
		require.Equal(t, http.StatusUnauthorized, status)
		requireError(t, body, "invalid_client")
		require.Contains(t, h.Get("WWW-Authenticate"), "Basic")
	})
	t.Run("ErrUnknownClient", func(t *testing.T) {
		status, body, _ := post(grant, "somebody", clientSecret)
		require.Equal(t, http.StatusUnauthorized, status)
		requireError(t, body, "invalid_client")
	})
	t.Run("ErrNoClient", func(t *testing.T) {
		status, body, _ := post(grant, "", "")
		require.Equal(t, http.StatusUnauthorized, status)
		requireError(t, body, "invalid_client")
	})
	t.Run("ErrGrantType", func(t *testing.T) {
		status, body, _ := post(url.Values{"grant_type": {"password"}}, clientID, clientSecret)
		require.Equal(t, http.StatusBadRequest, status)
		requireError(t, body, "unsupported_grant_type")
	})
}

func TestDataEndpointsNeedAClient(t *testing.T) {
	t.Parallel()
	e := setup(t)
	paths := []string{
		"/population/v1/citizens/" + pidAn,
		"/land/v1/parcels?holder=" + pidAn,
		"/insurance/v1/participants/" + pidAn,
	}
	for _, path := range paths {
		t.Run("ErrNoToken"+path, func(t *testing.T) {
			status, body := e.get(t, path, withHeader("Authorization", ""))
			require.Equal(t, http.StatusUnauthorized, status)
			requireError(t, body, "unauthorized")
		})
		t.Run("ErrBadToken"+path, func(t *testing.T) {
			status, body := e.get(t, path, withHeader("Authorization", "Bearer not-a-token"))
			require.Equal(t, http.StatusUnauthorized, status)
			requireError(t, body, "unauthorized")
		})
		t.Run("ErrBadBasic"+path, func(t *testing.T) {
			status, body := e.get(t, path, func(r *http.Request) { r.SetBasicAuth(clientID, "wrong") })
			require.Equal(t, http.StatusUnauthorized, status)
			requireError(t, body, "unauthorized")
		})
		t.Run("OKBasic"+path, func(t *testing.T) {
			status, body := e.get(t, path, func(r *http.Request) { r.SetBasicAuth(clientID, clientSecret) })
			require.Equal(t, http.StatusOK, status, body)
		})
	}
	t.Run("ErrAdminTokenIsNotAClientToken", func(t *testing.T) {
		status, body := e.get(t, paths[0], withHeader("Authorization", "Bearer "+adminToken))
		require.Equal(t, http.StatusUnauthorized, status)
		requireError(t, body, "unauthorized")
	})
}

func TestTokenExpires(t *testing.T) {
	t.Parallel()
	e := setup(t)
	path := "/population/v1/citizens/" + pidAn
	e.clock.Add(59 * time.Minute)
	status, body := e.get(t, path)
	require.Equal(t, http.StatusOK, status, body)

	e.clock.Add(time.Minute)
	status, body = e.get(t, path)
	require.Equal(t, http.StatusUnauthorized, status)
	requireError(t, body, "unauthorized")
}
