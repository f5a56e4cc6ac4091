package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/web/browsertest"
)

const (
	maiPersonalID = "001190023456"
	senPersonalID = "046162007531"
)

// startBirthAs opens the birth registration's consent page, chooses the capacity (the radio's
// id: role, role-2 …) and starts the draft.
func startBirthAs(t *testing.T, b *browsertest.Browser, s *stack, pid, roleRadio string) {
	t.Helper()
	id := browsertest.TestID
	signInBrowser(t, b, s, pid, "/procedures/1.001193/start")
	b.WaitVisible(id("start-consent"))
	b.Click("label[for='" + roleRadio + "']")
	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("step-form"))
}

// fillChildStep answers the child's step and goes on to the parents.
func fillChildStep(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	b.SetValue("#f-child_full_name", name)
	b.SetValue("#f-child_birth_date", "20") // three boxes: day, month, year
	b.SetValue("#f-child_birth_date-month", "11")
	b.SetValue("#f-child_birth_date-year", "2026")
	b.Click("label[for='f-child_sex-2']")
	b.Click("label[for='f-child_birth_place_kind']")
	b.SetValue("#f-birth_facility", "Bệnh viện Phụ sản Hà Nội")
	b.SetValue("#f-child_ethnicity", "Kinh")
	b.ClickNavigate(browsertest.TestID("continue"))
}

// uploadAndCheck uploads the given files on the documents step and goes to "check your answers".
func uploadAndCheck(t *testing.T, b *browsertest.Browser, fields ...string) {
	t.Helper()
	for _, f := range fields {
		b.WaitVisible("#f-" + f)
		pdf := filepath.Join(t.TempDir(), f+".pdf")
		require.NoError(t, os.WriteFile(pdf, samplePDF, 0o600))
		b.Upload("#f-"+f, pdf)
	}
	b.ClickNavigate(browsertest.TestID("continue"))
	b.WaitVisible(browsertest.TestID("submit-form"))
}

func submitChecked(t *testing.T, b *browsertest.Browser) string {
	t.Helper()
	b.Click("label[for='declaration']")
	b.ClickNavigate(browsertest.TestID("submit"))
	b.WaitVisible(browsertest.TestID("receipt"))
	return strings.TrimSpace(b.Text(browsertest.TestID("case-code")))
}

// chooseAddress picks a province in an address field, waits for the script to list its
// communes, and picks one.
func chooseAddress(t *testing.T, b *browsertest.Browser, field, province, commune string) {
	t.Helper()
	n := browsertest.Evaluate[int](b, `(async () => {
		const p = document.querySelector('#f-`+field+`')
		p.value = '`+province+`'
		p.dispatchEvent(new Event('change', { bubbles: true }))
		const c = document.querySelector('#f-`+field+`-commune')
		for (let i = 0; i < 100 && !c.querySelector('option[value="`+commune+`"]'); i++) await new Promise(r => setTimeout(r, 50))
		return c.options.length
	})()`)
	require.Greater(t, n, 1, "the communes of %s", province)
	b.SetValue("#f-"+field+"-commune", commune)
}

// partyOf returns a party of the case, which must be there.
func partyOf(t *testing.T, k cases.Case, id string) cases.Party {
	t.Helper()
	p, ok := k.Party(id)
	require.True(t, ok, "case %s names no %s: %+v", k.Code, id, k.Parties)
	return p
}

