package ndxp_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

func TestProvinces(t *testing.T) {
	t.Parallel()
	ps := ndxp.Provinces()
	require.Len(t, ps, 34, "since 1 July 2025")
	kinds := map[string]int{}
	codes := map[string]bool{}
	communes := map[string]bool{} // every commune of the map: sim/ndxp takes them from services/adminunits
	for _, p := range ps {
		kinds[p.Kind]++
		require.Regexp(t, `^\d{2}$`, p.Code)
		require.False(t, codes[p.Code], "province code %s twice", p.Code)
		codes[p.Code] = true
		if p.Kind == "city" {
			require.True(t, strings.HasPrefix(p.Name, "Thành phố "), p.Name)
		} else {
			require.True(t, strings.HasPrefix(p.Name, "Tỉnh "), p.Name)
		}
		require.GreaterOrEqual(t, len(p.Communes), 4, p.Name)
		for _, c := range p.Communes {
			require.Regexp(t, `^\d{5}$`, c.Code)
			require.Regexp(t, `^(Phường|Xã|Đặc khu) `, c.Name)
			require.False(t, communes[c.Code], "commune code %s twice", c.Code)
			communes[c.Code] = true
		}
	}
	require.Equal(t, map[string]int{"city": 6, "province": 28}, kinds)
	for _, code := range []string{"01", "79", "48", "38", "31", "92", "46"} {
		require.True(t, codes[code], code)
	}
	require.True(t, communes["00070"], "Phường Hoàn Kiếm")
	require.Len(t, communes, 3321, "the whole map")

	// Callers get a copy.
	ps[0].Name = "changed"
	ps[0].Communes[0].Name = "changed"
	again := ndxp.Provinces()
	require.NotEqual(t, "changed", again[0].Name)
	require.NotEqual(t, "changed", again[0].Communes[0].Name)
}
