package forms_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
)

func f64(v float64) *float64 { return &v }

var step = forms.Step{ID: "s", Title: forms.Text{VI: "Bước", EN: "Step"}, Fields: []forms.Field{
	{Name: "name", Type: forms.TypeText, Label: forms.Text{VI: "Họ tên", EN: "Name"}, Required: true, MaxLength: 16},
	{Name: "note", Type: forms.TypeTextarea, Label: forms.Text{VI: "Ghi chú", EN: "Note"}},
	{Name: "area", Type: forms.TypeNumber, Label: forms.Text{VI: "Diện tích", EN: "Area"}, Min: f64(0), Max: f64(1000)},
	{Name: "born", Type: forms.TypeDate, Label: forms.Text{VI: "Ngày sinh", EN: "Born"}, NotFuture: true},
	{Name: "sex", Type: forms.TypeSelect, Label: forms.Text{VI: "Giới tính", EN: "Sex"}, Options: []forms.Option{{Value: "male"}, {Value: "female"}}},
	{Name: "kind", Type: forms.TypeRadio, Label: forms.Text{VI: "Loại", EN: "Kind"}, Required: true, Options: []forms.Option{{Value: "transfer"}, {Value: "gift"}}},
	{Name: "price", Type: forms.TypeMoney, Label: forms.Text{VI: "Giá", EN: "Price"}, Required: true, ShowIf: &forms.Condition{Field: "kind", Equals: []string{"transfer"}}},
	{Name: "lines", Type: forms.TypeCheckbox, Label: forms.Text{VI: "Ngành nghề", EN: "Lines"}, Options: []forms.Option{{Value: "food"}, {Value: "retail"}}},
	{Name: "agree", Type: forms.TypeYesNo, Label: forms.Text{VI: "Đồng ý", EN: "Agree"}},
	{Name: "home", Type: forms.TypeAddress, Label: forms.Text{VI: "Địa chỉ", EN: "Address"}},
	{Name: "other", Type: forms.TypePersonalID, Label: forms.Text{VI: "Số định danh", EN: "ID"}},
	{Name: "proof", Type: forms.TypeFile, Label: forms.Text{VI: "Giấy tờ", EN: "Proof"}, EvidenceFor: []string{"land"}},
	{Name: "parcel", Type: forms.TypeParcel, Label: forms.Text{VI: "Thửa đất", EN: "Parcel"}},
	{Name: "members", Type: forms.TypeGroup, Label: forms.Text{VI: "Thành viên", EN: "Members"}, MaxItems: 2, Fields: []forms.Field{
		{Name: "full_name", Type: forms.TypeText, Label: forms.Text{VI: "Họ tên", EN: "Name"}, Required: true},
		{Name: "pid", Type: forms.TypePersonalID, Label: forms.Text{VI: "Số định danh", EN: "ID"}},
	}},
}}

var rules = forms.Rules{
	Today:             time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
	CommuneInProvince: func(p, c string) bool { return p == "01" && c == "00070" },
	ParcelOptions:     []string{"LAND-1"},
}

func errorsFor(t *testing.T, form url.Values, r forms.Rules) map[string]string {
	t.Helper()
	a := forms.FromForm(step, form)
	out := map[string]string{}
	for _, e := range forms.Validate(step, a, a, r) {
		out[e.Field] = e.Message
	}
	return out
}

