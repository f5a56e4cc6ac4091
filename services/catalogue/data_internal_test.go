package catalogue

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadProcedures(t *testing.T) {
	t.Parallel()
	procs, err := loadProcedures()
	require.NoError(t, err)
	type facts struct {
		topic, kind, level string
		days               int
		acr                string
	}
	want := map[string]facts{
		"1.001193": {"civil-status", KindCommuneCommittee, LevelCommune, 1, LoA1},
		"1.000894": {"civil-status", KindCommuneCommittee, LevelCommune, 1, LoA2},
		"1.004222": {"residence", KindCommunePolice, LevelCommune, 7, LoA2},
		"2.000986": {"civil-status", KindCommuneCommittee, LevelCommune, 20, LoA2},
		"3.000722": {"civil-status", KindCommuneCommittee, LevelCommune, 3, LoA2},
		"1.013831": {"land", KindLandOffice, LevelProvince, 18, LoA2},
		"1.014173": {"social-insurance", KindSocialInsurance, LevelProvince, 7, LoA2},
		"1.014748": {"employment", KindEmploymentCentre, LevelProvince, 15, LoA2},
		"1.001612": {"business", KindCommuneCommittee, LevelCommune, 3, LoA1},
	}
	require.Len(t, procs, len(want))
	for i, p := range procs {
		if i > 0 {
			require.Less(t, procs[i-1].Code, p.Code, "sorted by code")
		}
		w, ok := want[p.Code]
		require.True(t, ok, p.Code)
		require.Equal(t, w, facts{p.Topic, p.AgencyKind, p.AgencyLevel, p.ProcessingDays, p.RequiredACR}, p.Code)
		require.NotEmpty(t, p.Details.WhoDecides.EN, p.Code)
		require.NotEmpty(t, p.Details.Result.VI, p.Code)
		require.NotEmpty(t, p.Details.Keywords, p.Code)
		for _, in := range p.Details.Inputs {
			require.NotEmpty(t, in.VI, p.Code)
			require.NotEmpty(t, in.EN, p.Code)
		}
	}
}

func TestParseProcedureRejects(t *testing.T) {
	t.Parallel()
	b, err := dataFS.ReadFile("data/procedures/1.001193.json")
	require.NoError(t, err)
	good := string(b)
	_, err = parseProcedure(b)
	require.NoError(t, err)
	for name, bad := range map[string]string{
		"UnknownBinding":  strings.Replace(good, `"prefill": "population.full_name"`, `"prefill": "population.mother_name"`, 1),
		"BindingType":     strings.Replace(good, `"name": "father_residence", "type": "address"`, `"name": "father_residence", "type": "text"`, 1),
		"UnknownParty":    strings.Replace(good, `"party": "mother", "prefill": "population.full_name"`, `"party": "aunt", "prefill": "population.full_name"`, 1),
		"RoleSource":      strings.Replace(good, `"mother": "spouse"`, `"mother": "neighbour"`, 1),
		"RouteField":      strings.Replace(good, `"field": "father_residence",`, `"field": "father_full_name",`, 1),
		"UnknownTopic":    strings.Replace(good, `"topic": "civil-status"`, `"topic": "family"`, 1),
		"LevelOfKind":     strings.Replace(good, `"agency_level": "commune"`, `"agency_level": "province"`, 1),
		"ACR":             strings.Replace(good, `"required_acr": "LoA1"`, `"required_acr": "LoA3"`, 1),
		"UnknownKey":      strings.Replace(good, `"acr_reason":`, `"acr_reasons":`, 1),
		"SchemaCheck":     strings.Replace(good, `"type": "radio"`, `"type": "slider"`, 1),
		"ParcelNoChooser": strings.Replace(good, `"prefill": "population.ethnicity"`, `"prefill": "land.parcel.land_use"`, 1),
	} {
		require.NotEqual(t, good, bad, name)
		_, err := parseProcedure([]byte(bad))
		require.Error(t, err, name)
	}
}

