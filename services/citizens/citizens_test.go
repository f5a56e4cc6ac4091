package citizens_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestSignedIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	svc := citizens.New(dbtest.New(t), func() time.Time { return now })

	first, err := svc.SignedIn(ctx, "http://idp", "sub-1", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	require.Equal(t, "001088012345", first.PersonalID)

	t.Run("SameSubjectSameAccount", func(t *testing.T) {
		now = now.Add(time.Hour)
		again, err := svc.SignedIn(ctx, "http://idp", "sub-1", "001088012345", "Nguyễn Văn An")
		require.NoError(t, err)
		require.Equal(t, first.ID, again.ID)
		require.True(t, again.LastLoginAt.After(first.LastLoginAt))
		require.True(t, again.CreatedAt.Equal(first.CreatedAt))
	})

	t.Run("OtherIssuerOtherAccount", func(t *testing.T) {
		other, err := svc.SignedIn(ctx, "http://other-idp", "sub-1", "", "Someone")
		require.NoError(t, err)
		require.NotEqual(t, first.ID, other.ID)
		require.Empty(t, other.PersonalID)
	})

	t.Run("ErrMalformedPersonalID", func(t *testing.T) {
		_, err := svc.SignedIn(ctx, "http://idp", "sub-2", "12345", "X")
		require.Error(t, err)
	})
}

func TestContactOf(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	c, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "sub-1", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)

	got, err := citizens.ContactOf(ctx, pool, c.ID)
	require.NoError(t, err)
	require.Equal(t, citizens.Contact{FullName: "Nguyễn Văn An"}, got, "no address given: no email")

	_, err = pool.Exec(ctx, `UPDATE citizens SET email = 'an@example.vn', email_source = 'vneid',
		phone = '+84912345678', phone_source = 'vneid' WHERE id = $1`, c.ID)
	require.NoError(t, err)
	got, err = citizens.ContactOf(ctx, pool, c.ID)
	require.NoError(t, err)
	require.Equal(t, citizens.Contact{FullName: "Nguyễn Văn An"}, got, "unverified: nothing is sent to them")

	_, err = pool.Exec(ctx, `UPDATE citizens SET email_verified_at = now(), phone_verified_at = now() WHERE id = $1`, c.ID)
	require.NoError(t, err)
	got, err = citizens.ContactOf(ctx, pool, c.ID)
	require.NoError(t, err)
	require.Equal(t, citizens.Contact{FullName: "Nguyễn Văn An", Email: "an@example.vn", Phone: "+84912345678"}, got)

	_, err = citizens.ContactOf(ctx, pool, c.ID+1000)
	require.Error(t, err, "an unknown citizen")
}