// Journey (a): Đặng Thị Mai registers her newborn as the mother. She is the mother, her husband
// An the father, both read from their own records; the case goes to the commune of the mother's
// residence, which she chose, and the result names both parents.
func TestBrowserMotherRegistersBirth(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	signInBrowser(t, b, s, maiPersonalID, "/procedures/1.001193/start")
	b.WaitVisible(id("start-consent"))
	b.Screenshot("capacity")
	b.AssertAccessible(t)
	b.Click("label[for='role-2']")
	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("step-form"))
	require.Contains(t, b.Text(id("role")), "Mẹ của trẻ")
	fillChildStep(t, b, "Nguyễn Ngọc Ánh")

	b.WaitVisible(id("source-mother_full_name"))
	require.Equal(t, "Đặng Thị Mai", b.Value("#f-mother_full_name"), "the mother who applies is the mother")
	require.Equal(t, "Nguyễn Văn An", b.Value("#f-father_full_name"), "her husband is the father")
	_, locked := b.Attribute("#f-father_full_name", "readonly")
	require.True(t, locked)
	b.Click("label[for='f-registration_place-2']") // where the mother lives
	b.Screenshot("parents-as-mother")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))
	uploadAndCheck(t, b, "birth_certificate")

	parties := b.Text(id("parties"))
	for _, want := range []string{"Đặng Thị Mai", "Mẹ của trẻ", "Nguyễn Văn An", "Cha của trẻ", "Nguyễn Ngọc Ánh"} {
		require.Contains(t, parties, want)
	}
	require.Contains(t, b.Text(id("agency")), "Hoàn Kiếm")
	require.Contains(t, b.Text(id("route-reason")), "nơi cư trú của mẹ")
	b.Screenshot("check-parties")
	b.AssertAccessible(t)
	code := submitChecked(t, b)
	require.Contains(t, b.Text(id("parties")), "Đặng Thị Mai")
	require.Contains(t, b.Text(id("route-reason")), "nơi cư trú của mẹ")
	b.Screenshot("receipt-parties")

	k := caseOf(t, s, code)
	require.Equal(t, "Nguyễn Văn An", partyOf(t, k, "father").FullName)
	require.Equal(t, "population", partyOf(t, k, "father").Source)
	require.Equal(t, "Đặng Thị Mai", partyOf(t, k, "mother").FullName)
	require.Equal(t, "Mẹ của trẻ", partyOf(t, k, cases.PartyApplicant).Role.VI)

	// Mai's list says for whom she filed it.
	b.NavigateAndWait(s.portalURL+"/cases", "[data-testid=case-row][data-code='"+code+"']")
	require.Contains(t, b.Text("[data-testid=case-row][data-code='"+code+"'] [data-testid=case-subject]"), "Nguyễn Ngọc Ánh")

	// An finds the case his wife filed about him.
	an := browsertest.New(t, browsertest.Label("father"))
	signInBrowser(t, an, s, anPersonalID, "/cases")
	an.WaitVisible("[data-testid=about-me-row][data-code='" + code + "']")
	require.Contains(t, an.Text(id("about-me")), "Đặng Thị Mai")
	an.Screenshot("about-me")
	an.AssertAccessible(t)

	// The officer approves; the result names both parents.
	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-receive"))
	require.Contains(t, officer.Text(id("parties")), "Nguyễn Văn An")
	officer.ClickNavigate(id("do-receive"))
	officer.WaitVisible(id("do-start_processing"))
	officer.ClickNavigate(id("do-start_processing"))
	officer.WaitVisible(id("do-send_draft")) // Mai confirms the draft certificate first
	officer.ClickNavigate(id("do-send_draft"))
	b.NavigateAndWait(s.portalURL+"/cases/"+code, id("do-confirm_draft"))
	b.ClickNavigate(id("do-confirm_draft"))
	b.WaitVisible("[data-testid=citizen-draft][data-state=confirmed]")
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("do-approve"))
	officer.ClickNavigate(id("do-approve"))
	officer.WaitVisible(id("confirm-submit")) // the confirm page
	officer.ClickNavigate(id("confirm-submit"))
	officer.WaitVisible("[data-testid=case-status] [data-status='9']")
	require.NotEmpty(t, resultOf(t, s, code).PDF)
	require.Empty(t, b.ConsoleErrors())
	require.Empty(t, officer.ConsoleErrors())
}

// A man cannot say he is the mother: the population database says he is male.
func TestBrowserCapacityContradictsRecord(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	signInBrowser(t, b, s, anPersonalID, "/procedures/1.001193/start")
	b.WaitVisible(id("start-consent"))
	b.Click("label[for='role-2']") // mother
	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("role-error"))
	require.Contains(t, b.Text(id("role-error")), "giới tính của bạn là nam")
	b.Screenshot("refused")
	b.AssertAccessible(t)
	n := 0
	require.NoError(t, s.db.QueryRow(t.Context(), `SELECT count(*) FROM drafts`).Scan(&n))
	require.Zero(t, n, "no draft was made")
}

// Journey (c): a grandmother registers her grandson's birth as a relative: she chooses his
// parents among her household, whose details fill from the household record.
func TestBrowserGrandparentRegistersBirth(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	startBirthAs(t, b, s, senPersonalID, "role-3")
	fillChildStep(t, b, "Trần Minh Khang")

	b.WaitVisible("#f-father_member")
	require.Equal(t, 2, b.Count("input[name=father_member]"), "the men of her household, and “not in the household”")
	require.Equal(t, 2, b.Count("input[name=mother_member]"), "the women of her household, herself aside, and “not in the household”")
	b.Click("label[for='f-father_member']")
	b.Click("label[for='f-mother_member']")
	b.SetValue("#f-father_ethnicity", "Kinh")
	b.SetValue("#f-mother_ethnicity", "Kinh")
	b.Click("label[for='f-registration_place']")
	b.Screenshot("choose-parents")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))

	// Back on the step, the chosen parents' details are filled and locked.
	b.Navigate(strings.Replace(b.URL(), "/steps/2", "/steps/1", 1))
	b.WaitVisible(id("source-father_full_name"))
	require.Equal(t, "Trần Minh Quân", b.Value("#f-father_full_name"))
	require.Equal(t, "Lê Thị Ngọc", b.Value("#f-mother_full_name"))
	b.Screenshot("parents-from-household")
	b.ClickNavigate(id("continue"))
	uploadAndCheck(t, b, "birth_certificate")
	require.Contains(t, b.Text(id("agency")), "Phú Xuân", "the father's commune in Huế")
	code := submitChecked(t, b)
	require.True(t, strings.HasPrefix(code, "UBND-19753-"), code)

	k := caseOf(t, s, code)
	require.Equal(t, "046092004417", partyOf(t, k, "father").PersonalID)
	require.Equal(t, "HK-46-19753-000212", partyOf(t, k, "father").RecordRef, "from the household record")
	require.Equal(t, "Ông, bà hoặc người thân khác cùng hộ gia đình", partyOf(t, k, cases.PartyApplicant).Role.VI)
	require.Empty(t, b.ConsoleErrors())
}

