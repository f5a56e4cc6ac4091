package vneid_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDiscovery(t *testing.T) {
	t.Parallel()
	e := setup(t)
	res, err := http.Get(e.issuer + "/.well-known/openid-configuration")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, res.Header.Get("Content-Type"), "application/json")

	var doc struct {
		Issuer                 string   `json:"issuer"`
		AuthorizationEndpoint  string   `json:"authorization_endpoint"`
		TokenEndpoint          string   `json:"token_endpoint"`
		UserinfoEndpoint       string   `json:"userinfo_endpoint"`
		EndSessionEndpoint     string   `json:"end_session_endpoint"`
		JwksURI                string   `json:"jwks_uri"`
		CodeChallengeMethods   []string `json:"code_challenge_methods_supported"`
		SigningAlgs            []string `json:"id_token_signing_alg_values_supported"`
		TokenAuthMethods       []string `json:"token_endpoint_auth_methods_supported"`
		ClaimsSupported        []string `json:"claims_supported"`
		IssParameterSupported  bool     `json:"authorization_response_iss_parameter_supported"`
		ResponseTypesSupported []string `json:"response_types_supported"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&doc))
	require.Equal(t, e.issuer, doc.Issuer)
	require.Equal(t, e.issuer+"/authorize", doc.AuthorizationEndpoint)
	require.Equal(t, e.issuer+"/oauth/token", doc.TokenEndpoint)
	require.Equal(t, e.issuer+"/userinfo", doc.UserinfoEndpoint)
	require.Equal(t, e.issuer+"/end_session", doc.EndSessionEndpoint)
	require.Equal(t, []string{"S256"}, doc.CodeChallengeMethods)
	require.Equal(t, []string{"ES256"}, doc.SigningAlgs)
	require.Subset(t, doc.TokenAuthMethods, []string{"client_secret_basic", "client_secret_post"})
	require.Subset(t, doc.ClaimsSupported, []string{"personal_id", "acr", "birthdate", "gender", "middle_name"})
	require.True(t, doc.IssParameterSupported)
	require.Contains(t, doc.ResponseTypesSupported, "code")

	require.Equal(t, e.issuer+"/keys", doc.JwksURI)
	keys := fetchJWKS(t, doc.JwksURI)
	require.Len(t, keys.Keys, 1)
	require.NotEmpty(t, keys.Keys[0].KeyID)
	require.Equal(t, "ES256", keys.Keys[0].Algorithm)
	require.Equal(t, "sig", keys.Keys[0].Use)
	require.True(t, keys.Keys[0].IsPublic(), "JWKS must not leak private keys")
}
