package outcome

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/results"
)

// TestResultIsTheProceduresOwnDocument: the signed result of each procedure is the paper a
// civil servant would sign for it — its title, its issuer's letterhead, the official labels in
// the official order — in Vietnamese, on one page.
func TestResultIsTheProceduresOwnDocument(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	for code, want := range map[string]struct {
		title, letterhead, place string
		says                     []string
	}{
		"1.001193": {"GIẤY KHAI SINH", "ỦY BAN NHÂN DÂN|PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm, ngày 27 tháng 11 năm 2026", []string{
			"Họ, chữ đệm, tên: NGUYỄN NGỌC ÁNH", "Ngày, tháng, năm sinh: 20/11/2026",
			"Ghi bằng chữ: Ngày hai mươi, tháng mười một, năm hai nghìn không trăm hai mươi sáu",
			"Giới tính: Nữ", "Dân tộc: Kinh", "Quốc tịch: Việt Nam", "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
			"Họ, chữ đệm, tên người mẹ: Đặng Thị Mai", "Năm sinh: 1990",
			"Nơi cư trú: Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội",
			"Họ, chữ đệm, tên người cha: Nguyễn Văn An", "Số định danh cá nhân: ********2345",
			"Người đi đăng ký khai sinh: Đặng Thị Mai", "Mẹ của trẻ",
			"Nơi đăng ký khai sinh: Ủy ban nhân dân phường Hoàn Kiếm", "Ngày, tháng, năm đăng ký: 27/11/2026",
			"NGƯỜI KÝ GIẤY KHAI SINH"}},
		"2.000986": {"GIẤY KHAI SINH", "ỦY BAN NHÂN DÂN|PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm,", []string{
			"Họ, chữ đệm, tên: NGUYỄN NGỌC ÁNH", "theo hồ sơ liên thông số UBND-00070-261126-0002"}},
		"3.000722": {"GIẤY KHAI SINH", "ỦY BAN NHÂN DÂN|PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm,", []string{
			"Họ, chữ đệm, tên: NGUYỄN NGỌC ÁNH", "Giới tính: Nữ", "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
			"theo hồ sơ liên thông số UBND-00070-261126-0003", "đăng ký thường trú và cấp thẻ bảo hiểm y tế"}},
		"1.000894": {"GIẤY CHỨNG NHẬN KẾT HÔN", "ỦY BAN NHÂN DÂN|PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm,", []string{
			"Thông tin người chồng Họ, chữ đệm, tên: NGUYỄN VĂN AN", "Thông tin người vợ Họ, chữ đệm, tên: ĐẶNG THỊ MAI",
			"Nơi cư trú: Số 5 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội",
			"Nơi đăng ký kết hôn: Ủy ban nhân dân phường Hoàn Kiếm", "NGƯỜI KÝ GIẤY CHỨNG NHẬN KẾT HÔN"}},
		"1.004222": {"THÔNG BÁO", "CÔNG AN THÀNH PHỐ HÀ NỘI|CÔNG AN PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm,", []string{
			"Về kết quả giải quyết đăng ký thường trú", "Kính gửi: Ông/Bà Nguyễn Văn An",
			"Nơi thường trú: Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội",
			"Nơi thường trú trước đây: Số 3 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội", "Giới tính: Nam",
			"Quan hệ với chủ hộ: Con", "TRƯỞNG CÔNG AN"}},
		"1.001612": {"GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH", "ỦY BAN NHÂN DÂN|PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm,", []string{
			"Đăng ký lần đầu: ngày 27/11/2026", "1. Tên hộ kinh doanh: CỬA HÀNG TẠP HÓA AN MAI",
			"3. Ngành, nghề kinh doanh: Bán lẻ hàng hóa; Dịch vụ ăn uống", "4. Vốn kinh doanh: 150.000.000 đồng",
			"5. Số lao động: 3 người", "6. Chủ hộ kinh doanh", "Thành viên 1: Đặng Thị Mai, số định danh cá nhân ********3456, góp 40% vốn kinh doanh",
			"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}},
		"1.013831": {"XÁC NHẬN ĐĂNG KÝ BIẾN ĐỘNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG|CHI NHÁNH VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI", "Hà Nội,", []string{
			"Thửa đất số: 345", "Diện tích: 85,5 m²", "Giấy chứng nhận đã cấp: số phát hành DĐ 123456, cấp ngày 10/05/2018",
			"Hình thức chuyển quyền: Chuyển nhượng", "3.500.000.000 đồng",
			"Bên chuyển quyền: Trần Thị Bình, số định danh cá nhân ********1234", "Bên nhận chuyển quyền: NGUYỄN VĂN AN", "GIÁM ĐỐC"}},
		"1.014173": {"QUYẾT ĐỊNH", "BẢO HIỂM XÃ HỘI VIỆT NAM|BẢO HIỂM XÃ HỘI", "Hà Nội,", []string{
			"Về việc hưởng bảo hiểm xã hội một lần", "GIÁM ĐỐC BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI", "Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15",
			"QUYẾT ĐỊNH:", "Điều 1.", "Ông/Bà: NGUYỄN VĂN AN", "84 tháng",
			"Trường hợp hưởng: Ra nước ngoài để định cư", "tài khoản số 0011001234567 tại Ngân hàng TMCP Ngoại thương Việt Nam",
			"Nơi nhận:", "GIÁM ĐỐC"}},
		"1.014748": {"QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN|SỞ NỘI VỤ THÀNH PHỐ ĐÀ NẴNG", "Đà Nẵng,", []string{
			"Về việc hưởng trợ cấp thất nghiệp", "GIÁM ĐỐC SỞ NỘI VỤ THÀNH PHỐ ĐÀ NẴNG",
			"Xét đề nghị của Giám đốc Trung tâm Dịch vụ việc làm thành phố Đà Nẵng tại hồ sơ số DVVL-48-261126-0001",
			"Ngày chấm dứt hợp đồng: 30/09/2026", "Lý do chấm dứt: Hết hạn hợp đồng lao động",
			"Nơi hưởng trợ cấp: Thành phố Đà Nẵng", "Nơi thường trú: Số 20 đường Bạch Đằng, Phường Hải Châu, Thành phố"}},
	} {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			k, ok := demoCases()[code]
			require.True(t, ok)
			in := s.decision(context.Background(), k)
			assert.Equal(t, want.title, in.Body.Title)
			pdf, err := s.results.Preview(in)
			require.NoError(t, err)
			if dir := os.Getenv("RESULT_SAMPLE_DIR"); dir != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, code+".pdf"), pdf, 0o600))
			}
			pages := pdfText(t, pdf)
			// The unemployment decision's legal bases and three articles run over: its last
			// article goes overleaf with the signature, never the signature alone.
			wantPages := map[string]int{"1.014748": 2}[code]
			require.Len(t, pages, max(wantPages, 1), "the document fits one page")
			text := strings.Join(pages, " ")
			last := pages[len(pages)-1]
			assert.Contains(t, last, "Mã xác thực:", "the verification is on the page of the signature")
			assert.Contains(t, last, "Chưa ký số")
			if wantPages > 1 {
				assert.Contains(t, last, "Quyết định này có hiệu lực kể từ ngày ký", "the signature is not alone on its page")
			}
			for _, w := range append(append([]string{want.title, want.place, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"Độc lập - Tự do - Hạnh phúc"}, strings.Split(want.letterhead, "|")...), want.says...) {
				assert.Contains(t, text, w)
			}
			assert.NotContains(t, text, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "not the generic paper")
			assert.Empty(t, rawValue.FindAllString(text, -1), "raw values in %s", text)
		})
	}
}

