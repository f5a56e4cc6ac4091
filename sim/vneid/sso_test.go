package vneid_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/motlan/portal/sim/vneid"
)

// TestSingleSignOn: with SingleSignOn the simulator remembers a login in the browser, as a real
// provider does, for clients of the same audience, until end_session ends it; the discovery
// document can name a logout page on another origin.
func TestSingleSignOn(t *testing.T) {
	t.Parallel()
	const logoutApp = "http://logout.example/oauth2/logout"
	e := setupWith(t, func(c *vneid.Config) { c.SingleSignOn, c.EndSessionURL = true, logoutApp })

	t.Run("OKEndSessionURLAdvertised", func(t *testing.T) {
		res, err := e.http.Get(e.issuer + "/.well-known/openid-configuration")
		require.NoError(t, err)
		defer res.Body.Close()
		var doc struct {
			EndSession string `json:"end_session_endpoint"`
		}
		require.NoError(t, json.NewDecoder(res.Body).Decode(&doc))
		require.Equal(t, logoutApp, doc.EndSession)
	})

	f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	tok, err := f.exchange(t.Context(), f.signIn(t, pidAn, "Demo@2026"))
	require.NoError(t, err)
	idToken := tok.Extra("id_token").(string)

	t.Run("OKSecondSignInWithoutLoginPage", func(t *testing.T) {
		again := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
		res, err := e.http.Get(again.authURL())
		require.NoError(t, err)
		res.Body.Close()
		q := again.callback(t, res)
		tok, err := again.exchange(t.Context(), q.Get("code"))
		require.NoError(t, err)
		require.Equal(t, "a01312d5-e0a1-482d-b317-6c198b84ef48", again.verify(t, tok).Subject)
	})

	t.Run("OKOtherAudienceAsksToLogIn", func(t *testing.T) {
		e.newFlow(t, staffID, oauth2.AuthStyleInHeader).openLogin(t)
	})

	t.Run("OKEndSessionEndsIt", func(t *testing.T) {
		res, err := e.http.Get(e.issuer + "/end_session?" + url.Values{"id_token_hint": {idToken}, "post_logout_redirect_uri": {citizenLogout}}.Encode())
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusFound, res.StatusCode)
		require.Equal(t, citizenLogout, res.Header.Get("Location"))
		e.newFlow(t, citizenID, oauth2.AuthStyleInHeader).openLogin(t)
	})
}
