package vneid_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
)

func TestDefaultIdentities(t *testing.T) {
	t.Parallel()
	ids := vneid.DefaultIdentities()

	want := map[string]struct{ name, gender, year, acr string }{
		"001088012345": {"Nguyễn Văn An", "male", "1988", "LoA2"},
		"079175001234": {"Trần Thị Bình", "female", "1975", "LoA2"},
		"048095004321": {"Lê Văn Cường", "male", "1995", "LoA2"},
		"038301009876": {"Phạm Thị Dung", "female", "2001", "LoA1"},
		"001190023456": {"Đặng Thị Mai", "female", "1990", "LoA2"},
		"046162007531": {"Hoàng Thị Sen", "female", "1962", "LoA2"},
	}
	citizens := ids.Citizens()
	require.Len(t, citizens, len(want))
	for _, c := range citizens {
		w, ok := want[c.PersonalID]
		require.True(t, ok, c.PersonalID)
		require.Equal(t, w.name, c.Name)
		require.Equal(t, w.gender, c.Gender)
		require.True(t, strings.HasPrefix(c.Birthdate, w.year+"-"), c.Birthdate)
		require.Equal(t, w.acr, c.ACR)
		require.NotEqual(t, c.PersonalID, c.Sub, "sub must not be the personal ID")
		require.Equal(t, vneid.DemoPassword, c.Password)
	}

	roles := map[string]int{}
	for _, s := range ids.Staff() {
		roles[s.RoleHint]++
		require.NotEmpty(t, s.Agency)
		require.Equal(t, vneid.DemoPassword, s.Password)
	}
	require.GreaterOrEqual(t, roles["officer"], 5, "an officer for each agency kind")
	require.Equal(t, 1, roles["supervisor"])
	require.Equal(t, 1, roles["helpdesk"])
	require.Equal(t, 1, roles["admin"])

	// Callers get copies: changing them does not change the identities.
	citizens[0].Name = "changed"
	require.NotEqual(t, "changed", ids.Citizens()[0].Name)
}

func identitiesJSON(t *testing.T, edit func(c map[string]any, s map[string]any)) string {
	t.Helper()
	c := map[string]any{
		"sub": "11111111-2222-4333-8444-555555555555", "personal_id": "001088012345",
		"family_name": "Nguyễn", "middle_name": "Văn", "given_name": "An", "name": "Nguyễn Văn An",
		"birthdate": "1988-03-15", "gender": "male", "acr": "LoA2",
	}
	s := map[string]any{
		"username": "canbo.test", "sub": "66666666-7777-4888-9999-000000000000", "name": "Đỗ Thị Hương",
		"email": "huong@example.test", "agency": "X", "agency_name": "Cơ quan X", "role_hint": "officer",
	}
	edit(c, s)
	b, err := json.Marshal(map[string]any{"citizens": []any{c}, "staff": []any{s}})
	require.NoError(t, err)
	return string(b)
}

func TestLoadIdentities(t *testing.T) {
	t.Parallel()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		ids, err := vneid.LoadIdentities(strings.NewReader(identitiesJSON(t, func(c, s map[string]any) {
			c["password"] = "Riêng@1"
		})))
		require.NoError(t, err)
		require.Equal(t, "Riêng@1", ids.Citizens()[0].Password)
		require.Equal(t, vneid.DemoPassword, ids.Staff()[0].Password)
	})

	for name, tc := range map[string]struct {
		edit func(c, s map[string]any)
		want string
	}{
		"ErrSexDigit":       {func(c, _ map[string]any) { c["gender"] = "female" }, "century/sex digit"},
		"ErrCenturyDigit":   {func(c, _ map[string]any) { c["birthdate"] = "2088-03-15" }, "century/sex digit"},
		"ErrBirthYear":      {func(c, _ map[string]any) { c["birthdate"] = "1989-03-15" }, "year digits"},
		"ErrLength":         {func(c, _ map[string]any) { c["personal_id"] = "00108801234" }, "12 digits"},
		"ErrNotDigits":      {func(c, _ map[string]any) { c["personal_id"] = "00108801234X" }, "12 digits"},
		"ErrProvince":       {func(c, _ map[string]any) { c["personal_id"] = "000088012345" }, "province code"},
		"ErrACR":            {func(c, _ map[string]any) { c["acr"] = "LoA3" }, "acr"},
		"ErrName":           {func(c, _ map[string]any) { c["name"] = "Nguyễn An" }, "name"},
		"ErrBirthdate":      {func(c, _ map[string]any) { c["birthdate"] = "15/03/1988" }, "birthdate"},
		"ErrDuplicateSub":   {func(c, s map[string]any) { s["sub"] = c["sub"] }, "duplicate sub"},
		"ErrRoleHint":       {func(_, s map[string]any) { s["role_hint"] = "king" }, "role_hint"},
		"ErrNumericLogin":   {func(_, s map[string]any) { s["username"] = "001088012345" }, "username"},
		"ErrUnknownField":   {func(c, _ map[string]any) { c["cccd"] = "x" }, "unknown field"},
		"ErrMissingAgency":  {func(_, s map[string]any) { delete(s, "agency") }, "agency"},
		"ErrInvalidEmail":   {func(_, s map[string]any) { s["email"] = "nope" }, "email"},
		"ErrGenderSpelling": {func(c, _ map[string]any) { c["gender"] = "nam" }, "gender"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := vneid.LoadIdentities(strings.NewReader(identitiesJSON(t, tc.edit)))
			require.ErrorContains(t, err, tc.want)
		})
	}

	t.Run("ErrDuplicatePersonalID", func(t *testing.T) {
		t.Parallel()
		doc := identitiesJSON(t, func(map[string]any, map[string]any) {})
		var f map[string][]map[string]any
		require.NoError(t, json.Unmarshal([]byte(doc), &f))
		dup := map[string]any{}
		for k, v := range f["citizens"][0] {
			dup[k] = v
		}
		dup["sub"] = "99999999-2222-4333-8444-555555555555"
		f["citizens"] = append(f["citizens"], dup)
		b, err := json.Marshal(f)
		require.NoError(t, err)
		_, err = vneid.LoadIdentities(strings.NewReader(string(b)))
		require.ErrorContains(t, err, "duplicate personal_id")
	})
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	client := vneid.Client{ID: "c", Secret: "s", Audience: vneid.AudienceCitizen, RedirectURIs: []string{"http://rp.example/cb"}}
	for name, cfg := range map[string]vneid.Config{
		"ErrTrailingSlash": {Issuer: "http://localhost:8081/", Clients: []vneid.Client{client}},
		"ErrNoClients":     {Issuer: "http://localhost:8081"},
		"ErrAudience":      {Issuer: "http://localhost:8081", Clients: []vneid.Client{{ID: "c", Secret: "s", Audience: "everyone", RedirectURIs: client.RedirectURIs}}},
		"ErrNoRedirect":    {Issuer: "http://localhost:8081", Clients: []vneid.Client{{ID: "c", Secret: "s", Audience: vneid.AudienceStaff}}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := vneid.New(cfg)
			require.Error(t, err)
		})
	}
}
