package catalogue_test

import (
	"strings"
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
		require.NotEmpty(t, p.Communes, p.Code)
		switch p.Kind {
		case "city":
			cities++
			require.Equal(t, strings.TrimPrefix(p.NameVI, "Thành phố ")+" City", p.NameEN)
		case "province":
			require.Equal(t, strings.TrimPrefix(p.NameVI, "Tỉnh ")+" Province", p.NameEN)
		default:
			t.Fatalf("province %s: kind %q", p.Code, p.Kind)
		}
		for _, c := range p.Communes {
			require.Regexp(t, `^[0-9]{5}$`, c.Code)
			require.False(t, seen[c.Code], "commune %s twice", c.Code)
			seen[c.Code] = true
			communes++
			require.Regexp(t, ` (Ward|Commune|Special Zone)$`, c.NameEN(), c.Name)
		}
	}
	require.Equal(t, 6, cities)
	require.Equal(t, 3321, communes, "the whole map")

	t.Run("DemoAddresses", func(t *testing.T) {
		u := catalogue.NewUnits()
		// The demo citizens' communes (sim/ndxp/demo.json) and the provinces of their parcels.
		for commune, province := range map[string]string{
			"00070": "01", "00004": "01", "00166": "01", "26737": "79", "26824": "79", "20242": "48", "14797": "38",
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
		require.Len(t, hn.Communes, 126)
		cb, ok := u.Province("04")
		require.True(t, ok)
		require.Equal(t, "Cao Bằng Province", cb.NameEN)
		c, _, _ = u.Commune("31078")
		require.Equal(t, "Phú Quốc Special Zone", c.NameEN())
		c, _, _ = u.Commune("06325")
		require.Equal(t, "Bắc Sơn Commune", c.NameEN())
	})
	t.Run("Names", func(t *testing.T) {
		u := catalogue.NewUnits()
		p, c := u.Names("01", "00070")
		require.Equal(t, []string{"Thành phố Hà Nội", "Phường Hoàn Kiếm"}, []string{p, c})
		p, c = u.Names("79", "00070")
		require.Equal(t, []string{"Thành phố Hồ Chí Minh", ""}, []string{p, c}, "a commune of another province is not named")
		p, c = u.Names("03", "00070")
		require.Equal(t, []string{"", ""}, []string{p, c})
		require.Len(t, u.Communes("79"), 168)
		require.Nil(t, u.Communes("03"))
		require.True(t, u.ProvinceExists("96"))
		require.False(t, u.ProvinceExists("02"))
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
		a[0].NameVI = "changed"
		_ = append(a[0].Communes, catalogue.Commune{Code: "99999", Name: "appended"})
		b, _ := u.Province("01")
		b.Communes[1].Name = "changed"
		u.Communes("01")[2].Name = "changed"
		again := u.Provinces()
		require.Equal(t, "Thành phố Hà Nội", again[0].NameVI)
		for _, c := range again[0].Communes[:3] {
			require.NotEqual(t, "changed", c.Name)
		}
		_, _, ok := u.Commune("99999")
		require.False(t, ok)
		require.Len(t, again[0].Communes, 126, "an append to a shared list copies it")
	})
}

// Resolve places addresses the population database recorded before 1 July 2025.
func TestResolve(t *testing.T) {
	t.Parallel()
	u := catalogue.NewUnits()
	for _, c := range []struct {
		name                      string
		province, commune         string
		wantProvince, wantCommune string
		exact                     bool
	}{
		{"Exact", "01", "00070", "01", "00070", true},
		{"ExactSameProvinceCode", "79", "26737", "79", "26737", true},
		// 00691 kept the code of a ward of Hà Giang (02), merged into Tuyên Quang (08).
		{"KeptCodeOfMergedProvince", "02", "00691", "08", "00691", false},
		// 26506 (Vũng Tàu) was in Bà Rịa - Vũng Tàu (77), now in Hồ Chí Minh City (79).
		{"KeptCodeOtherProvince", "77", "26506", "79", "26506", false},
		{"NoProvince", "", "20242", "48", "20242", false},
		{"WrongProvince", "79", "00070", "01", "00070", false},
		{"CodeGone", "01", "00001", "", "", false},
		{"CodeGoneMergedProvince", "02", "00688", "", "", false},
		{"Empty", "01", "", "", "", false},
		{"NotACode", "01", "x", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, cm, exact := u.Resolve(c.province, c.commune)
			require.Equal(t, c.wantProvince, p)
			require.Equal(t, c.wantCommune, cm)
			require.Equal(t, c.exact, exact)
			if exact {
				require.True(t, u.CommuneInProvince(p, cm))
			}
		})
	}
}
