package signin

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// provider serves a discovery document that names the provider's issuer as issuer(srv.URL).
func provider(t *testing.T, issuer func(base string) string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		iss := issuer(srv.URL)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer": iss, "authorization_endpoint": iss + "authorize", "token_endpoint": iss + "token",
			"jwks_uri": iss + "keys", "id_token_signing_alg_values_supported": []string{"ES256"},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDiscoverNamesTheProvidersIssuer(t *testing.T) {
	t.Parallel()
	newService := func(t *testing.T, issuer, setting string) *Service {
		t.Helper()
		s, err := New(nil, Config{Issuer: issuer, Setting: setting, ClientID: "c", RedirectURL: "http://portal/cb",
			Secret: []byte("0123456789abcdef0123456789abcdef")}, nil)
		require.NoError(t, err)
		return s
	}

	t.Run("ErrTrailingSlashMissing", func(t *testing.T) {
		t.Parallel()
		srv := provider(t, func(base string) string { return base + "/" })
		err := newService(t, srv.URL, "OIDC_ISSUER").Discover(t.Context())
		var mm *IssuerMismatchError
		require.True(t, errors.As(err, &mm), "got %v", err)
		require.Equal(t, `OIDC_ISSUER is "`+srv.URL+`" but the provider at `+srv.URL+
			`/.well-known/openid-configuration says its issuer is "`+srv.URL+`/"; set OIDC_ISSUER to that exact string`, mm.Error())
	})

	t.Run("ErrTrailingSlashExtra", func(t *testing.T) {
		t.Parallel()
		srv := provider(t, func(base string) string { return base })
		err := newService(t, srv.URL+"/", "STAFF_OIDC_ISSUER").Discover(t.Context())
		var mm *IssuerMismatchError
		require.True(t, errors.As(err, &mm), "got %v", err)
		require.Equal(t, `STAFF_OIDC_ISSUER is "`+srv.URL+`/" but the provider at `+srv.URL+
			`/.well-known/openid-configuration says its issuer is "`+srv.URL+`"; set STAFF_OIDC_ISSUER to that exact string`, mm.Error())
	})

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		srv := provider(t, func(base string) string { return base + "/" })
		require.NoError(t, newService(t, srv.URL+"/", "OIDC_ISSUER").Discover(t.Context()))
	})

	t.Run("ErrUnreachableIsNoMismatch", func(t *testing.T) {
		t.Parallel()
		srv := provider(t, func(base string) string { return base })
		srv.Close()
		err := newService(t, srv.URL, "OIDC_ISSUER").Discover(t.Context())
		require.Error(t, err)
		var mm *IssuerMismatchError
		require.False(t, errors.As(err, &mm))
	})
}
