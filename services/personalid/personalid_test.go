package personalid_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/personalid"
)

func TestParse(t *testing.T) {
	t.Parallel()
	an, err := personalid.Parse("001088012345")
	require.NoError(t, err)
	require.Equal(t, personalid.ID{Number: "001088012345", ProvinceCode: "001", Female: false, BirthYear: 1988}, an)

	dung, err := personalid.Parse("038301009876")
	require.NoError(t, err)
	require.True(t, dung.Female)
	require.Equal(t, 2001, dung.BirthYear)

	for _, bad := range []string{"", "00108801234", "0010880123456", "00108801234a", "000088012345", "099088012345", "001088 12345"} {
		require.False(t, personalid.Valid(bad), bad)
	}
}
