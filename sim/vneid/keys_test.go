package vneid_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func fetchJWKS(t *testing.T, uri string) jose.JSONWebKeySet {
	t.Helper()
	res, err := http.Get(uri)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var set jose.JSONWebKeySet
	require.NoError(t, json.NewDecoder(res.Body).Decode(&set))
	return set
}

func keyID(t *testing.T, raw string) string {
	t.Helper()
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.ES256})
	require.NoError(t, err)
	return jws.Signatures[0].Header.KeyID
}

func TestRotateKey(t *testing.T) {
	t.Parallel()
	e := setup(t)
	f := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	tok, err := f.exchange(t.Context(), f.signIn(t, pidAn, "Demo@2026"))
	require.NoError(t, err)
	oldRaw := tok.Extra("id_token").(string)

	require.NoError(t, e.sim.RotateKey())

	keys := fetchJWKS(t, e.issuer+"/keys")
	require.Len(t, keys.Keys, 2)
	require.NotEqual(t, keys.Keys[0].KeyID, keys.Keys[1].KeyID)

	// A fresh verifier (nothing cached) still accepts the token signed before rotation.
	provider, err := oidc.NewProvider(t.Context(), e.issuer)
	require.NoError(t, err)
	verifier := provider.Verifier(&oidc.Config{ClientID: citizenID})
	_, err = verifier.Verify(t.Context(), oldRaw)
	require.NoError(t, err)

	// New tokens are signed with the new key, and verify too.
	f2 := e.newFlow(t, citizenID, oauth2.AuthStyleInHeader)
	tok2, err := f2.exchange(t.Context(), f2.signIn(t, pidAn, "Demo@2026"))
	require.NoError(t, err)
	newRaw := tok2.Extra("id_token").(string)
	require.NotEqual(t, keyID(t, oldRaw), keyID(t, newRaw))
	_, err = verifier.Verify(t.Context(), newRaw)
	require.NoError(t, err)
}
