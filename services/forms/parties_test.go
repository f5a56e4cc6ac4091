package forms_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
)

func tx(s string) forms.Text { return forms.Text{VI: s, EN: s} }

// partySchema is a birth registration in small: a child, a father and a mother, and the capacity
// of the applicant deciding whose record fills each parent.
func partySchema() forms.Schema {
	return forms.Schema{
		Steps: []forms.Step{{ID: "s", Fields: []forms.Field{
			{Name: "child", Type: forms.TypeText, Label: tx("Trẻ"), Party: "child"},
			{Name: "father_pick", Type: forms.TypePerson, Label: tx("Cha"), Party: "father",
				ShowIf: &forms.Condition{Field: "role", Equals: []string{"relative"}}},
			{Name: "father", Type: forms.TypeText, Label: tx("Cha"), Party: "father", Prefill: "population.full_name"},
			{Name: "mother", Type: forms.TypeText, Label: tx("Mẹ"), Party: "mother", Prefill: "population.full_name"},
			{Name: "phone", Type: forms.TypeText, Label: tx("Điện thoại")},
			{Name: "place", Type: forms.TypeAddress, Label: tx("Nơi cư trú"), Party: "mother", Prefill: "population.permanent_residence"},
		}}},
		Declaration: tx("Tôi cam đoan"),
		Parties: []forms.Party{
			{ID: "child", Kind: forms.PartySubject, Label: tx("Trẻ"), NameField: "child"},
			{ID: "father", Kind: forms.PartyParent, Sex: "male", Label: tx("Cha"), NameField: "father"},
			{ID: "mother", Kind: forms.PartyParent, Sex: "female", Label: tx("Mẹ"), NameField: "mother"},
		},
		Roles: &forms.Roles{Field: "role", Label: tx("Tư cách"), Options: []forms.Role{
			{Value: "father", Sex: "male", Label: tx("Cha"), Parties: map[string]string{"father": forms.SourceSelf, "mother": forms.SourceSpouse}},
			{Value: "relative", Label: tx("Người thân"), Parties: map[string]string{"father": forms.SourceHousehold, "mother": forms.SourceHousehold}},
		}},
		Routing: []forms.Route{{Field: "place", Reason: tx("nơi cư trú của mẹ")}},
	}
}

func TestPartiesCheck(t *testing.T) {
	require.NoError(t, partySchema().Check())
	for name, spoil := range map[string]func(s *forms.Schema){
		"unknown party of a field":   func(s *forms.Schema) { s.Steps[0].Fields[4].Party = "uncle" },
		"reserved party id":          func(s *forms.Schema) { s.Parties[0].ID = "applicant" },
		"party twice":                func(s *forms.Schema) { s.Parties[1].ID = "child" },
		"unknown kind":               func(s *forms.Schema) { s.Parties[0].Kind = "pet" },
		"name field not a field":     func(s *forms.Schema) { s.Parties[0].NameField = "nope" },
		"role names unknown party":   func(s *forms.Schema) { s.Roles.Options[0].Parties["uncle"] = forms.SourceSelf },
		"role with unknown source":   func(s *forms.Schema) { s.Roles.Options[0].Parties["father"] = "neighbour" },
		"roles field is a field":     func(s *forms.Schema) { s.Roles.Field = "phone" },
		"route on a text field":      func(s *forms.Schema) { s.Routing[0].Field = "phone" },
		"route without reason":       func(s *forms.Schema) { s.Routing[0].Reason = forms.Text{} },
		"route on an unknown answer": func(s *forms.Schema) { s.Routing[0].When = &forms.Condition{Field: "nope", Equals: []string{"x"}} },
		"person field of no party":   func(s *forms.Schema) { s.Steps[0].Fields[1].Party = "" },
	} {
		s := partySchema()
		spoil(&s)
		require.Error(t, s.Check(), name)
	}
}

func TestSourceAndBindings(t *testing.T) {
	s := partySchema()
	require.Equal(t, forms.SourceSelf, s.Source("father", "father"))
	require.Equal(t, forms.SourceSpouse, s.Source("father", "mother"))
	require.Equal(t, forms.SourceHousehold, s.Source("relative", "mother"))
	require.Equal(t, forms.SourceSelf, s.Source("relative", ""), "fields of no party are the applicant's")
	require.Empty(t, s.Source("relative", "child"), "a party a role leaves out is typed")

	require.Equal(t, []string{"population.full_name"}, s.BindingsFrom("father", forms.SourceSelf))
	require.Equal(t, []string{"population.full_name", "population.permanent_residence"}, s.BindingsFrom("father", forms.SourceSpouse))
	require.Empty(t, s.BindingsFrom("relative", forms.SourceSelf))

	s.Roles = nil
	require.Equal(t, forms.SourceSelf, s.Source("", "mother"), "without roles the applicant is the subject")
}

func TestValidatePersonAndProvince(t *testing.T) {
	step := forms.Step{ID: "s", Fields: []forms.Field{
		{Name: "who", Type: forms.TypePerson, Party: "father", Required: true, Label: tx("Cha")},
		{Name: "where", Type: forms.TypeProvince, Required: true, Label: tx("Tỉnh")},
	}}
	r := forms.Rules{
		PersonOptions:  func(forms.Field) []string { return []string{"046092004417"} },
		ProvinceExists: func(code string) bool { return code == "46" },
	}
	require.Empty(t, forms.Validate(step, forms.Answers{"who": "046092004417", "where": "46"}, nil, r))
	require.Empty(t, forms.Validate(step, forms.Answers{"who": forms.PersonNone, "where": "46"}, nil, r), "not in the household: typed")
	errs := forms.Validate(step, forms.Answers{"who": "046195006629", "where": "99"}, nil, r)
	require.Equal(t, []forms.FieldError{{Field: "who", Message: "validation.option"}, {Field: "where", Message: "validation.option"}}, errs)
	errs = forms.Validate(step, forms.Answers{}, nil, r)
	require.Equal(t, "validation.choose", errs[0].Message)
	require.Equal(t, "validation.choose", errs[1].Message)
}
