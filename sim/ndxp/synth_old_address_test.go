package ndxp

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/adminunits"
)

// Synthetic households live all over the map, and about one in twenty still has its permanent
// residence recorded on the map before 1 July 2025.
func TestSyntheticHouseholdsCoverTheMap(t *testing.T) {
	t.Parallel()
	u, err := loadUnits()
	require.NoError(t, err)
	v, err := loadVocab()
	require.NoError(t, err)
	s, err := newSynth(1, 400_000, u, v, nil)
	require.NoError(t, err)
	m := adminunits.MustLoad()

	lived := map[string]bool{}
	var old, kept, retired, otherProvince int
	var hh household
	for h := range s.start {
		s.derive(h, &hh)
		now := u.placeAt(hh.prov, hh.commune, "")
		lived[now.CommuneCode] = true
		pl := s.residence(&hh)
		if pl.DistrictName == "" {
			require.Equal(t, now.CommuneCode, pl.CommuneCode)
			require.Equal(t, now.ProvinceCode, pl.ProvinceCode)
			continue
		}
		old++
		require.Regexp(t, `^(Quận|Huyện|Thị xã|Thành phố) \S`, pl.DistrictName)
		require.Regexp(t, `^(Tỉnh|Thành phố) \S`, pl.ProvinceName)
		require.Regexp(t, `^\d{2}$`, pl.ProvinceCode)
		require.Regexp(t, `^(Phường|Xã|Đặc khu) \S`, pl.CommuneName)
		require.Equal(t, hh.address(u, v), pl.AddressLine)
		if c, onMap := m.Commune(pl.CommuneCode); onMap {
			kept++
			require.Equal(t, now.CommuneCode, pl.CommuneCode, "a kept code is the household's commune's")
			require.Equal(t, c.Name, pl.CommuneName)
			if c.ProvinceCode != pl.ProvinceCode {
				otherProvince++
				_, still := m.Province(pl.ProvinceCode)
				require.False(t, still, "province %s merged away: its code is not on today's map", pl.ProvinceCode)
			}
		} else {
			retired++
			require.Regexp(t, `^\d{5}$`, pl.CommuneCode)
		}
	}
	_, communes := m.Len()
	require.Len(t, lived, communes, "someone lives in every commune")
	households := len(s.start)
	require.InDelta(t, households*oldAddressPercent/100, old, float64(households)/200, "about one household in twenty")
	require.Greater(t, kept, old/3)
	require.Greater(t, retired, old/3)
	require.Greater(t, otherProvince, kept/10, "a merged province's old code")
	t.Logf("%d households, %d old-style addresses: %d kept codes (%d under a merged province), %d retired codes",
		households, old, kept, otherProvince, retired)
}

func TestPlaceName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Phường Hoàn Kiếm": "Hoàn Kiếm", "Phường Hà Giang 1": "Hà Giang", "Phường 2 Bảo Lộc": "Bảo Lộc",
		"Phường Lâm Viên - Đà Lạt": "Đà Lạt", "Xã Đam Rông 4": "Đam Rông", "Đặc khu Côn Đảo": "Côn Đảo",
	} {
		require.Equal(t, want, placeName(in), in)
	}
}

// The former provinces partition the map's codes into the 63 provinces before 1 July 2025.
func TestFormerProvinces(t *testing.T) {
	t.Parallel()
	u, err := loadUnits()
	require.NoError(t, err)
	old := map[string]bool{}
	for p := range u.provinces {
		for c := range u.provinces[p].Communes {
			old[u.formerOf(p, c).Code] = true
		}
	}
	require.Len(t, old, 63, "each former province holds a commune of today's map")
	hg, _ := u.place("08", "00691", "")
	require.Equal(t, "Phường Hà Giang 2", hg.CommuneName)
	at := u.communes["00691"]
	require.Equal(t, formerProvince{Code: "02", Name: "Tỉnh Hà Giang", First: "00691"}, u.formerOf(at.province, at.commune))
	at = u.communes["26506"] // Vũng Tàu
	require.Equal(t, "77", u.formerOf(at.province, at.commune).Code)
	at = u.communes["00070"]
	require.Equal(t, formerProvince{Code: "01", Name: "Thành phố Hà Nội"}, u.formerOf(at.province, at.commune))
}
