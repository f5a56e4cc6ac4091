package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
)

// signInStaff runs the staff code flow for login and returns the page it ends on.
func (b *browser) signInStaff(s *stack, login string) page {
	b.t.Helper()
	p := b.follow(s.portalURL + "/staff/auth/login")
	require.Equal(b.t, http.StatusOK, p.status, p.body)
	return b.followFrom(b.submitLogin(p, login, vneid.DemoPassword))
}

func TestStaffSignIn(t *testing.T) {
	t.Parallel()
	s := startStack(t)

	t.Run("OK", func(t *testing.T) {
		b := newBrowser(t)
		p := b.signInStaff(s, "canbo.ubnd.hoankiem")
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.Contains(t, textOf(t, p, "[data-testid=nav-staff]"), "Đỗ Thị Hương")
		require.NotEmpty(t, b.cookie(s.portalURL, "motlan_staff"))
		require.Empty(t, b.cookie(s.portalURL, "motlan_session"), "no citizen session")
		// The citizen side does not see a staff session as a signed-in citizen.
		require.Equal(t, http.StatusSeeOther, b.get(s.portalURL+"/account").status)
	})

	t.Run("ErrNoPortalRole", func(t *testing.T) {
		_, err := s.db.Exec(context.Background(), `DELETE FROM staff WHERE login = 'hotro.tongdai'`)
		require.NoError(t, err)
		b := newBrowser(t)
		p := b.signInStaff(s, "hotro.tongdai")
		require.Equal(t, http.StatusForbidden, p.status)
		require.Equal(t, 1, p.doc(t).Find(testid("staff-forbidden")).Length())
		require.Empty(t, b.cookie(s.portalURL, "motlan_staff"), "no session")
	})

	t.Run("ErrDisabledLosesAccessAtOnce", func(t *testing.T) {
		b := newBrowser(t)
		b.signInStaff(s, "canbo.congan.hoankiem")
		_, err := s.db.Exec(context.Background(), `UPDATE staff SET disabled_at = now() WHERE login = 'canbo.congan.hoankiem'`)
		require.NoError(t, err)
		p := b.get(s.portalURL + "/staff")
		require.Equal(t, 1, p.doc(t).Find(testid("staff-signin")).Length(), "signed out in effect")
	})

	t.Run("CitizenSessionDoesNotOpenStaffPages", func(t *testing.T) {
		b := newBrowser(t)
		b.signIn(s, anPersonalID)
		p := b.get(s.portalURL + "/staff")
		require.Equal(t, 1, p.doc(t).Find(testid("staff-signin")).Length())
	})

	t.Run("LogoutEndsStaffSession", func(t *testing.T) {
		b := newBrowser(t)
		p := b.signInStaff(s, "canbo.ubnd.hoankiem")
		out := b.submitForm(p, "form[action='/staff/auth/logout']", nil, nil)
		require.Equal(t, http.StatusOK, out.status, "a page that moves on to the provider")
		doc := out.doc(t)
		next := doc.Find("[data-testid=signout-continue]").AttrOr("href", "")
		require.True(t, strings.HasPrefix(next, s.issuerURL+"/"), next)
		require.Equal(t, "0;url="+next, doc.Find("meta[http-equiv=refresh]").AttrOr("content", ""))
		require.Equal(t, s.portalURL+"/staff", mustParse(t, next).Query().Get("post_logout_redirect_uri"))
		require.Zero(t, doc.Find(testid("nav-staff")).Length(), "no one is signed in on it")
		require.Equal(t, 1, b.get(s.portalURL+"/staff").doc(t).Find(testid("staff-signin")).Length())
	})
}

func TestStaffAdminPage(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	admin := newBrowser(t)
	p := admin.signInStaff(s, "quantri.hethong")
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Contains(t, p.url.Path, "/staff/admin/staff")
	added := admin.followFrom(admin.submitForm(p, testid("staff-add"), url.Values{"login": {"canbo.moi.hoankiem"}, "name": {"Nguyễn Thị Mới"},
		"agency": {"UBND-00070"}, "roles": {"officer"}}, nil))
	require.Equal(t, 1, added.doc(t).Find("[data-testid=staff-row][data-login='canbo.moi.hoankiem']").Length())
	bad := admin.submitForm(added, testid("staff-add"), url.Values{"login": {"canbo.khongcoquan"}, "name": {"X"}, "roles": {"officer"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, bad.status, "an officer needs an agency")
	off := admin.followFrom(admin.submitForm(added, "[data-testid=staff-row][data-login='canbo.moi.hoankiem'] form", nil, nil))
	require.Equal(t, 1, off.doc(t).Find("[data-testid=staff-row][data-login='canbo.moi.hoankiem'] [data-testid=disabled]").Length())

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	require.Equal(t, http.StatusForbidden, officer.get(s.portalURL+"/staff/admin/staff").status, "officers cannot administer")
}
