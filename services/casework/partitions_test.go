package casework_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/casework"
)

// TestEventChainAcrossMonths: a case's timeline that runs from November into December lies in
// two monthly partitions of case_events (migration 00031) and its chain still verifies, also
// after November's events moved out of the default partition into November's own.
func TestEventChainAcrossMonths(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	e.clock.Set(at("2026-11-30 16:00"))
	id := e.newCase(t, spec{})
	c, err := e.svc.Do(ctx, officer, id, 1, casework.Receive, casework.Input{})
	require.NoError(t, err)
	// November may have no partition yet (the test database was made later): its events wait in
	// the default partition until the partition is made.
	made, err := cases.New(e.pool, e.clock.Now, nil).EnsurePartitions(ctx, e.clock.Now(), 1)
	require.NoError(t, err)
	require.Contains(t, made, "case_events_2026_11")
	e.clock.Set(at("2026-12-01 09:00"))
	_, err = e.svc.Do(ctx, officer, id, c.Version, casework.StartProcessing, casework.Input{})
	require.NoError(t, err)

	var parts []string
	rows, err := e.pool.Query(ctx, `SELECT DISTINCT tableoid::regclass::text FROM case_events WHERE case_id = $1 ORDER BY 1`, id)
	require.NoError(t, err)
	for rows.Next() {
		var p string
		require.NoError(t, rows.Scan(&p))
		parts = append(parts, p)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, []string{"case_events_2026_11", "case_events_2026_12"}, parts)
	ok, broken, err := e.svc.VerifyEvents(ctx, id)
	require.NoError(t, err)
	require.True(t, ok, "broken at event %d", broken)
	evs, err := e.svc.Events(ctx, officer, id)
	require.NoError(t, err)
	require.Len(t, evs, 3)
}
