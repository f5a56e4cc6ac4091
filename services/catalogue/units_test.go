package catalogue_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
)

func TestProvinces(t *testing.T) {
	t.Parallel()
	ps := catalogue.Provinces()
	require.Len(t, ps, 34, "28 provinces and 6 cities since 1 July 2025")
	cities, communes := 0, 0
	seen := map[string]bool{}
	for _, p := range ps {
		require.Regexp(t, `^[0-9]{2}$`, p.Code)
		require.NotEmpty(t, p.NameVI)
		require.NotEmpty(t, p.NameEN)
		require.NotEmpty(t, p.Communes, p.Code)
		if p.Kind == "city" {
			cities++
		}
		for _, c := range p.Communes {
			require.Regexp(t, `^[0-9]{5}$`, c.Code)
			require.False(t, seen[c.Code], "commune %s twice", c.Code)
			seen[c.Code] = true
			communes++
		}
	}
	require.Equal(t, 6, cities)
	require.Greater(t, communes, 100)

	t.Run("DemoAddresses", func(t *testing.T) {
		u := catalogue.NewUnits()
		// The demo citizens' communes (sim/ndxp/demo.json) and the provinces of their parcels.
		for commune, province := range map[string]string{
			"00070": "01", "00004": "01", "00166": "01", "26734": "79", "26803": "79", "20227": "48", "14797": "38",
		} {
			require.True(t, u.CommuneInProvince(province, commune), "%s in %s", commune, province)
		}
		c, p, ok := u.Commune("00070")
		require.True(t, ok)
		require.Equal(t, "01", p)
		require.Equal(t, "Phường Hoàn Kiếm", c.Name)
		require.Equal(t, "Hoàn Kiếm Ward", c.NameEN())
		hn, ok := u.Province("01")
		require.True(t, ok)
		require.Equal(t, "Thành phố Hà Nội", hn.NameVI)
		require.Equal(t, "Hà Nội City", hn.NameEN)
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		u := catalogue.NewUnits()
		require.False(t, u.CommuneInProvince("79", "00070"), "Hoàn Kiếm is not in Hồ Chí Minh City")
		_, _, ok := u.Commune("99999")
		require.False(t, ok)
		_, ok = u.Province("03")
		require.False(t, ok, "03 was merged away in 2025")
	})
	t.Run("Copies", func(t *testing.T) {
		u := catalogue.NewUnits()
		a := u.Provinces()
		a[0].Communes[0].Name = "changed"
		require.NotEqual(t, "changed", u.Provinces()[0].Communes[0].Name)
	})
}
