package outcome

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// procedureDir holds the catalogue's procedures: the documents are tested against the real forms.
const procedureDir = "../catalogue/data/procedures"

// realCatalogue is the catalogue's own procedure files and the agencies of the demo cases.
type realCatalogue struct {
	procs    map[string]catalogue.Procedure
	schemas  map[string]forms.Schema
	agencies map[string]catalogue.Agency
}

func loadCatalogue(t *testing.T) realCatalogue {
	t.Helper()
	c := realCatalogue{procs: map[string]catalogue.Procedure{}, schemas: map[string]forms.Schema{}, agencies: map[string]catalogue.Agency{}}
	files, err := filepath.Glob(filepath.Join(procedureDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		b, err := os.ReadFile(name) // #nosec G304 -- the repository's own files
		require.NoError(t, err)
		var f struct {
			Code       string     `json:"code"`
			Name       forms.Text `json:"name"`
			Topic      string     `json:"topic"`
			LegalBasis forms.Text `json:"legal_basis"`
			LegalBases []struct {
				Type   string     `json:"type"`
				Number string     `json:"number"`
				Title  forms.Text `json:"title"`
				Issuer forms.Text `json:"issuer"`
			} `json:"legal_bases"`
			Schema json.RawMessage `json:"schema"`
		}
		require.NoError(t, json.Unmarshal(b, &f), name)
		schema, err := forms.Parse(f.Schema)
		require.NoError(t, err, name)
		basis := f.LegalBasis.VI
		if basis == "" { // a file whose bases are listed one by one: cited as a decision cites them
			var cited []string
			for _, b := range f.LegalBases {
				switch b.Type {
				case "law":
					cited = append(cited, b.Title.VI+" số "+b.Number)
				default:
					kind := map[string]string{"decree": "Nghị định", "circular": "Thông tư", "resolution": "Nghị quyết", "decision": "Quyết định"}[b.Type]
					cited = append(cited, kind+" số "+b.Number+" của "+b.Issuer.VI+" "+b.Title.VI)
				}
			}
			basis = strings.Join(cited, "; ")
		}
		c.procs[f.Code] = catalogue.Procedure{Code: f.Code, NameVI: f.Name.VI, NameEN: f.Name.EN, Topic: f.Topic, LegalBasisVI: basis}
		c.schemas[f.Code] = schema
	}
	for _, a := range []catalogue.Agency{
		{Code: "UBND-00070", Kind: catalogue.KindCommuneCommittee, Level: catalogue.LevelCommune, NameVI: "Ủy ban nhân dân phường Hoàn Kiếm", ProvinceCode: "01", CommuneCode: "00070"},
		{Code: "CA-00070", Kind: catalogue.KindCommunePolice, Level: catalogue.LevelCommune, NameVI: "Công an phường Hoàn Kiếm", ProvinceCode: "01", CommuneCode: "00070"},
		{Code: "VPDKDD-01", Kind: catalogue.KindLandOffice, Level: catalogue.LevelProvince, NameVI: "Chi nhánh Văn phòng đăng ký đất đai thành phố Hà Nội", ProvinceCode: "01"},
		{Code: "BHXH-01", Kind: catalogue.KindSocialInsurance, Level: catalogue.LevelProvince, NameVI: "Bảo hiểm xã hội thành phố Hà Nội", ProvinceCode: "01"},
		{Code: "DVVL-48", Kind: catalogue.KindEmploymentCentre, Level: catalogue.LevelProvince, NameVI: "Trung tâm Dịch vụ việc làm thành phố Đà Nẵng", ProvinceCode: "48"},
		{Code: "SNV-48", Kind: catalogue.KindHomeAffairs, Level: catalogue.LevelProvince, NameVI: "Sở Nội vụ thành phố Đà Nẵng", ProvinceCode: "48"},
	} {
		c.agencies[a.Code] = a
	}
	return c
}

func (c realCatalogue) Get(_ context.Context, code string) (catalogue.Procedure, error) {
	p, ok := c.procs[code]
	if !ok {
		return p, errors.New("unknown procedure " + code)
	}
	return p, nil
}

func (c realCatalogue) Agency(_ context.Context, code string) (catalogue.Agency, error) {
	a, ok := c.agencies[code]
	if !ok {
		return a, errors.New("unknown agency " + code)
	}
	return a, nil
}

func (c realCatalogue) Version(_ context.Context, code string, version int) (catalogue.Version, error) {
	s, ok := c.schemas[code]
	if !ok {
		return catalogue.Version{}, errors.New("unknown procedure " + code)
	}
	return catalogue.Version{ProcedureCode: code, Version: version, Schema: s}, nil
}

func (c realCatalogue) Route(_ context.Context, p catalogue.Procedure, province, _ string) (catalogue.Agency, error) {
	for _, a := range c.agencies {
		if a.Kind == p.AgencyKind && a.ProvinceCode == province {
			return a, nil
		}
	}
	return catalogue.Agency{}, errors.New("no agency")
}

var _ Catalogue = realCatalogue{}

// issuedAt is when the test results are issued: 16:30 on 27/11/2026 in Vietnam.
var issuedAt = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

// newTestService is the outcome service over the real forms and map, with a results service
// that renders (and here only previews: nothing is stored).
func newTestService(t *testing.T) *Service {
	t.Helper()
	res, err := results.New(nil, results.NewDBKeys(nil), "", func() time.Time { return issuedAt })
	require.NoError(t, err, "Debian's fonts-dejavu-core must be installed")
	return &Service{results: res, catalogue: loadCatalogue(t), units: catalogue.NewUnits(), verifyURL: "https://motlan.gov.vn/verify"}
}

func tx(vi string) forms.Text { return forms.Text{VI: vi, EN: vi} }

func hoanKiem(line string) map[string]any {
	return map[string]any{"province": "01", "commune": "00070", "line": line}
}

// demoCases are a case of each procedure as the demo citizens would file it.
func demoCases() map[string]cases.Case {
	submitted := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	received := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	app := func(name, pid, role string) []cases.Party {
		return []cases.Party{{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, Label: tx("Người nộp hồ sơ"), Role: tx(role),
			FullName: name, PersonalID: pid, Source: cases.SourceIdentity}}
	}
	birth := forms.Answers{"applicant_role": "mother", "child_full_name": "Nguyễn Ngọc Ánh", "child_birth_date": "2026-11-20",
		"child_sex": "female", "child_birth_place_kind": "hospital", "birth_facility": "Bệnh viện Phụ sản Hà Nội", "child_ethnicity": "Kinh",
		"father_full_name": "Nguyễn Văn An", "father_birth_date": "1988-03-15", "father_personal_id": "001088012345", "father_ethnicity": "Kinh",
		"father_residence": hoanKiem("Số 12 phố Hàng Bài"), "mother_full_name": "Đặng Thị Mai", "mother_birth_date": "1990-07-02",
		"mother_personal_id": "001190023456", "mother_ethnicity": "Kinh", "mother_residence": hoanKiem("Số 12 phố Hàng Bài"),
		"registration_place": "mother", "household_id": "HK-0001", "household_head": "Nguyễn Văn An", "parent_health_card": "GD4010123456789",
		"card_options": []any{"same_hospital", "paper_card"}, "registered_hospital": "Bệnh viện Việt Đức"}
	birthParties := append(app("Đặng Thị Mai", "001190023456", "Mẹ của trẻ"),
		cases.Party{ID: "child", Kind: forms.PartySubject, Label: tx("Trẻ được đăng ký khai sinh"), FullName: "Nguyễn Ngọc Ánh"},
		cases.Party{ID: "father", Kind: forms.PartyParent, Label: tx("Cha của trẻ"), FullName: "Nguyễn Văn An", PersonalID: "001088012345"},
		cases.Party{ID: "mother", Kind: forms.PartyParent, Label: tx("Mẹ của trẻ"), FullName: "Đặng Thị Mai", PersonalID: "001190023456"})
	k := func(code, proc, agency, name, pid string, data forms.Answers, parties []cases.Party) cases.Case {
		return cases.Case{ID: 7, Code: code, ProcedureCode: proc, ProcedureVersion: 1, AgencyCode: agency, ApplicantPID: pid,
			ApplicantName: name, SubmittedAt: submitted, ReceivedAt: &received, Data: data, Parties: parties}
	}
	out := map[string]cases.Case{
		"1.001193": k("UBND-00070-261126-0001", "1.001193", "UBND-00070", "Đặng Thị Mai", "001190023456", birth, birthParties),
		"2.000986": k("UBND-00070-261126-0002", "2.000986", "UBND-00070", "Đặng Thị Mai", "001190023456", birth, birthParties),
		"3.000722": k("UBND-00070-261126-0003", "3.000722", "UBND-00070", "Đặng Thị Mai", "001190023456", birth, birthParties),
		"1.000894": k("UBND-00070-261126-0004", "1.000894", "UBND-00070", "Nguyễn Văn An", "001088012345", forms.Answers{
			"applicant_full_name": "Nguyễn Văn An", "applicant_birth_date": "1988-03-15", "applicant_sex": "male", "applicant_ethnicity": "Kinh",
			"applicant_nationality": "Việt Nam", "applicant_personal_id": "001088012345", "applicant_residence": hoanKiem("Số 12 phố Hàng Bài"),
			"applicant_marital_status": "single", "applicant_not_married": "yes", "partner_full_name": "Đặng Thị Mai", "partner_birth_date": "1990-07-02",
			"partner_ethnicity": "Kinh", "partner_personal_id": "001190023456", "partner_residence": hoanKiem("Số 5 phố Tràng Tiền"),
			"partner_not_married": "yes", "registration_place": "applicant", "preferred_date": "2026-12-01"},
			append(app("Nguyễn Văn An", "001088012345", ""), cases.Party{ID: "partner", Kind: forms.PartyPartner, Label: tx("Người kết hôn cùng"),
				FullName: "Đặng Thị Mai", PersonalID: "001190023456"})),
		"1.004222": k("CA-00070-261126-0001", "1.004222", "CA-00070", "Nguyễn Văn An", "001088012345", forms.Answers{
			"applicant_full_name": "Nguyễn Văn An", "applicant_birth_date": "1988-03-15", "applicant_sex": "male", "applicant_personal_id": "001088012345",
			"current_residence": map[string]any{"province": "01", "commune": "00004", "line": "Số 3 phố Đội Cấn"},
			"new_address":       hoanKiem("Số 12 phố Hàng Bài"), "residence_basis": "family", "owner_consents": "yes", "relationship_to_head": "Con",
			"move_reason": "Về ở với bố mẹ"}, app("Nguyễn Văn An", "001088012345", "")),
		"1.001612": k("UBND-00070-261126-0005", "1.001612", "UBND-00070", "Nguyễn Văn An", "001088012345", forms.Answers{
			"owner_full_name": "Nguyễn Văn An", "owner_birth_date": "1988-03-15", "owner_sex": "male", "owner_ethnicity": "Kinh",
			"owner_nationality": "Việt Nam", "owner_personal_id": "001088012345", "owner_residence": hoanKiem("Số 12 phố Hàng Bài"),
			"owner_phone": "0912345678", "business_name": "Cửa hàng tạp hóa An Mai", "business_address": hoanKiem("Số 14 phố Hàng Bài"),
			"business_lines": []any{"retail", "food_service"}, "capital": "150000000", "employees": "3",
			"cofounders": []any{map[string]any{"full_name": "Đặng Thị Mai", "personal_id": "001190023456", "share": "40"}}},
			app("Nguyễn Văn An", "001088012345", "")),
		"1.013831": k("VPDKDD-01-261126-0001", "1.013831", "VPDKDD-01", "Trần Thị Bình", "079175001234", forms.Answers{
			"parcel": "LAND-79-0001", "map_sheet": "12", "parcel_number": "345", "parcel_address": "Số 8 ngõ 12 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội",
			"area_m2": "85,5", "land_use": "Đất ở tại đô thị", "certificate_serial": "DĐ 123456", "certificate_issued_on": "2018-05-10",
			"transaction_kind": "transfer", "price": "3500000000", "counterparty_personal_id": "001088012345",
			"counterparty_full_name": "Nguyễn Văn An", "counterparty_address": hoanKiem("Số 12 phố Hàng Bài")},
			append(app("Trần Thị Bình", "079175001234", ""), cases.Party{ID: "counterparty", Kind: forms.PartyCounterparty,
				Label: tx("Bên nhận chuyển quyền"), FullName: "Nguyễn Văn An", PersonalID: "001088012345"})),
		"1.014173": k("BHXH-01-261126-0001", "1.014173", "BHXH-01", "Nguyễn Văn An", "001088012345", forms.Answers{
			"insurance_code": "0112345678", "participation_status": "stopped", "total_months": "84", "last_employer": "Công ty TNHH May Hà Nội",
			"last_month": "10/2025", "residence": hoanKiem("Số 12 phố Hàng Bài"), "withdrawal_reason": "emigrating",
			"bank_name": "Ngân hàng TMCP Ngoại thương Việt Nam", "bank_account": "0011001234567",
			"payout_acknowledgements": []any{"pension_forfeited", "health_insurance", "own_account"}}, app("Nguyễn Văn An", "001088012345", "")),
		"1.014748": k("DVVL-48-261126-0001", "1.014748", "DVVL-48", "Lê Văn Cường", "048095004321", forms.Answers{
			"insurance_code": "4812345678", "participation_status": "stopped", "total_months": "36", "last_employer": "Công ty Cổ phần Dệt Đà Nẵng",
			"last_month": "09/2026", "residence": map[string]any{"province": "48", "commune": "20242", "line": "Số 20 đường Bạch Đằng"},
			"claim_province": "48", "termination_date": "2026-09-30", "termination_reason": "contract_expired", "seeking_work": "yes",
			"desired_job": "Kỹ thuật viên dệt", "wants_training": "no", "bank_name": "Ngân hàng TMCP Công thương Việt Nam",
			"bank_account": "1020304050"}, app("Lê Văn Cường", "048095004321", "")),
	}
	return out
}

// pdfText is a PDF's text as poppler's pdftotext reads it, one string per page.
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	require.NoError(t, err, "pdftotext (poppler-utils) is needed: make test installs it")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o600))
	// -layout keeps a row's label and value on one line; -nodiag drops a preview's diagonal mark.
	out, err := exec.Command(bin, "-layout", "-nodiag", path, "-").Output() // #nosec G204 -- a fixed tool on a temporary file
	require.NoError(t, err)
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

// rawValue is what a Vietnamese document must never show: the form's option codes, English
// words of the data model, ISO dates, unmasked personal IDs of the demo people.
var rawValue = regexp.MustCompile(`\b(female|male|hospital|home|other|single|married|transfer|gift|inheritance|stopped|emigrating|` +
	`contract_expired|retail|food_service|yes|no|applicant|partner|mother|father|family|approved)\b|\b(19|20)\d\d-[01]\d-[0-3]\d\b|` +
	`\b(001088012345|001190023456|079175001234|048095004321)\b`)
