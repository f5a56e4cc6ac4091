package staff_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/staff"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestDirectory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	svc := staff.New(pool, nil)
	n, err := svc.SeedDemo(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, n, 8)

	t.Run("SignedInBindsSubject", func(t *testing.T) {
		m, err := svc.SignedIn(ctx, "http://idp", "sub-huong", "canbo.ubnd.hoankiem")
		require.NoError(t, err)
		require.Equal(t, "UBND-00070", m.AgencyCode)
		require.True(t, m.Has(staff.RoleOfficer))
		again, err := svc.SignedIn(ctx, "http://idp", "sub-huong", "renamed.login")
		require.NoError(t, err, "the bound subject wins over the login name")
		require.Equal(t, m.ID, again.ID)
		_, err = svc.SignedIn(ctx, "http://idp", "someone-else", "canbo.ubnd.hoankiem")
		require.ErrorIs(t, err, staff.ErrNoRole, "a bound login cannot be taken by another subject")
	})
	t.Run("Officers", func(t *testing.T) {
		officers, err := svc.Officers(ctx, "UBND-00070")
		require.NoError(t, err)
		require.ElementsMatch(t, []staff.Officer{{Login: "canbo.ubnd.hoankiem", Name: "Đỗ Thị Hương"},
			{Login: "giamsat.ubnd.hoankiem", Name: "Ngô Thanh Hà"}}, officers, "officers and supervisors of the agency only")
		name, ok, err := svc.Officer(ctx, "UBND-00070", "giamsat.ubnd.hoankiem")
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, "Ngô Thanh Hà", name)
		_, ok, err = svc.Officer(ctx, "UBND-00070", "canbo.congan.hoankiem")
		require.NoError(t, err)
		require.False(t, ok, "an officer of another agency")
		_, ok, err = svc.Officer(ctx, "UBND-00070", "hotro.tongdai")
		require.NoError(t, err)
		require.False(t, ok, "a helpdesk agent")
		emails, err := svc.OfficerEmails(ctx, "UBND-00070")
		require.NoError(t, err)
		require.Equal(t, []string{"huong.dt@ubnd.hoankiem.hanoi.example"}, emails, "members without an email are left out")
		emails, err = svc.OfficerEmails(ctx, "NOBODY")
		require.NoError(t, err)
		require.NotNil(t, emails)
		require.Empty(t, emails)
	})
	t.Run("ErrNoRole", func(t *testing.T) {
		_, err := svc.SignedIn(ctx, "http://idp", "x", "nobody.here")
		require.Equal(t, fault.EFORBIDDEN, fault.Code(err))
	})
	t.Run("AddAndDisable", func(t *testing.T) {
		m, err := svc.Add(ctx, staff.Member{Login: "canbo.moi", FullName: "Cán Bộ Mới", AgencyCode: "UBND-00070", Roles: []string{staff.RoleOfficer}})
		require.NoError(t, err)
		_, err = svc.Add(ctx, staff.Member{Login: "canbo.moi", FullName: "X", AgencyCode: "UBND-00070", Roles: []string{staff.RoleOfficer}})
		require.Equal(t, fault.ECONFLICT, fault.Code(err))
		require.NoError(t, svc.Disable(ctx, "canbo.moi"))
		_, err = svc.SignedIn(ctx, "http://idp", "sub-moi", "canbo.moi")
		require.Equal(t, staff.MsgDisabled, fault.Message(err))
		got, err := svc.Get(ctx, m.ID)
		require.NoError(t, err)
		require.False(t, got.Active())
	})
	t.Run("ErrOfficerWithoutAgency", func(t *testing.T) {
		_, err := svc.Add(ctx, staff.Member{Login: "canbo.lac", FullName: "Lạc", Roles: []string{staff.RoleOfficer}})
		require.Equal(t, fault.EINVALID, fault.Code(err))
		_, err = svc.Add(ctx, staff.Member{Login: "canbo.x", FullName: "X", AgencyCode: "UBND-00070", Roles: []string{"king"}})
		require.Equal(t, fault.EINVALID, fault.Code(err))
	})
}
