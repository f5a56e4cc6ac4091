package audit_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecordAndList checks that the list read in the append's round trip is ForSubject's, holds
// the rows just written, and that the chain still verifies.
func TestRecordAndList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	log, _ := setup(t)
	const an, binh = "001088012345", "079175001234"
	require.NoError(t, log.Record(ctx, entry(an, "1.001193"), entry(binh, "1.001193")))

	t.Run("OK", func(t *testing.T) {
		a, b := entry(an, "citizen-view"), entry(an, "citizen-view")
		a.Databases, b.Databases = []string{"population"}, []string{"land"}
		got, err := log.RecordAndList(ctx, an, 100, a, b)
		require.NoError(t, err)
		want, err := log.ForSubject(ctx, an, 100)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Len(t, got, 3, "the two rows just written, then the older one")
		require.Equal(t, []string{"land"}, got[0].Databases)
		require.Equal(t, []string{"population"}, got[1].Databases)
		require.Equal(t, "1.001193", got[2].Purpose)
		rep, err := log.Verify(ctx)
		require.NoError(t, err)
		require.True(t, rep.OK, "%+v", rep)
	})
	t.Run("Limit", func(t *testing.T) {
		got, err := log.RecordAndList(ctx, an, 2, entry(an, "citizen-view"))
		require.NoError(t, err)
		require.Len(t, got, 2)
		require.Greater(t, got[0].Seq, got[1].Seq)
	})
	t.Run("NothingToRecord", func(t *testing.T) {
		got, err := log.RecordAndList(ctx, binh, 10)
		require.NoError(t, err)
		require.Len(t, got, 1)
	})
	t.Run("ErrInvalidSubject", func(t *testing.T) {
		_, err := log.RecordAndList(ctx, an, 10, entry("12345", "citizen-view"))
		require.Error(t, err)
		got, err := log.ForSubject(ctx, an, 100)
		require.NoError(t, err)
		require.Len(t, got, 4, "nothing written")
	})
	t.Run("ErrLimit", func(t *testing.T) {
		_, err := log.RecordAndList(ctx, an, 0, entry(an, "citizen-view"))
		require.Error(t, err)
	})
}