func TestAgenciesOf(t *testing.T) {
	t.Parallel()
	u := NewUnits()
	as := agenciesOf(u)
	communes := 0
	for _, p := range u.Provinces() {
		communes += len(p.Communes)
	}
	require.Equal(t, 3321, communes)
	require.Len(t, as, 2*communes+4*34)
	by := map[string]Agency{}
	for _, a := range as {
		_, dup := by[a.Code]
		require.False(t, dup, a.Code)
		by[a.Code] = a
		require.Regexp(t, `^[A-Z0-9-]{3,40}$`, a.Code)
		require.Equal(t, kindLevel(a.Kind), a.Level, a.Code)
		require.Equal(t, a.Level == LevelCommune, a.CommuneCode != "", a.Code)
	}
	require.Equal(t, Agency{
		Code: "UBND-00070", Kind: KindCommuneCommittee, Level: LevelCommune,
		NameVI: "Ủy ban nhân dân phường Hoàn Kiếm", NameEN: "People's Committee of Hoàn Kiếm Ward",
		ProvinceCode: "01", CommuneCode: "00070",
	}, by["UBND-00070"])
	require.Equal(t, "Công an phường Hoàn Kiếm", by["CA-00070"].NameVI)
	require.Equal(t, "Công an đặc khu Phú Quốc", by["CA-31078"].NameVI)
	require.Equal(t, "Chi nhánh Văn phòng đăng ký đất đai thành phố Hồ Chí Minh", by["VPDKDD-79"].NameVI)
	require.Equal(t, "Bảo hiểm xã hội tỉnh Thanh Hóa", by["BHXH-38"].NameVI)
	require.Equal(t, "Trung tâm Dịch vụ việc làm thành phố Đà Nẵng", by["DVVL-48"].NameVI)
	require.Equal(t, "", by["DVVL-48"].CommuneCode)
	require.Equal(t, Agency{
		Code: "SNV-01", Kind: KindHomeAffairs, Level: LevelProvince,
		NameVI: "Sở Nội vụ thành phố Hà Nội", NameEN: "Department of Home Affairs of Hà Nội City",
		ProvinceCode: "01",
	}, by["SNV-01"])
	require.Equal(t, "Sở Nội vụ tỉnh Cao Bằng", by["SNV-04"].NameVI)
	for _, code := range []string{"VPDKDD-01", "VPDKDD-79"} { // the demo staff's offices
		require.Equal(t, KindLandOffice, by[code].Kind, code)
	}

	branches, communes2 := landAreasOf(u)
	require.Len(t, branches, communes)
	require.Len(t, communes2, communes)
	for i, c := range communes2 {
		a, ok := by[branches[i]]
		require.True(t, ok, branches[i])
		require.Equal(t, KindLandOffice, a.Kind)
		_, p, _ := u.Commune(c)
		require.Equal(t, p, a.ProvinceCode, "commune %s is in the area of its province's branch", c)
	}
}

func TestSearchText(t *testing.T) {
	t.Parallel()
	p := Procedure{Code: "1.001193", NameVI: "Đăng ký khai sinh", NameEN: "Birth registration",
		Details: Details{Keywords: []string{"giấy khai sinh", "birth-certificate", "(newborn)."}}}
	require.Equal(t, "1.001193 dang ki khai sinh birth registration giay khai sinh birth certificate newborn", searchText(p))
	require.Equal(t, []string{"dang", "ki", "khai", "sinh"}, searchWords("DKKS"), "an abbreviation is the words it stands for")
	require.Equal(t, []string{"tay", "may", "yen", "qui", "li"}, searchWords("tay may yên quý lý"),
		"only a final y after a consonant is spelt i")
	require.Equal(t, []string{"ket", "hon"}, searchWords(" Kết, hôn! "))
	require.Empty(t, searchWords(" ... "))
}