func TestValidate(t *testing.T) {
	t.Parallel()
	valid := url.Values{
		"name": {"  Nguyễn Thị Ánh  "}, "kind": {"gift"}, "area": {"85,5"}, "born": {"2026-11-20"}, "sex": {"female"},
		"lines": {"food", "retail"}, "agree": {"yes"}, "home.province": {"01"}, "home.commune": {"00070"}, "home.line": {"Số 12 Hàng Bạc"},
		"other": {"001 088 012 345"}, "parcel": {"LAND-1"}, "members.0.full_name": {"Đặng Thị Mai"}, "members.0.pid": {"001190023456"},
	}
	t.Run("OK", func(t *testing.T) {
		require.Empty(t, errorsFor(t, valid, rules))
		a := forms.FromForm(step, valid)
		require.Equal(t, "Nguyễn Thị Ánh", a.String("name"), "trimmed")
		require.Equal(t, "001088012345", a.String("other"), "spaces dropped from digits")
		require.Len(t, a.Items("members"), 1)
	})
	t.Run("NFCNormalised", func(t *testing.T) {
		decomposed := "Nguye\u0302\u0303n" // "Nguyễn" typed as base letters and combining marks
		a := forms.FromForm(step, url.Values{"name": {decomposed}})
		require.Equal(t, "Nguyễn", a.String("name"))
	})

	cases := map[string]struct {
		change url.Values
		field  string
		msg    string
	}{
		"ErrRequiredText":      {url.Values{"name": {""}}, "name", "validation.required"},
		"ErrTooLongVietnamese": {url.Values{"name": {"Nguyễn Văn Ân Ânnnnn"}}, "name", "validation.too_long"},
		"ErrNumber":            {url.Values{"area": {"tám mươi"}}, "area", "validation.number"},
		"ErrNumberMax":         {url.Values{"area": {"1001"}}, "area", "validation.max"},
		"ErrDate":              {url.Values{"born": {"2026-02-30"}}, "born", forms.MsgDateReal},
		"ErrDateFuture":        {url.Values{"born": {"2026-12-01"}}, "born", "validation.date.future"},
		"ErrSelect":            {url.Values{"sex": {"other"}}, "sex", "validation.option"},
		"ErrRadioRequired":     {url.Values{"kind": {""}}, "kind", "validation.choose"},
		"ErrConditionalMoney":  {url.Values{"kind": {"transfer"}}, "price", "validation.required"},
		"ErrMoney":             {url.Values{"kind": {"transfer"}, "price": {"1,5 tỷ"}}, "price", "validation.money"},
		"ErrCheckbox":          {url.Values{"lines": {"food", "weapons"}}, "lines", "validation.option"},
		"ErrYesNo":             {url.Values{"agree": {"maybe"}}, "agree", "validation.option"},
		"ErrAddressMismatch":   {url.Values{"home.commune": {"26734"}}, "home.commune", "validation.address.mismatch"},
		"ErrAddressProvince":   {url.Values{"home.province": {""}}, "home.province", "validation.address.province"},
		"ErrPersonalID":        {url.Values{"other": {"00108801234"}}, "other", "validation.personal_id"},
		"ErrPersonalIDLetters": {url.Values{"other": {"00108801234X"}}, "other", "validation.personal_id"},
		"ErrParcelNotMine":     {url.Values{"parcel": {"LAND-999"}}, "parcel", "validation.option"},
		"ErrGroupItem":         {url.Values{"members.0.full_name": {""}}, "members.0.full_name", "validation.required"},
		"ErrGroupMax":          {url.Values{"members.2.full_name": {"A"}}, "members", "validation.group.max"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range valid {
				form[k] = v
			}
			for k, v := range tc.change {
				form[k] = v
			}
			errs := errorsFor(t, form, rules)
			require.Equal(t, tc.msg, errs[tc.field], "all errors: %v", errs)
		})
	}

	t.Run("ErrEvidenceRequiredWhenDatabaseDown", func(t *testing.T) {
		r := rules
		r.Evidence = func(f forms.Field) bool { return len(f.EvidenceFor) > 0 }
		r.HasFile = func(string) bool { return false }
		require.Equal(t, "validation.file.required", errorsFor(t, valid, r)["proof"])
		r.HasFile = func(name string) bool { return name == "proof" }
		require.Empty(t, errorsFor(t, valid, r))
	})
}

func TestSchemaCheck(t *testing.T) {
	t.Parallel()
	good := forms.Schema{Steps: []forms.Step{step}, Declaration: forms.Text{VI: "Tôi cam đoan", EN: "I declare"}}
	require.NoError(t, good.Check())
	require.Empty(t, good.Bindings())
	bad := good
	bad.Steps = []forms.Step{{ID: "x", Fields: []forms.Field{{Name: "a", Type: "colour", Label: forms.Text{VI: "a", EN: "a"}}}}}
	require.ErrorContains(t, bad.Check(), "unknown type")
}
