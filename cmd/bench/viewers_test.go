package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/sim/vneid"
)

// The My data run's workers each sign in as a person of their own: the demo citizens, then
// synthetic citizens of the NDXP simulator whose accounts the VNeID simulator accepts (it checks
// that the personal ID encodes the account's sex and birth year).
func TestViewerIdentities(t *testing.T) {
	t.Parallel()
	nd, err := ndxp.New(ndxp.Config{Synthetic: 200, Seed: 1, Logger: quiet()})
	require.NoError(t, err)
	demo := vneid.DefaultIdentities().Citizens()
	want := len(demo) + 12

	ids, viewers, err := viewerIdentities(nd, want)
	require.NoError(t, err)
	require.Len(t, viewers, want)
	require.Len(t, ids.Citizens(), want)
	seen := map[string]bool{}
	for i, pid := range viewers {
		require.False(t, seen[pid], "viewer %d: %s twice", i, pid)
		seen[pid] = true
		if i < len(demo) {
			require.Equal(t, demo[i].PersonalID, pid)
		} else {
			require.Equal(t, nd.SyntheticPersonalID(i-len(demo)), pid)
		}
	}
	require.Len(t, ids.Staff(), len(vneid.DefaultIdentities().Staff()), "the staff accounts stay")

	_, few, err := viewerIdentities(nd, 2)
	require.NoError(t, err)
	require.Len(t, few, len(demo), "the demo citizens are always there")
}
