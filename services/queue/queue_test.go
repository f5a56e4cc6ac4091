package queue_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/queue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// seedCases inserts n cases of agency with due dates spread over the coming days.
func seedCases(t *testing.T, pool *pgxpool.Pool, agency string, n int, base time.Time) {
	t.Helper()
	ctx := context.Background()
	an, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "an", "001088012345", "Nguyễn Văn An")
	require.NoError(t, err)
	for i := 0; i < n; i++ {
		draft := uuid.New()
		_, err := pool.Exec(ctx, `INSERT INTO drafts (id, citizen_id, procedure_code, procedure_version, created_at, updated_at, expires_at, submitted_at)
			VALUES ($1, $2, '1.001193', 1, $3, $3, $3, $3)`, draft, an.ID, base)
		require.NoError(t, err)
		status := 1 + i%2*1 // 1 or 2
		var due any
		if status == 2 {
			due = base.AddDate(0, 0, i%7)
		}
		_, err = pool.Exec(ctx, `INSERT INTO cases (code, draft_id, citizen_id, applicant_pid, applicant_name, procedure_code, procedure_version,
			agency_code, status, submitted_at, expected_due_on, due_on, data, provenance)
			VALUES ($1, $2, $3, '001088012345', 'Nguyễn Văn An', '1.001193', 1, $4, $5, $6, $7, $8, '{}', '{}')`,
			fmt.Sprintf("%s-261127-%04d", agency, i+1), draft, an.ID, agency, status, base, base.AddDate(0, 0, i%5), due)
		require.NoError(t, err)
	}
}

func TestKeysetPagesCoverTheQueueOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	base := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	seedCases(t, pool, "UBND-00070", 120, base)
	seedCases(t, pool, "CA-00070", 5, base)
	q := queue.New(pool, func() time.Time { return base })

	seen := map[string]bool{}
	var last time.Time
	var lastID int64
	after, pages := "", 0
	for {
		p, err := q.List(ctx, "UBND-00070", queue.Filter{After: after}, 50)
		require.NoError(t, err)
		pages++
		for _, it := range p.Items {
			require.False(t, seen[it.Code], "%s twice", it.Code)
			seen[it.Code] = true
			require.True(t, it.Due.After(last) || it.Due.Equal(last) && it.ID > lastID, "sorted by due date, then id")
			last, lastID = it.Due, it.ID
		}
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	require.Len(t, seen, 120, "every case of the agency, and only those")
	require.Equal(t, 3, pages)

	t.Run("Filters", func(t *testing.T) {
		p, err := q.List(ctx, "UBND-00070", queue.Filter{Status: 2}, 200)
		require.NoError(t, err)
		require.Len(t, p.Items, 60)
		for _, it := range p.Items {
			require.Equal(t, 2, it.Status)
			require.True(t, it.DueIsLegal)
		}
		soon, err := q.List(ctx, "UBND-00070", queue.Filter{DueWithin: 1}, 200)
		require.NoError(t, err)
		for _, it := range soon.Items {
			require.False(t, it.Due.After(base.AddDate(0, 0, 1)))
		}
		require.NotEmpty(t, soon.Items)
	})
	t.Run("Counts", func(t *testing.T) {
		c, err := q.Counts(ctx, "UBND-00070")
		require.NoError(t, err)
		require.Equal(t, map[int]int{1: 60, 2: 60}, c)
	})
	t.Run("ErrBadCursor", func(t *testing.T) {
		_, err := q.List(ctx, "UBND-00070", queue.Filter{After: "not-a-cursor!"}, 50)
		require.Error(t, err)
	})
}
