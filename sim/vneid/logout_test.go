package vneid_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestEndSession(t *testing.T) {
	t.Parallel()
	e := setup(t)
	f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	tok, err := f.exchange(t.Context(), f.signIn(t, pidAn, "Demo@2026"))
	require.NoError(t, err)
	idToken := tok.Extra("id_token").(string)

	endSession := func(params url.Values) *http.Response {
		t.Helper()
		res, err := e.http.Get(e.issuer + "/end_session?" + params.Encode())
		require.NoError(t, err)
		res.Body.Close()
		return res
	}

	t.Run("OKIDTokenHint", func(t *testing.T) {
		res := endSession(url.Values{"id_token_hint": {idToken}, "post_logout_redirect_uri": {citizenLogout}, "state": {"bye"}})
		require.Equal(t, http.StatusFound, res.StatusCode)
		require.Equal(t, citizenLogout+"?state=bye", res.Header.Get("Location"))
	})

	t.Run("OKClientID", func(t *testing.T) {
		res := endSession(url.Values{"client_id": {staffID}, "post_logout_redirect_uri": {staffLogout}, "state": {"s2"}})
		require.Equal(t, http.StatusFound, res.StatusCode)
		require.Equal(t, staffLogout+"?state=s2", res.Header.Get("Location"))
	})

	t.Run("ErrUnregisteredURI", func(t *testing.T) {
		res := endSession(url.Values{"id_token_hint": {idToken}, "post_logout_redirect_uri": {"http://evil.example/"}})
		require.Equal(t, http.StatusBadRequest, res.StatusCode)
		require.Empty(t, res.Header.Get("Location"))
	})

	t.Run("ErrOtherClientsURI", func(t *testing.T) {
		res := endSession(url.Values{"id_token_hint": {idToken}, "post_logout_redirect_uri": {staffLogout}})
		require.Equal(t, http.StatusBadRequest, res.StatusCode)
	})

	t.Run("ErrClientMismatch", func(t *testing.T) {
		res := endSession(url.Values{"id_token_hint": {idToken}, "client_id": {staffID}, "post_logout_redirect_uri": {staffLogout}})
		require.Equal(t, http.StatusBadRequest, res.StatusCode)
	})

	t.Run("OKNoClientShowsSignedOutPage", func(t *testing.T) {
		res := endSession(url.Values{})
		require.Equal(t, http.StatusOK, res.StatusCode)
		require.Equal(t, "/logged-out", res.Request.URL.Path)
	})
}