// TestResultValuesInVietnamese: every value a document shows is what a Vietnamese official
// writes: an option's label, never its code; dates dd/mm/yyyy; money in đồng; addresses by the
// names of their units; personal IDs masked.
func TestResultValuesInVietnamese(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	field := func(typ string, opts ...forms.Option) forms.Field {
		return forms.Field{Name: "x", Type: typ, Label: tx("x"), Options: opts}
	}
	sex := []forms.Option{{Value: "male", Label: tx("Nam")}, {Value: "female", Label: tx("Nữ")}}
	for _, c := range []struct {
		name   string
		f      forms.Field
		answer any
		format string
		want   string
	}{
		{"Option", field(forms.TypeRadio, sex...), "female", "", "Nữ"},
		{"UnknownOptionIsNotShownAsItsCode", field(forms.TypeSelect, sex...), "other", "", ""},
		{"Checkbox", field(forms.TypeCheckbox, sex...), []any{"male", "female"}, "", "Nam; Nữ"},
		{"Date", field(forms.TypeDate), "2026-11-28", "", "28/11/2026"},
		{"DateInWords", field(forms.TypeDate), "2026-03-05", "date_words", "Ngày mồng năm, tháng ba, năm hai nghìn không trăm hai mươi sáu"},
		{"Year", field(forms.TypeDate), "1990-07-02", "year", "1990"},
		{"MalformedDate", field(forms.TypeDate), "28.11.2026", "", ""},
		{"Money", field(forms.TypeMoney), "1500000", "", "1.500.000 đồng"},
		{"YesNo", field(forms.TypeYesNo), "yes", "", "Có"},
		{"Address", field(forms.TypeAddress), hoanKiem("Số 12 phố Hàng Bài"), "", "Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội"},
		{"AddressOffTheMap", field(forms.TypeAddress), map[string]any{"province": "99", "commune": "99999", "line": "Số 1"}, "", "Số 1"},
		{"Province", field(forms.TypeProvince), "48", "", "Thành phố Đà Nẵng"},
		{"PersonalIDMasked", field(forms.TypePersonalID), "001088012345", "", "********2345"},
		{"HouseholdMemberPickedIsNotShown", field(forms.TypePerson), "001088012345", "", ""},
		{"TextOnOneLine", field(forms.TypeTextarea), "Về ở\ncùng  bố mẹ", "", "Về ở cùng bố mẹ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, vietnamese(c.f, forms.Answers{"x": c.answer}, c.format, s.units))
		})
	}

	t.Run("HiddenAnswerIsNotShown", func(t *testing.T) {
		t.Parallel()
		k := demoCases()["1.001193"]
		k.Data = forms.Answers{"child_full_name": "Nguyễn Ngọc Ánh", "child_birth_place_kind": "home",
			"birth_facility": "Bệnh viện Phụ sản Hà Nội", "birth_place_details": "Tại nhà, số 12 phố Hàng Bài"}
		in := s.decision(context.Background(), k)
		assert.Contains(t, in.Body.Lines, results.Line{Label: "Nơi sinh", Text: "Tại nhà, số 12 phố Hàng Bài"},
			"a facility typed before the place changed to home is not the birth place")
	})
}

