package status_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/status"
)

// TestGroupsPartition pins the groups to each other: every status is open or finished, never
// both; running is open minus new; the clock runs in every running status but a supplement.
func TestGroupsPartition(t *testing.T) {
	t.Parallel()
	for _, s := range status.All {
		require.True(t, s.Valid(), "status %d", s)
		require.NotEqual(t, status.Open.Has(s), status.Finished.Has(s), "status %d must be open xor finished", s)
		require.Equal(t, status.Open.Has(s) && s != status.New, status.Running.Has(s), "running %d", s)
		require.Equal(t, status.Running.Has(s) && s != status.Supplement, status.ClockRunning.Has(s), "clock %d", s)
		if status.AwaitingCitizen.Has(s) {
			require.True(t, status.Running.Has(s), "awaiting the citizen %d is running", s)
		}
	}
	require.False(t, status.Status(0).Valid())
	require.False(t, status.Status(11).Valid())
	require.Equal(t, []int16{3, 8, 9, 10}, status.Finished.Codes())
}
