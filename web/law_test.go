package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestProcedureLawPages: the catalogue and the procedure pages show each procedure's charges
// from the fee schedule ("Miễn phí" only for an exemption by law, with its basis; taxes apart),
// its legal bases with their dates, and what must be done in person.
func TestProcedureLawPages(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)

	list := b.get(s.portalURL + "/procedures")
	require.Equal(t, http.StatusOK, list.status)
	summary := func(code string) string {
		return strings.TrimSpace(list.doc(t).Find("[data-code='" + code + "'] [data-testid=fee-summary]").Text())
	}
	require.Equal(t, "Miễn phí", summary("1.001193"))
	require.Equal(t, "10.000 đồng khi nộp trực tuyến; 20.000 đồng khi nộp trực tiếp", summary("1.004222"))
	require.Equal(t, "Phí, lệ phí theo quy định của Hội đồng nhân dân tỉnh; thuế và lệ phí trước bạ tính riêng", summary("1.013831"))
	require.Equal(t, "Không thu phí, lệ phí", summary("1.014173"))
	require.Equal(t, "Phí, lệ phí theo quy định của Hội đồng nhân dân tỉnh", summary("1.001612"))
	require.Contains(t, list.doc(t).Find("[data-code='1.014173']").Text(), "7 ngày làm việc")
	require.Contains(t, list.doc(t).Find("[data-code='1.014173'] h2").Text(), "Hưởng bảo hiểm xã hội một lần")

	land := b.get(s.portalURL + "/procedures/1.013831").doc(t)
	require.Equal(t, 2, land.Find("[data-testid=fees-taxes] [data-testid=fee-row]").Length(), "income tax and registration fee, apart")
	require.Equal(t, 2, land.Find("[data-testid=fees-charges] [data-testid=fee-row]").Length())
	require.NotContains(t, land.Find("[data-testid=procedure-fees]").Text(), "Miễn phí")
	require.Contains(t, land.Find("[data-testid=official-name]").Text(), "góp vốn bằng quyền sử dụng đất")
	require.Contains(t, land.Find("[data-testid=in-person]").Text(), "Bản gốc Giấy chứng nhận")
	require.Contains(t, land.Find("[data-testid=procedure-inputs]").Text(), "Mẫu số 18")
	for _, n := range []string{"31/2024/QH15", "101/2024/NĐ-CP", "151/2025/NĐ-CP", "226/2025/NĐ-CP", "118/2025/NĐ-CP"} {
		require.Equal(t, 1, land.Find("[data-testid=legal-basis][data-number='"+n+"']").Length(), n)
	}
	require.Contains(t, land.Find("[data-testid=legal-basis][data-number='31/2024/QH15']").Text(), "có hiệu lực từ ngày 01/08/2024")

	birth := b.get(s.portalURL + "/procedures/1.001193").doc(t)
	require.Contains(t, birth.Find("[data-testid=fee-exemption]").Text(), "Luật Hộ tịch số 60/2014/QH13, Điều 11")
	require.Equal(t, 1, birth.Find("[data-testid=legal-basis][data-number='66.7/2025/NQ-CP']").Length())

	marriage := b.get(s.portalURL + "/procedures/1.000894").doc(t)
	require.Contains(t, marriage.Find("[data-testid=in-person]").Text(), "cả hai bên nam, nữ phải cùng có mặt")

	residence := b.get(s.portalURL + "/procedures/1.004222").doc(t)
	require.Equal(t, "10.000 đồng", strings.TrimSpace(residence.Find("[data-testid=fees-charges] [data-testid=fee-online]").Text()))
	require.Equal(t, "20.000 đồng", strings.TrimSpace(residence.Find("[data-testid=fees-charges] [data-testid=fee-inperson]").Text()))

	en := newBrowser(t)
	home := en.get(s.portalURL + "/")
	require.Equal(t, http.StatusSeeOther, en.post(s.portalURL+"/lang", url.Values{"lang": {"en"}, "next": {"/"}, "_csrf": {csrfToken(t, home)}}).status)
	enBirth := en.get(s.portalURL + "/procedures/1.001193").doc(t)
	require.Contains(t, enBirth.Find("[data-testid=procedure-fees]").Text(), "Free (exempt by law)")
}