// TestDocumentsFollowTheForms: each document names only fields its procedures' forms ask, names
// every party the forms declare, and every procedure of the catalogue has its own document.
func TestDocumentsFollowTheForms(t *testing.T) {
	t.Parallel()
	cat := loadCatalogue(t)
	docs, err := results.Documents()
	require.NoError(t, err)
	asked := map[string]map[string]bool{} // by procedure, the fields its form asks
	for code, schema := range cat.schemas {
		asked[code] = map[string]bool{}
		for _, st := range schema.Steps {
			for _, f := range st.Fields {
				asked[code][f.Name] = true
				for _, sub := range f.Fields {
					asked[code][f.Name+"."+sub.Name] = true
				}
			}
		}
		if schema.Roles != nil {
			asked[code][schema.Roles.Field] = true
		}
	}
	for code, schema := range cat.schemas {
		d, ok := results.DocumentFor(code)
		require.True(t, ok, "procedure %s has no document of its own", code)
		for _, p := range schema.Parties {
			assert.True(t, slices.Contains(d.Fields(), p.NameField), "the document of %s does not name its party %s", code, p.ID)
		}
	}
	for _, d := range docs {
		for _, f := range d.Fields() {
			n := 0
			for _, code := range d.Procedures {
				if asked[code][f] {
					n++
				}
			}
			assert.Positive(t, n, "%s names %q, which none of its procedures' forms asks", d.Name, f)
		}
		for _, code := range d.Procedures {
			if _, ok := cat.schemas[code]; !ok {
				t.Errorf("%s's document is for %s, which the catalogue does not have", d.Name, code)
			}
		}
	}
}

// TestUnemploymentIsDecidedByHomeAffairs: the employment centre receives and proposes, the
// Director of the Department of Home Affairs decides (DOMAIN-CHECK, NPD 1.014748); the centre's
// key signs the electronic document it issues.
func TestUnemploymentIsDecidedByHomeAffairs(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	in := s.decision(context.Background(), demoCases()["1.014748"])
	assert.Equal(t, results.Letterhead{Superior: "Ủy ban nhân dân thành phố Đà Nẵng", Name: "Sở Nội vụ thành phố Đà Nẵng", Locality: "Đà Nẵng"}, in.Letterhead)
	assert.Equal(t, "DVVL-48", in.AgencyCode)
	assert.Equal(t, "Trung tâm Dịch vụ việc làm thành phố Đà Nẵng", in.AgencyName)
}

