package adminunits_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/adminunits"
)

func TestEmbeddedMap(t *testing.T) {
	t.Parallel()
	m, err := adminunits.Load()
	require.NoError(t, err)
	provinces, communes := m.Len()
	require.Equal(t, 34, provinces, "28 provinces and 6 cities since 1 July 2025")
	require.Equal(t, 3321, communes)

	ps := m.Provinces()
	require.Len(t, ps, 34)
	provinceKinds, communeKinds := map[string]int{}, map[string]int{}
	seen := map[string]bool{}
	code2, code5 := regexp.MustCompile(`^[0-9]{2}$`), regexp.MustCompile(`^[0-9]{5}$`)
	for i, p := range ps {
		require.Regexp(t, code2, p.Code)
		require.False(t, seen["p"+p.Code], "province %s twice", p.Code)
		seen["p"+p.Code] = true
		if i > 0 {
			require.Less(t, ps[i-1].Code, p.Code, "provinces in code order")
		}
		provinceKinds[p.Kind]++
		require.NotEmpty(t, p.Communes, p.Code)
		for _, c := range p.Communes {
			require.Regexp(t, code5, c.Code)
			require.False(t, seen[c.Code], "commune %s twice", c.Code)
			seen[c.Code] = true
			require.Equal(t, p.Code, c.ProvinceCode)
			communeKinds[c.Kind]++
			require.Regexp(t, `^(Xã|Phường|Đặc khu) \S`, c.Name)
			got, ok := m.Commune(c.Code)
			require.True(t, ok)
			require.Equal(t, c, got)
		}
	}
	require.Equal(t, map[string]int{adminunits.KindCity: 6, adminunits.KindProvince: 28}, provinceKinds)
	require.Equal(t, map[string]int{adminunits.KindCommune: 2621, adminunits.KindWard: 687, adminunits.KindSpecialZone: 13}, communeKinds)
}

func TestLookups(t *testing.T) {
	t.Parallel()
	m := adminunits.MustLoad()
	t.Run("OK", func(t *testing.T) {
		c, ok := m.Commune("00070")
		require.True(t, ok)
		require.Equal(t, adminunits.Commune{Code: "00070", Name: "Phường Hoàn Kiếm", Kind: adminunits.KindWard, ProvinceCode: "01"}, c)
		p, ok := m.Province("01")
		require.True(t, ok)
		require.Equal(t, "Thành phố Hà Nội", p.Name)
		require.Equal(t, adminunits.KindCity, p.Kind)
		require.Len(t, p.Communes, 126)
		name, ok := m.ProvinceName("04")
		require.True(t, ok)
		require.Equal(t, "Tỉnh Cao Bằng", name)
		for code, want := range map[string]string{
			"26737": "Phường Tân Định", "20242": "Phường Hải Châu", "14797": "Phường Hạc Thành",
			"31078": "Đặc khu Phú Quốc", "22736": "Đặc khu Trường Sa",
		} {
			c, ok := m.Commune(code)
			require.True(t, ok, code)
			require.Equal(t, want, c.Name)
		}
		require.Len(t, m.Communes("79"), 168)
	})
	t.Run("LowerCaseKindIsCapitalised", func(t *testing.T) {
		c, ok := m.Commune("06325") // "xã Bắc Sơn" in the source list
		require.True(t, ok)
		require.Equal(t, "Xã Bắc Sơn", c.Name)
		require.Equal(t, adminunits.KindCommune, c.Kind)
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		_, ok := m.Commune("99999")
		require.False(t, ok)
		_, ok = m.Province("02")
		require.False(t, ok, "Hà Giang was merged into Tuyên Quang")
		_, ok = m.ProvinceName("")
		require.False(t, ok)
		require.Nil(t, m.Communes("03"))
	})
	t.Run("Copies", func(t *testing.T) {
		ps := m.Provinces()
		ps[0].Communes[0].Name = "changed"
		p, _ := m.Province("01")
		p.Communes[1].Name = "changed"
		cs := m.Communes("01")
		cs[2].Name = "changed"
		again, _ := m.Province("01")
		for _, c := range again.Communes[:3] {
			require.NotEqual(t, "changed", c.Name)
		}
	})
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	const header = "province_code,province_name,province_type,commune_code,commune_name,commune_type\n"
	const good = "01,Thành phố Hà Nội,thành phố trung ương,00070,Phường Hoàn Kiếm,phường\n"
	_, err := adminunits.Parse(strings.NewReader(header + good))
	require.NoError(t, err)
	for name, body := range map[string]string{
		"Empty":           header,
		"Header":          strings.Replace(header, "commune_type", "kind", 1) + good,
		"ProvinceCode":    header + strings.Replace(good, "01,", "1,", 1),
		"CommuneCode":     header + strings.Replace(good, "00070", "0070", 1),
		"ProvinceType":    header + strings.Replace(good, "thành phố trung ương", "thành phố", 1),
		"CommuneType":     header + strings.Replace(good, ",phường", ",quận", 1),
		"NameNotOfType":   header + strings.Replace(good, "Phường Hoàn", "Xã Hoàn", 1),
		"KindWordOnly":    header + strings.Replace(good, "Phường Hoàn Kiếm", "Phường ", 1),
		"CommuneTwice":    header + good + good,
		"ProvinceRenamed": header + good + "01,Tỉnh Hà Nội,tỉnh,00004,Phường Ba Đình,phường\n",
		"ProvinceSplit": header + good + "04,Tỉnh Cao Bằng,tỉnh,01273,Phường Thục Phán,phường\n" +
			"01,Thành phố Hà Nội,thành phố trung ương,00004,Phường Ba Đình,phường\n",
		"ColumnMissing": header + "01,Thành phố Hà Nội,thành phố trung ương,00070,Phường Hoàn Kiếm\n",
	} {
		_, err := adminunits.Parse(strings.NewReader(body))
		require.Error(t, err, name)
	}
}
