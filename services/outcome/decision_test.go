package outcome

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// fakeCatalogue knows a birth registration (a civil status procedure) and an unemployment
// claim, each with a small form.
type fakeCatalogue struct{}

func tx(vi string) forms.Text { return forms.Text{VI: vi, EN: vi} }

func (fakeCatalogue) Get(_ context.Context, code string) (catalogue.Procedure, error) {
	switch code {
	case "1.001193":
		return catalogue.Procedure{Code: code, NameVI: "Đăng ký khai sinh", Topic: "civil-status"}, nil
	case "1.014748":
		return catalogue.Procedure{Code: code, NameVI: "Giải quyết hưởng trợ cấp thất nghiệp", Topic: "employment"}, nil
	}
	return catalogue.Procedure{}, errors.New("unknown procedure")
}

func (fakeCatalogue) Agency(_ context.Context, code string) (catalogue.Agency, error) {
	return catalogue.Agency{Code: code, NameVI: "Ủy ban nhân dân phường Hoàn Kiếm"}, nil
}

func (fakeCatalogue) Version(_ context.Context, code string, version int) (catalogue.Version, error) {
	if code != "1.001193" {
		return catalogue.Version{ProcedureCode: code, Version: version, Schema: forms.Schema{Steps: []forms.Step{{ID: "job", Fields: []forms.Field{
			{Name: "termination_date", Type: forms.TypeDate, Label: tx("Ngày chấm dứt hợp đồng lao động")},
		}}}}}, nil
	}
	return catalogue.Version{ProcedureCode: code, Version: version, Schema: forms.Schema{
		Steps: []forms.Step{
			{ID: "child", Fields: []forms.Field{
				{Name: "child_full_name", Type: forms.TypeText, Label: tx("Họ, chữ đệm và tên của trẻ")},
				{Name: "child_birth_date", Type: forms.TypeDate, Label: tx("Ngày, tháng, năm sinh")},
			}},
			{ID: "parents", Fields: []forms.Field{
				{Name: "father_member", Type: forms.TypePerson, Party: "father", Label: tx("Cha của trẻ trong hộ gia đình bạn")},
				{Name: "father_full_name", Type: forms.TypeText, Party: "father", Label: tx("Họ, chữ đệm và tên của cha")},
				{Name: "father_personal_id", Type: forms.TypePersonalID, Party: "father", Label: tx("Số định danh cá nhân của cha")},
				{Name: "father_ethnicity", Type: forms.TypeText, Party: "father", Label: tx("Dân tộc của cha")},
				{Name: "mother_full_name", Type: forms.TypeText, Party: "mother", Label: tx("Họ, chữ đệm và tên của mẹ")},
				{Name: "mother_personal_id", Type: forms.TypePersonalID, Party: "mother", Label: tx("Số định danh cá nhân của mẹ")},
			}},
			{ID: "documents", Fields: []forms.Field{
				{Name: "birth_certificate", Type: forms.TypeFile, Label: tx("Giấy chứng sinh")},
			}},
		},
		Parties: []forms.Party{
			{ID: "child", Kind: forms.PartySubject, Label: tx("Trẻ được đăng ký khai sinh"), NameField: "child_full_name"},
			{ID: "father", Kind: forms.PartyParent, Label: tx("Cha của trẻ"), NameField: "father_full_name", IDField: "father_personal_id"},
			{ID: "mother", Kind: forms.PartyParent, Label: tx("Mẹ của trẻ"), NameField: "mother_full_name", IDField: "mother_personal_id"},
		},
	}}, nil
}

var _ Catalogue = fakeCatalogue{}

// birth is Mai's registration of her daughter's birth, the father read from the population
// database as her spouse.
func birth() cases.Case {
	return cases.Case{ID: 7, Code: "UBND-00070-261127-0001", ProcedureCode: "1.001193", ProcedureVersion: 1, AgencyCode: "UBND-00070",
		ApplicantPID: "001301006789", ApplicantName: "Đặng Thị Mai",
		Data: forms.Answers{"child_full_name": "Nguyễn Ngọc Ánh", "child_birth_date": "2026-11-20",
			"father_member": "001088012345", "father_full_name": "Nguyễn Văn Ân", "father_personal_id": "001088012345", "father_ethnicity": "Kinh",
			"mother_full_name": "Đặng Thị Mai", "mother_personal_id": "001301006789", "birth_certificate": "giay-chung-sinh.pdf"},
		Parties: []cases.Party{
			{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, Label: tx("Người nộp hồ sơ"), Role: tx("Mẹ của trẻ"),
				FullName: "Đặng Thị Mai", PersonalID: "001301006789", Source: cases.SourceIdentity},
			{ID: "child", Kind: forms.PartySubject, Label: tx("Trẻ được đăng ký khai sinh"), FullName: "Nguyễn Ngọc Ánh", Source: cases.SourceCitizen},
			{ID: "father", Kind: forms.PartyParent, Label: tx("Cha của trẻ"), FullName: "Nguyễn Văn Ân", PersonalID: "001088012345", Source: "population"},
			{ID: "mother", Kind: forms.PartyParent, Label: tx("Mẹ của trẻ"), FullName: "Đặng Thị Mai", PersonalID: "001301006789", Source: "population"},
		},
	}
}

