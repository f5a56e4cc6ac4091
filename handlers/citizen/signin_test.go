package citizen_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/signin"
)

// fakeSignIn, fakeAccounts and fakeSessions stand in for the services behind the handler.
type fakeSignIn struct {
	FinishFunc func(ctx context.Context, cb signin.Callback) (signin.Identity, string, error)
}

func (f *fakeSignIn) Start(context.Context, string) (signin.Started, error) {
	return signin.Started{AuthURL: "http://idp/authorize", Binding: "b"}, nil
}
func (f *fakeSignIn) Finish(ctx context.Context, cb signin.Callback) (signin.Identity, string, error) {
	return f.FinishFunc(ctx, cb)
}
func (f *fakeSignIn) LogoutURL(context.Context, string, string) (string, error) { return "", nil }

type fakeAccounts struct{ calls int }

func (f *fakeAccounts) SignedInBorn(_ context.Context, iss, sub, pid, name, _ string) (citizens.Citizen, error) {
	f.calls++
	return citizens.Citizen{ID: 7, Issuer: iss, Subject: sub, PersonalID: pid, FullName: name}, nil
}

type fakeSessions struct{ begun []citizen.Session }

func (f *fakeSessions) Begin(_ echo.Context, s citizen.Session) error {
	f.begun = append(f.begun, s)
	return nil
}
func (f *fakeSessions) End(echo.Context) (citizen.Session, bool, error) {
	return citizen.Session{}, false, nil
}
func (f *fakeSessions) Current(echo.Context) (citizen.Session, bool) { return citizen.Session{}, false }

var (
	_ citizen.SignIn   = (*fakeSignIn)(nil)
	_ citizen.Accounts = (*fakeAccounts)(nil)
	_ citizen.Sessions = (*fakeSessions)(nil)
)

type templRenderer struct{}

func (templRenderer) Render(w io.Writer, _ string, data any, c echo.Context) error {
	return data.(templ.Component).Render(c.Request().Context(), w)
}

func TestFinishSignIn(t *testing.T) {
	t.Parallel()
	setup := func(finish func(context.Context, signin.Callback) (signin.Identity, string, error)) (*citizen.Handler, *fakeSessions, *fakeAccounts, *echo.Echo) {
		sess, accts := &fakeSessions{}, &fakeAccounts{}
		h := &citizen.Handler{
			SignIn: &fakeSignIn{FinishFunc: finish}, Accounts: accts, Sessions: sess,
			BaseURL: "http://portal", Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		}
		e := echo.New()
		e.Renderer = templRenderer{}
		return h, sess, accts, e
	}

	t.Run("OK", func(t *testing.T) {
		h, sess, accts, e := setup(func(_ context.Context, cb signin.Callback) (signin.Identity, string, error) {
			require.Equal(t, "st", cb.State)
			require.Equal(t, "bind", cb.Binding)
			return signin.Identity{Issuer: "http://idp", Subject: "s1", Name: "An", PersonalID: "001088012345", ACR: "LoA2"}, "/account", nil
		})
		req := httptest.NewRequest(http.MethodGet, "/auth/callback?state=st&code=c", nil)
		req.AddCookie(&http.Cookie{Name: "motlan_signin", Value: "bind"})
		rec := httptest.NewRecorder()
		require.NoError(t, h.FinishSignIn(e.NewContext(req, rec)))
		require.Equal(t, http.StatusSeeOther, rec.Code)
		require.Equal(t, "/account", rec.Header().Get("Location"))
		require.Len(t, sess.begun, 1)
		require.Equal(t, int64(7), sess.begun[0].CitizenID)
		require.Equal(t, 1, accts.calls)
	})

	t.Run("ErrFinishFailsNoSession", func(t *testing.T) {
		h, sess, accts, e := setup(func(context.Context, signin.Callback) (signin.Identity, string, error) {
			return signin.Identity{}, "", fault.Wrap(fault.EUNAUTHORIZED, signin.MsgToken, "test", errors.New("nonce mismatch: secret detail"))
		})
		rec := httptest.NewRecorder()
		require.NoError(t, h.FinishSignIn(e.NewContext(httptest.NewRequest(http.MethodGet, "/auth/callback?state=x", nil), rec)))
		require.Equal(t, http.StatusUnauthorized, rec.Code)
		require.Contains(t, rec.Body.String(), `data-error="signin.error.token"`)
		require.NotContains(t, rec.Body.String(), "secret detail", "internal error text never reaches the user")
		require.Empty(t, sess.begun)
		require.Zero(t, accts.calls)
	})

	t.Run("ErrProviderDownIs503", func(t *testing.T) {
		h, sess, _, e := setup(func(context.Context, signin.Callback) (signin.Identity, string, error) {
			return signin.Identity{}, "", fault.Wrap(fault.EUNAVAILABLE, signin.MsgUnavailable, "test", errors.New("dial tcp: refused"))
		})
		rec := httptest.NewRecorder()
		require.NoError(t, h.FinishSignIn(e.NewContext(httptest.NewRequest(http.MethodGet, "/auth/callback?state=x", nil), rec)))
		require.Equal(t, http.StatusServiceUnavailable, rec.Code)
		require.Empty(t, sess.begun)
	})
}