// TestAdministratorKeepsProcedureLaw: the administrator gives Đà Nẵng its own fee for a charge,
// changes a deadline and adds a legal basis; the public pages and the receipt follow, and the
// receipt of a case filed online shows the fee of its receiving agency's province.
func TestAdministratorKeepsProcedureLaw(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	admin := newBrowser(t)
	admin.signInStaff(s, "quantri.hethong")
	idx := admin.get(s.portalURL + "/staff/admin/procedures")
	require.Equal(t, http.StatusOK, idx.status, idx.body)
	require.Equal(t, 1, idx.doc(t).Find("[data-testid='law-1.014748']").Length())
	lawPage := admin.get(s.portalURL + "/staff/admin/procedures/1.014748/law")
	require.Equal(t, http.StatusOK, lawPage.status, lawPage.body)
	require.Equal(t, 2, lawPage.doc(t).Find(testid("admin-basis")).Length())

	// A (test) charge of Đà Nẵng for unemployment claims filed online.
	saved := admin.followFrom(admin.submitForm(lawPage, testid("fee-form"), url.Values{"item": {"fee"}, "province": {"48"},
		"channel": {"online"}, "kind": {"le_phi"}, "name_vi": {"Phí, lệ phí"}, "name_en": {"Fees and charges"}, "amount": {"5.000"},
		"council_set": {"yes"}, "recipient_vi": {"Trung tâm Dịch vụ việc làm"}, "recipient_en": {"Employment service centre"},
		"basis_vi": {"Nghị quyết thử nghiệm của Hội đồng nhân dân thành phố Đà Nẵng"}, "basis_en": {"A test resolution"}}, nil))
	require.Equal(t, http.StatusOK, saved.status, saved.body)
	require.Equal(t, 1, saved.doc(t).Find(testid("saved")).Length(), saved.body)
	require.Contains(t, saved.doc(t).Find(testid("admin-fees")).Text(), "5.000 đồng")

	danang := admin.get(s.portalURL + "/procedures/1.014748?tinh=48").doc(t)
	require.Contains(t, danang.Find("[data-testid=fees-charges] [data-testid=fee-online]").Text(), "5.000 đồng (theo quy định của Hội đồng nhân dân tỉnh)")
	hanoi := admin.get(s.portalURL + "/procedures/1.014748?tinh=01").doc(t)
	require.Equal(t, "Không thu", strings.TrimSpace(hanoi.Find("[data-testid=fees-charges] [data-testid=fee-online]").Text()))

	// An exemption without its basis is refused, with what was typed kept.
	bad := admin.submitForm(lawPage, testid("fee-form"), url.Values{"item": {"fee"}, "province": {"01"}, "channel": {"online"},
		"kind": {"le_phi"}, "name_vi": {"Phí"}, "name_en": {"Fee"}, "exempt": {"yes"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, bad.status)
	require.Contains(t, textOf(t, bad, testid("error-summary")), "căn cứ miễn")
	require.Equal(t, "Phí", bad.doc(t).Find("#law-fee-name-vi").AttrOr("value", ""))

	// A new deadline, and a new document.
	days := admin.followFrom(admin.submitForm(lawPage, testid("days-form"), url.Values{"days": {"12"},
		"basis": {"Nghị định thử nghiệm số 1/2026/NĐ-CP"}}, nil))
	require.Equal(t, http.StatusOK, days.status, days.body)
	require.Contains(t, textOf(t, days, testid("deadline-override")), "15")
	basis := admin.followFrom(admin.submitForm(lawPage, testid("basis-form"), url.Values{"type": {"circular"},
		"number": {"01/2026/TT-BNV"}, "title_vi": {"hướng dẫn bảo hiểm thất nghiệp"}, "title_en": {"guidance on unemployment insurance"},
		"issuer_vi": {"Bộ Nội vụ"}, "issuer_en": {"Ministry of Home Affairs"}, "effective_from": {"2026-03-01"}, "position": {"2"}}, nil))
	require.Equal(t, http.StatusOK, basis.status, basis.body)
	page := admin.get(s.portalURL + "/procedures/1.014748").doc(t)
	require.Contains(t, page.Find("[data-testid=legal-basis][data-number='01/2026/TT-BNV']").Text(),
		"Thông tư số 01/2026/TT-BNV của Bộ Nội vụ hướng dẫn bảo hiểm thất nghiệp")
	require.Contains(t, page.Text(), "12 ngày làm việc")

	// Cường's claim goes to Đà Nẵng's employment centre: its receipt shows Đà Nẵng's fee online.
	cuong := newBrowser(t)
	cuong.signIn(s, cuongPersonalID)
	code := submitUnemployment(t, s, cuong)
	pdf := cuong.get(s.portalURL + "/cases/" + code + "/receipt.pdf")
	require.Equal(t, http.StatusOK, pdf.status)
	text := receiptPDFText(t, []byte(pdf.body))
	require.Contains(t, text, "Phí, lệ phí: 5.000 đồng (theo quy định của Hội đồng nhân dân tỉnh)")
	require.Contains(t, text, "12 ngày làm việc")

	require.Equal(t, http.StatusForbidden, newStaff(t, s, "canbo.dvvl.danang").get(s.portalURL+"/staff/admin/procedures/1.014748/law").status,
		"administrators only")
}

// TestReceiptNamesExemptFee: the receipt of a birth registration says its fee is exempt, by name.
func TestReceiptNamesExemptFee(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	pdf := an.get(s.portalURL + "/cases/" + code + "/receipt.pdf")
	require.Equal(t, http.StatusOK, pdf.status)
	require.Contains(t, receiptPDFText(t, []byte(pdf.body)), "Phí, lệ phí: Miễn phí")
}

func newStaff(t *testing.T, s *stack, login string) *browser {
	t.Helper()
	b := newBrowser(t)
	b.signInStaff(s, login)
	return b
}

// TestBrowserProcedureLaw: the land transfer's page (fees, taxes apart, documents, the original
// certificate) and the administrator's page, in a browser: accessible, with screenshots.
func TestBrowserProcedureLaw(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	id := browsertest.TestID
	b := browsertest.New(t)
	b.NavigateAndWait(s.portalURL+"/procedures/1.013831", id("procedure-fees"))
	b.Screenshot("land-procedure")
	b.AssertAccessible(t)
	b.SetValue("#fees-province-select", "79")
	b.ClickNavigate(id("fees-province") + " button")
	b.WaitVisible(id("fees-taxes"))
	require.Equal(t, "79", b.Value("#fees-province-select"))
	b.NavigateAndWait(s.portalURL+"/procedures", id("procedure-list"))
	b.Screenshot("catalogue-fee-summaries")

	admin := browsertest.New(t, browsertest.Label("admin"))
	signInStaffBrowser(t, admin, s, "quantri.hethong")
	admin.NavigateAndWait(s.portalURL+"/staff/admin/procedures", id("admin-procedures"))
	admin.Screenshot("procedures")
	admin.AssertAccessible(t)
	admin.ClickNavigate("[data-testid='law-1.013831']")
	admin.WaitVisible(id("admin-fees"))
	admin.Screenshot("land-law")
	admin.AssertAccessible(t)
	admin.SetValue("#law-fee-item", "land_certificate")
	admin.SetValue("#law-fee-province", "79")
	admin.SetValue("#law-fee-channel", "online")
	admin.SetValue("#law-fee-name-vi", "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất")
	admin.SetValue("#law-fee-name-en", "Fee for the certificate of land use rights and property on the land")
	admin.SetValue("#law-fee-amount", "50000")
	admin.Click("label[for=law-fee-council]")
	admin.SetValue("#law-fee-basis-vi", "Nghị quyết thử nghiệm của Hội đồng nhân dân Thành phố Hồ Chí Minh")
	admin.SetValue("#law-fee-basis-en", "A test resolution of the Hồ Chí Minh City People's Council")
	admin.ClickNavigate(id("fee-save"))
	admin.WaitVisible(id("saved"))
	admin.Screenshot("land-law-saved")
	require.Empty(t, admin.ConsoleErrors())

	b.NavigateAndWait(s.portalURL+"/procedures/1.013831?tinh=79", id("fees-charges"))
	require.Contains(t, b.Text(id("fees-charges")), "50.000 đồng")
	require.Equal(t, 2, b.Count(id("fees-charges")+" "+id("fee-row")), "the province's online amount joins the charge's row")
	b.Screenshot("land-procedure-hcmc")
	require.Empty(t, b.ConsoleErrors())
}
