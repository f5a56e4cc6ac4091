package citizens_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/citizens"
)

func TestMaskPersonalID(t *testing.T) {
	t.Parallel()
	require.Equal(t, "********2345", citizens.MaskPersonalID("001088012345"))
	require.Equal(t, "***", citizens.MaskPersonalID("123"))
	require.Equal(t, "", citizens.MaskPersonalID(""))
}
