package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/demo"
	"github.com/motlan/portal/services/staff"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// TestSeedTwice: the demo history spreads its cases over every status and over more than one
// agency, marks them demo, and a second seed adds nothing.
func TestSeedTwice(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	require.NoError(t, catalogue.Seed(ctx, pool, now))
	_, err := staff.New(pool, nil).SeedDemo(ctx)
	require.NoError(t, err)

	first, err := demo.Seed(ctx, pool, demo.Cases, now)
	require.NoError(t, err)
	require.Equal(t, demo.Cases, first.Cases)
	n, err := cases.CountDemo(ctx, pool)
	require.NoError(t, err)
	require.EqualValues(t, demo.Cases, n)

	counts := func() map[string]int {
		rows, err := pool.Query(ctx, `SELECT agency_code || '/' || status, count(*) FROM cases WHERE demo GROUP BY 1`)
		require.NoError(t, err)
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var k string
			var c int
			require.NoError(t, rows.Scan(&k, &c))
			out[k] = c
		}
		require.NoError(t, rows.Err())
		return out
	}
	before := counts()
	var statuses, agencies = map[string]bool{}, map[string]bool{}
	for k := range before {
		var a, s string
		for i := len(k) - 1; i >= 0; i-- {
			if k[i] == '/' {
				a, s = k[:i], k[i+1:]
				break
			}
		}
		statuses[s], agencies[a] = true, true
	}
	require.Len(t, statuses, 10, "every national status: %v", before)
	require.Greater(t, len(agencies), 3, "several agencies: %v", before)
	require.Positive(t, before["UBND-00070/4"], "the demo officer has cases in progress")

	second, err := demo.Seed(ctx, pool, demo.Cases, now.Add(time.Hour))
	require.NoError(t, err)
	require.Zero(t, second.Cases)
	require.Equal(t, before, counts(), "a second seed adds nothing")

	var real int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM cases WHERE NOT demo`).Scan(&real))
	require.Zero(t, real)
}
