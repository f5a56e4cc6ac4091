package catalogue

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLinkedProcedureData: 2.000986 is withdrawn for 3.000722, which declares its three parts;
// a file whose status or parts break the rules is refused.
func TestLinkedProcedureData(t *testing.T) {
	t.Parallel()
	procs, err := loadProcedures()
	require.NoError(t, err)
	by := map[string]Procedure{}
	for _, p := range procs {
		by[p.Code] = p.Procedure
	}
	old, online := by["2.000986"], by["3.000722"]
	require.True(t, old.Withdrawn())
	require.Equal(t, "3.000722", old.ReplacedBy)
	require.ErrorIs(t, old.Open(), ErrWithdrawn)
	require.False(t, old.Linked(), "the paper procedure's cases were never split into parts")
	require.NoError(t, online.Open())
	require.Equal(t, StatusActive, online.Status)
	require.True(t, online.Linked())
	require.Equal(t, online.ProcessingDays, online.ChainDays())
	for code, p := range by {
		if code != "2.000986" {
			require.False(t, p.Withdrawn(), code)
		}
	}

	b, err := dataFS.ReadFile("data/procedures/3.000722.json")
	require.NoError(t, err)
	good := string(b)
	for name, bad := range map[string]string{
		"ChainTooLong":   strings.Replace(good, `"agency_level": "commune", "days": 2`, `"agency_level": "commune", "days": 3`, 1),
		"LeadNotOwn":     strings.Replace(good, `{"kind": "birth", "name": {"vi": "Đăng ký khai sinh", "en": "Birth registration"}, "agency_kind": "commune_committee"`, `{"kind": "birth", "name": {"vi": "Đăng ký khai sinh", "en": "Birth registration"}, "agency_kind": "commune_police"`, 1),
		"PartLevel":      strings.Replace(good, `"agency_kind": "social_insurance", "agency_level": "province"`, `"agency_kind": "social_insurance", "agency_level": "commune"`, 1),
		"PartKind":       strings.Replace(good, `"kind": "residence"`, `"kind": "birth"`, 1),
		"Status":         strings.Replace(good, `"code": "3.000722",`, `"code": "3.000722", "status": "repealed",`, 1),
		"ActiveReplaced": strings.Replace(good, `"code": "3.000722",`, `"code": "3.000722", "replaced_by": "1.001193",`, 1),
	} {
		require.NotEqual(t, good, bad, name)
		_, err := parseProcedure([]byte(bad))
		require.Error(t, err, name)
	}
}
