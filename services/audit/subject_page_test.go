package audit_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/database/dbtest"
)

// TestForSubjectBeforePages walks one citizen's log page by page, across the November and
// December partitions: every row of theirs once, newest first, none of another citizen's
// interleaved with theirs.
func TestForSubjectBeforePages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 29, 9, 30, 0, 0, time.UTC)
	log := audit.New(pool, func() time.Time { return now })
	const an, binh = "001088012345", "079175001234"
	const perMonth, pageSize = 12, 5
	record := func() {
		for range perMonth {
			require.NoError(t, log.Record(ctx, entry(an, "citizen-view"), entry(binh, "1.001193")))
			now = now.Add(time.Hour)
		}
	}
	record() // November
	_, err := log.EnsurePartitions(ctx, now, 1)
	require.NoError(t, err)
	now = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	record() // December
	var parts int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT tableoid) FROM data_access_log WHERE subject_personal_id = $1`, an).Scan(&parts))
	require.Equal(t, 2, parts, "An's rows are in two partitions")

	all, err := log.ForSubject(ctx, an, 1000) // newest first
	require.NoError(t, err)
	require.Len(t, all, 2*perMonth)

	var seen []audit.Entry
	before := int64(math.MaxInt64)
	for page := 0; ; page++ {
		require.Less(t, page, 2*perMonth, "the pages never end")
		got, err := log.ForSubjectBefore(ctx, an, before, pageSize)
		require.NoError(t, err)
		require.LessOrEqual(t, len(got), pageSize)
		if len(got) == 0 {
			break
		}
		seen = append(seen, got...)
		before = got[len(got)-1].Seq
	}
	require.Equal(t, all, seen, "every row once, newest first")
	for _, e := range seen {
		require.Equal(t, an, e.SubjectPersonalID)
	}

	t.Run("AcrossTheMonths", func(t *testing.T) {
		got, err := log.ForSubjectBefore(ctx, an, all[perMonth-2].Seq, 3) // December's two oldest, then November's newest
		require.NoError(t, err)
		require.Equal(t, all[perMonth-1:perMonth+2], got)
		require.Equal(t, time.December, got[0].AccessedAt.Month())
		require.Equal(t, time.November, got[1].AccessedAt.Month())
	})
	t.Run("OldestRow", func(t *testing.T) {
		got, err := log.ForSubjectBefore(ctx, an, all[len(all)-1].Seq, pageSize)
		require.NoError(t, err)
		require.Empty(t, got)
	})
	t.Run("ErrLimit", func(t *testing.T) {
		_, err := log.ForSubjectBefore(ctx, an, before, 0)
		require.Error(t, err)
	})
}
