package cases_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
)

func TestPartiesOf(t *testing.T) {
	t.Parallel()
	tx := func(s string) forms.Text { return forms.Text{VI: s, EN: s} }
	schema := forms.Schema{
		Steps: []forms.Step{{ID: "s", Fields: []forms.Field{
			{Name: "child", Type: forms.TypeText, Party: "child", Label: tx("Trẻ")},
			{Name: "father", Type: forms.TypeText, Party: "father", Prefill: "population.full_name", Label: tx("Cha")},
			{Name: "father_pid", Type: forms.TypePersonalID, Party: "father", Prefill: "population.personal_id", Label: tx("Số")},
			{Name: "mother", Type: forms.TypeText, Party: "mother", Label: tx("Mẹ")},
			{Name: "mother_pid", Type: forms.TypePersonalID, Party: "mother", Label: tx("Số")},
			{Name: "phone", Type: forms.TypeText, Label: tx("Điện thoại")},
		}}},
		Parties: []forms.Party{
			{ID: "child", Kind: forms.PartySubject, Label: tx("Trẻ"), NameField: "child"},
			{ID: "father", Kind: forms.PartyParent, Label: tx("Cha của trẻ"), NameField: "father", IDField: "father_pid"},
			{ID: "mother", Kind: forms.PartyParent, Label: tx("Mẹ của trẻ"), NameField: "mother", IDField: "mother_pid"},
			{ID: "other", Kind: forms.PartyParent, Label: tx("Không ai"), NameField: "phone"},
		},
		Roles: &forms.Roles{Field: "role", Label: tx("Tư cách"), Options: []forms.Role{
			{Value: "representative", Label: tx("Người được ủy quyền"), Authorised: true},
			{Value: "father", Label: tx("Cha của trẻ"), Parties: map[string]string{"father": forms.SourceSelf}},
		}},
	}
	d := drafts.Draft{Schema: schema, Answers: forms.Answers{"role": "father", "child": "Nguyễn Ngọc Ánh",
		"father": "Nguyễn Văn An", "father_pid": "001088012345", "mother": "Đặng Thị Mai", "mother_pid": "001190023456", "phone": ""},
		Prefill: drafts.Prefill{Role: "father", Fields: map[string]drafts.Filled{
			"father": {Field: "father", Locked: true, Party: "father", Value: prefill.Value{Database: "population", RecordRef: "POP-1"}},
		}}}
	a := drafts.Applicant{PersonalID: "001088012345", Name: "Nguyễn Văn An"}
	ps := cases.PartiesOf(d, a)
	require.Len(t, ps, 4, "the applicant, the child, the father, the mother; a party without a name is left out")
	require.Equal(t, cases.PartyApplicant, ps[0].Kind)
	require.Equal(t, "Cha của trẻ", ps[0].Role.VI)
	require.Equal(t, cases.SourceIdentity, ps[0].Source)
	require.Equal(t, "population", ps[2].Source)
	require.Equal(t, "POP-1", ps[2].RecordRef)
	require.Equal(t, []string{"father", "father_pid"}, ps[2].Fields)
	require.Equal(t, cases.SourceCitizen, ps[3].Source, "typed")

	subjects := cases.Subjects(ps)
	require.Len(t, subjects, 2, "the parties with a personal ID, the applicant aside")

	d.Prefill.Role = "representative"
	ps = cases.PartiesOf(d, a)
	require.Equal(t, cases.PartyRepresentative, ps[0].Kind, "acting under an authorisation")
}