// Journey (d): An files for a friend's child under the mother's authorisation: he types the
// parents' details, uploads the authorisation, and the officer is told to check it.
func TestBrowserRepresentativeFiles(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	startBirthAs(t, b, s, anPersonalID, "role-4")
	fillChildStep(t, b, "Phạm Gia Huy")

	b.WaitVisible("#f-mother_full_name")
	_, locked := b.Attribute("#f-mother_full_name", "readonly")
	require.False(t, locked, "a representative types the parents' details")
	b.SetValue("#f-mother_full_name", "Phạm Thị Dung")
	b.SetValue("#f-mother_personal_id", "038301009876")
	b.SetValue("#f-mother_ethnicity", "Kinh")
	b.SetValue("#f-mother_residence-line", "Số 5 đường Lê Lợi")
	b.Click("label[for='f-registration_place-2']")
	b.Click("label[for='f-principal-2']") // the mother authorised him
	chooseAddress(t, b, "mother_residence", "01", "00070")
	b.Screenshot("representative-parents")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))
	uploadAndCheck(t, b, "birth_certificate", "authorisation")
	require.Contains(t, b.Text(id("parties")), "Người được ủy quyền nộp hồ sơ")
	code := submitChecked(t, b)

	k := caseOf(t, s, code)
	require.Equal(t, cases.PartyRepresentative, partyOf(t, k, cases.PartyApplicant).Kind)
	require.Equal(t, cases.SourceCitizen, partyOf(t, k, "mother").Source)

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.ubnd.hoankiem")
	officer.NavigateAndWait(s.portalURL+"/staff/cases/"+code, id("parties"))
	require.Contains(t, officer.Text("body"), "ủy quyền")
	officer.Screenshot("officer-representative")
	require.Empty(t, b.ConsoleErrors())
}

// Journey (b): An registers permanent residence at an address in another commune (Cửa Nam, his
// mother's family's home); the case goes to the police of that commune, not of where he lives.
func TestBrowserResidenceGoesWhereYouRegister(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	signInBrowser(t, b, s, anPersonalID, "/procedures/1.004222/start")
	b.WaitVisible(id("start-consent"))
	b.Click("label[for='role']") // his own residence
	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("step-form"))
	b.ClickNavigate(id("continue")) // his own details, prefilled

	b.WaitVisible("#f-new_address")
	chooseAddress(t, b, "new_address", "01", "00082")
	b.SetValue("#f-new_address-line", "Số 3 phố Lý Thường Kiệt")
	b.Click("label[for='f-residence_basis-2']") // with family
	b.Click("label[for='f-owner_consents']")
	b.SetValue("#f-relationship_to_head", "Cháu")
	b.Screenshot("new-residence")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))
	b.WaitVisible(id("step-form"))
	b.ClickNavigate(id("continue")) // the household, prefilled
	b.WaitVisible(id("step-form"))
	b.ClickNavigate(id("continue")) // no document needed with the owner's consent
	b.WaitVisible(id("submit-form"))
	require.Contains(t, b.Text(id("agency")), "Cửa Nam")
	require.Contains(t, b.Text(id("route-reason")), "nơi bạn đăng ký thường trú mới")
	b.Screenshot("check-agency")
	code := submitChecked(t, b)
	require.True(t, strings.HasPrefix(code, "CA-00082-"), code)
	require.Contains(t, b.Text(id("receipt-agency")), "Cửa Nam")

	officer := browsertest.New(t, browsertest.Label("officer"))
	signInStaffBrowser(t, officer, s, "canbo.congan.cuanam")
	officer.WaitVisible("[data-testid=queue-row][data-code='" + code + "']")
	officer.Screenshot("queue-cua-nam")
	require.Empty(t, b.ConsoleErrors())
}
