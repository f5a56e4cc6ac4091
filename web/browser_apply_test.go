package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/vneid"
	"github.com/motlan/portal/web/browsertest"
)

// signInBrowser signs pid in through the simulator's form, starting from the portal's home.
func signInBrowser(t *testing.T, b *browsertest.Browser, s *stack, pid, returnTo string) {
	t.Helper()
	b.NavigateAndWait(s.portalURL+"/auth/login?return_to="+returnTo, browsertest.TestID("login-form"))
	b.SetValue("#username", pid)
	b.SetValue("#password", vneid.DemoPassword)
	b.ClickNavigate(browsertest.TestID("login-form") + " button[type=submit]")
}

// TestBrowserBirthRegistration is journey 4: An registers his daughter's birth with his data
// prefilled, submits once, sees the receipt and downloads the PDF.
func TestBrowserBirthRegistration(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	signInBrowser(t, b, s, anPersonalID, "/procedures")

	b.WaitVisible(id("procedure-search"))
	b.SetValue("#q", "dang ky khai sinh")
	b.ClickNavigate(id("procedure-search") + " button[type=submit]")
	b.WaitVisible("[data-code='1.001193']")
	b.Screenshot("search")
	b.AssertAccessible(t)
	b.ClickNavigate("[data-code='1.001193'] a")
	b.WaitVisible(id("apply-online"))
	b.Screenshot("procedure")
	b.AssertAccessible(t)

	b.ClickNavigate(id("apply-online"))
	b.WaitVisible(id("start-consent"))
	require.GreaterOrEqual(t, b.Count("[data-binding^='population.']"), 4)
	b.Click("label[for='role']") // the father
	b.Screenshot("consent")
	b.AssertAccessible(t)
	b.ClickNavigate(id("give-consent"))

	// Step 1: only what the State does not know yet: the child.
	b.WaitVisible(id("step-form"))
	b.SetValue("#f-child_full_name", "Nguyễn Ngọc Ánh")
	b.SetValue("#f-child_birth_date", "20") // three boxes: day, month, year
	b.SetValue("#f-child_birth_date-month", "11")
	b.SetValue("#f-child_birth_date-year", "2026")
	b.Click("label[for='f-child_sex-2']")
	b.Click("label[for='f-child_birth_place_kind']")
	b.SetValue("#f-birth_facility", "Bệnh viện Phụ sản Hà Nội")
	b.SetValue("#f-child_ethnicity", "Kinh")
	b.Screenshot("step-child")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))

	// Step 2: the parents, prefilled from the population database and locked.
	b.WaitVisible(id("source-father_full_name"))
	require.Equal(t, "Nguyễn Văn An", b.Value("#f-father_full_name"))
	require.Equal(t, "Đặng Thị Mai", b.Value("#f-mother_full_name"))
	_, locked := b.Attribute("#f-father_full_name", "readonly")
	require.True(t, locked)
	b.Click("label[for='f-registration_place']")
	b.Screenshot("step-parents-prefilled")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))

	// Step 3: the hospital's birth certificate.
	b.WaitVisible("#f-birth_certificate")
	pdf := filepath.Join(t.TempDir(), "giay-chung-sinh.pdf")
	require.NoError(t, os.WriteFile(pdf, samplePDF, 0o600))
	b.Upload("#f-birth_certificate", pdf)
	b.Screenshot("step-documents")
	b.AssertAccessible(t)
	b.ClickNavigate(id("continue"))

	b.WaitVisible(id("submit-form"))
	require.Contains(t, b.Text(id("agency")), "Hoàn Kiếm")
	b.Screenshot("check-answers")
	b.AssertAccessible(t)
	b.Click("label[for='declaration']")
	b.ClickNavigate(id("submit"))

	b.WaitVisible(id("receipt"))
	code := strings.TrimSpace(b.Text(id("case-code")))
	require.True(t, strings.HasPrefix(code, "UBND-00070-"), code)
	b.Screenshot("receipt")
	b.AssertAccessible(t)

	// The PDF link serves the receipt, as a download.
	got := browsertest.Evaluate[string](b, `fetch(document.querySelector('[data-testid="receipt-pdf"]').href)
		.then(r => r.headers.get('content-type') + '|' + r.headers.get('content-disposition'))`)
	require.True(t, strings.HasPrefix(got, "application/pdf|attachment"), got)

	b.ClickNavigate(id("goto-case"))
	b.WaitVisible(id("timeline"))
	b.Screenshot("case")
	b.AssertAccessible(t)
	require.Empty(t, b.ConsoleErrors())
}

// TestBrowserLandChange: Bình starts a land change registration and picks one of her parcels.
func TestBrowserLandChange(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t)
	id := browsertest.TestID
	signInBrowser(t, b, s, "079175001234", "/procedures/1.013831")
	b.WaitVisible(id("apply-online"))
	b.ClickNavigate(id("apply-online"))
	b.WaitVisible(id("start-consent"))
	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("step-form"))
	require.Equal(t, 2, b.Count("input[name=parcel]"))
	b.Screenshot("choose-parcel")
	b.AssertAccessible(t)
	b.Click("label[for='f-parcel-2']")
	b.ClickNavigate(id("continue"))
	b.WaitVisible("#f-transaction_kind")
	b.Screenshot("transaction")
	b.Navigate(strings.Replace(b.URL(), "/steps/1", "/steps/0", 1))
	b.WaitVisible(id("source-map_sheet"))
	require.NotEmpty(t, b.Value("#f-map_sheet"))
	b.Screenshot("parcel-details-locked")
	require.Empty(t, b.ConsoleErrors())
}

// TestBrowserLoA1Upgrade: Dung's level-1 account is told how to upgrade and cannot start.
func TestBrowserLoA1Upgrade(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := browsertest.New(t, browsertest.Mobile())
	id := browsertest.TestID
	signInBrowser(t, b, s, "038301009876", "/procedures/1.000894")
	b.WaitVisible(id("needs-upgrade"))
	require.Equal(t, 0, b.Count(id("apply-online")))
	b.Screenshot("needs-upgrade-phone")
	b.AssertAccessible(t)
}