// TestPreviewIsMarkedUnsigned: the officer's preview is the document as it would be issued,
// marked as not signed, with no number and no verification code.
func TestPreviewIsMarkedUnsigned(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	pdf, err := s.PreviewCase(context.Background(), demoCases()["1.001193"])
	require.NoError(t, err)
	text := strings.Join(pdfText(t, pdf), " ")
	assert.Contains(t, text, "BẢN XEM TRƯỚC — CHƯA KÝ")
	assert.Contains(t, text, "Số: (cấp khi ký)")
	assert.Contains(t, text, "GIẤY KHAI SINH")
	assert.Equal(t, 2, strings.Count(text, "(cấp khi ký)"), "the places of the number and the code are kept, empty")
	assert.NotRegexp(t, `[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}`, text)
	assert.NotContains(t, text, "được ký số bởi")
}

// TestResultWithoutDocumentStaysInVietnamese: a procedure that defines no document of its own
// still gets a result whose values are the form's answers in Vietnamese.
func TestResultWithoutDocumentStaysInVietnamese(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	k := cases.Case{ID: 9, Code: "UBND-00070-261126-0009", ProcedureCode: "9.999999", AgencyCode: "UBND-00070",
		ApplicantName: "Nguyễn Văn An", ApplicantPID: "001088012345", SubmittedAt: issuedAt, Data: forms.Answers{"sex": "male", "on": "2026-11-02"}}
	doc := genericDocument(forms.Schema{Steps: []forms.Step{{ID: "a", Fields: []forms.Field{
		{Name: "sex", Type: forms.TypeRadio, Label: tx("Giới tính"), Options: []forms.Option{{Value: "male", Label: tx("Nam")}}},
		{Name: "on", Type: forms.TypeDate, Label: tx("Ngày")},
	}}}})
	v := newCaseValues(forms.Schema{Steps: []forms.Step{{ID: "a", Fields: []forms.Field{
		{Name: "sex", Type: forms.TypeRadio, Label: tx("Giới tính"), Options: []forms.Option{{Value: "male", Label: tx("Nam")}}},
		{Name: "on", Type: forms.TypeDate, Label: tx("Ngày")},
	}}}}, k.Data, s.units)
	v.vars = map[string]string{"applicant": k.ApplicantName, "issuer": "Ủy ban nhân dân phường Hoàn Kiếm", "case": k.Code, "submitted": "26/11/2026"}
	b := doc.Fill(k.ProcedureCode, v)
	assert.Equal(t, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", b.Title)
	assert.Contains(t, b.Lines, results.Line{Label: "Giới tính", Text: "Nam"})
	assert.Contains(t, b.Lines, results.Line{Label: "Ngày", Text: "02/11/2026"})
}

// TestApologyLetterNamesItsDates: the apology's letter says when the agency received the case,
// the date it had promised (the case as the officer saw it), why it is late and the new date.
func TestApologyLetterNamesItsDates(t *testing.T) {
	t.Parallel()
	s := newTestService(t)
	before := demoCases()["1.001193"]
	old := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	before.DueOn = &old
	after := before
	promised := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	after.DueOn = &promised
	in, err := s.apology(context.Background(), before, after, "Cần xác minh thêm thông tin nơi sinh với cơ sở y tế.")
	require.NoError(t, err)
	assert.Equal(t, results.Letterhead{Name: "Ủy ban nhân dân phường Hoàn Kiếm", Locality: "Hoàn Kiếm"}, in.Letterhead)
	assert.Equal(t, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", in.Body.Title)
	pdf, err := s.results.Preview(in)
	require.NoError(t, err)
	text := strings.Join(strings.Fields(strings.Join(pdfText(t, pdf), " ")), " ")
	for _, want := range []string{
		"Kính gửi: Ông/Bà Đặng Thị Mai",
		"Ngày 26/11/2026, Ủy ban nhân dân phường Hoàn Kiếm tiếp nhận giải quyết hồ sơ đề nghị đăng ký khai sinh",
		"Mã hồ sơ: UBND-00070-261126-0001",
		"ngày 27/11/2026",
		"Cần xác minh thêm thông tin nơi sinh với cơ sở y tế.",
		"xin hẹn lại thời gian trả kết quả vào ngày 04/12/2026",
	} {
		assert.Contains(t, text, want)
	}
}