func TestDecision(t *testing.T) {
	t.Parallel()
	s := &Service{catalogue: fakeCatalogue{}, verifyURL: "https://motlan.gov.vn/verify"}

	t.Run("BirthNamesEveryParty", func(t *testing.T) {
		t.Parallel()
		in := s.decision(context.Background(), birth())

		assert.Equal(t, "Người đi đăng ký", in.ApplicantLabel)
		assert.Equal(t, "Mẹ của trẻ", in.ApplicantRole)
		assert.Equal(t, "********6789", in.ApplicantIDMasked)
		assert.Equal(t, []results.Party{
			{Label: "Họ, chữ đệm, tên trẻ", Name: "Nguyễn Ngọc Ánh"},
			{Label: "Họ, chữ đệm, tên cha", Name: "Nguyễn Văn Ân", IDMasked: "********2345"},
			{Label: "Họ, chữ đệm, tên mẹ", Name: "Đặng Thị Mai", IDMasked: "********6789"},
		}, in.Parties)
		assert.Equal(t, "Chấp thuận hồ sơ UBND-00070-261127-0001 về thủ tục Đăng ký khai sinh cho Nguyễn Ngọc Ánh, do Đặng Thị Mai nộp.", in.Decision)
		// The answers repeat neither the parties' names nor any personal ID, picked or typed.
		assert.Equal(t, [][2]string{
			{"Ngày, tháng, năm sinh", "2026-11-20"},
			{"Dân tộc của cha", "Kinh"},
		}, in.Details)
	})

	t.Run("RepresentativeKeepsTheirCapacity", func(t *testing.T) {
		t.Parallel()
		k := birth()
		k.ApplicantPID, k.ApplicantName = "079175001234", "Trần Thị Bình"
		k.Parties[0] = cases.Party{ID: cases.PartyApplicant, Kind: cases.PartyRepresentative, Label: tx("Người được ủy quyền nộp hồ sơ"),
			Role: tx("Người được cha hoặc mẹ ủy quyền"), FullName: "Trần Thị Bình", PersonalID: "079175001234", Source: cases.SourceIdentity}
		in := s.decision(context.Background(), k)

		assert.Equal(t, "Người đi đăng ký", in.ApplicantLabel, "a civil status result")
		assert.Equal(t, "Người được cha hoặc mẹ ủy quyền", in.ApplicantRole)
		assert.Len(t, in.Parties, 3)
	})

	t.Run("OtherProcedureKeepsTheApplicantsLabel", func(t *testing.T) {
		t.Parallel()
		k := cases.Case{ID: 8, Code: "DVVL-48-261127-0001", ProcedureCode: "1.014748", ProcedureVersion: 1, AgencyCode: "DVVL-48",
			ApplicantPID: "048095004321", ApplicantName: "Lê Văn Cường", Data: forms.Answers{"termination_date": "2026-09-30"},
			Parties: []cases.Party{{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, Label: tx("Người nộp hồ sơ"),
				FullName: "Lê Văn Cường", PersonalID: "048095004321", Source: cases.SourceIdentity}}}
		in := s.decision(context.Background(), k)

		assert.Equal(t, "Người nộp hồ sơ", in.ApplicantLabel)
		assert.Empty(t, in.ApplicantRole)
		assert.Empty(t, in.Parties)
		assert.Equal(t, "Chấp thuận hồ sơ DVVL-48-261127-0001 về thủ tục Giải quyết hưởng trợ cấp thất nghiệp của Lê Văn Cường.", in.Decision)
		require.Len(t, in.Details, 1)
	})

	t.Run("CaseWithoutParties", func(t *testing.T) {
		t.Parallel()
		k := birth()
		k.Parties = nil // filed before cases named their parties
		in := s.decision(context.Background(), k)

		assert.Equal(t, "Người đi đăng ký", in.ApplicantLabel)
		assert.Empty(t, in.ApplicantRole, "no capacity was asked")
		assert.Equal(t, []results.Party{
			{Label: "Họ, chữ đệm, tên trẻ", Name: "Nguyễn Ngọc Ánh"},
			{Label: "Họ, chữ đệm, tên cha", Name: "Nguyễn Văn Ân", IDMasked: "********2345"},
			{Label: "Họ, chữ đệm, tên mẹ", Name: "Đặng Thị Mai", IDMasked: "********6789"},
		}, in.Parties, "the form's parties, named by the answers")
		assert.Contains(t, in.Decision, "cho Nguyễn Ngọc Ánh, do Đặng Thị Mai nộp.")
	})
}
