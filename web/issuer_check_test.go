package web_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/motlan/portal/services/database/dbtest"
)

// TestStartupNamesProviderIssuer: a provider whose discovery document gives its issuer with a
// trailing slash, configured without it, is named at start-up with the exact string to set,
// for the citizen and the staff settings, instead of a bare "unavailable" page at sign-in.
func TestStartupNamesProviderIssuer(t *testing.T) {
	t.Parallel()
	var idp *httptest.Server
	idp = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		iss := idp.URL + "/"
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": iss, "authorization_endpoint": iss + "authorize",
			"token_endpoint": iss + "token", "jwks_uri": iss + "keys"})
	}))
	t.Cleanup(idp.Close)

	logged := make(chan string, 16)
	ln, base := listen(t)
	startPortalLogged(t, ln, base, idp.URL, dbtest.URL(t), nil, slog.New(issuerLog{logged}))
	want := map[string]bool{
		`OIDC_ISSUER is "` + idp.URL + `" but the provider at ` + idp.URL + `/.well-known/openid-configuration says its issuer is "` +
			idp.URL + `/"; set OIDC_ISSUER to that exact string`: true,
		`STAFF_OIDC_ISSUER is "` + idp.URL + `" but the provider at ` + idp.URL + `/.well-known/openid-configuration says its issuer is "` +
			idp.URL + `/"; set STAFF_OIDC_ISSUER to that exact string`: true,
	}
	deadline := time.After(30 * time.Second)
	for len(want) > 0 {
		select {
		case msg := <-logged:
			delete(want, msg)
		case <-deadline:
			t.Fatalf("not logged at start-up: %v", want)
		}
	}
}

// issuerLog sends the messages of error records (the start-up check logs a mismatch at error level) and drops the rest.
type issuerLog struct{ msgs chan<- string }

func (h issuerLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

func (h issuerLog) Handle(_ context.Context, r slog.Record) error {
	select {
	case h.msgs <- r.Message:
	default:
	}
	return nil
}

func (h issuerLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h issuerLog) WithGroup(string) slog.Handler      { return h }
