package consent_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestConsent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	an, err := citizens.New(pool, clock).SignedIn(ctx, "http://idp", "s1", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	svc := consent.New(pool, clock)

	_, ok, err := svc.Active(ctx, an.ID, "citizen-view")
	require.NoError(t, err)
	require.False(t, ok, "nothing before consent")

	c, err := svc.Grant(ctx, an.ID, "citizen-view", "", []string{"population", "land"}, []string{"population.household", "land.parcels"}, 30*time.Minute)
	require.NoError(t, err)
	require.Equal(t, c.ViewReference(), c.Reference)

	t.Run("Active", func(t *testing.T) {
		got, ok, err := svc.Active(ctx, an.ID, "citizen-view")
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, c.ID, got.ID)
		require.True(t, got.Covers([]string{"land.parcels"}))
		require.False(t, got.Covers([]string{"insurance.contributions"}))
	})
	t.Run("OtherPurposeNotCovered", func(t *testing.T) {
		_, ok, err := svc.Active(ctx, an.ID, "1.001193")
		require.NoError(t, err)
		require.False(t, ok)
	})
	t.Run("ErrBadPurpose", func(t *testing.T) {
		_, err := svc.Grant(ctx, an.ID, "anything", "", []string{"land"}, []string{"land.parcels"}, time.Minute)
		require.Error(t, err)
	})
	t.Run("ErrUnknownDatabase", func(t *testing.T) {
		_, err := svc.Grant(ctx, an.ID, "citizen-view", "", []string{"tax"}, []string{"tax.all"}, time.Minute)
		require.Error(t, err)
	})
	t.Run("Expires", func(t *testing.T) {
		now = now.Add(31 * time.Minute)
		_, ok, err := svc.Active(ctx, an.ID, "citizen-view")
		require.NoError(t, err)
		require.False(t, ok)
		now = now.Add(-31 * time.Minute)
	})
	t.Run("Withdraw", func(t *testing.T) {
		require.NoError(t, svc.Withdraw(ctx, an.ID, "citizen-view"))
		_, ok, err := svc.Active(ctx, an.ID, "citizen-view")
		require.NoError(t, err)
		require.False(t, ok)
	})
}
