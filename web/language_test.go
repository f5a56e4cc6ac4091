package web_test

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
)

// rawTokens are what must never reach a person reading a Vietnamese page or document: internal
// codes, English words of the data model, log purposes, message keys that found no text, and
// ISO dates.
var rawTokens = []*regexp.Regexp{
	regexp.MustCompile(`\bLoA[0-9]\b`),
	regexp.MustCompile(`\b(helpdesk-lookup|citizen-view|self_declared|case\.data|case\.files)\b`),
	regexp.MustCompile(`\b(phone|counter|email|supplement):`),
	regexp.MustCompile(`\b(officer|supervisor|helpdesk|admin|citizen|applicant|representative)\b`),
	regexp.MustCompile(`\b(female|male|hospital|married|single|divorced|widowed|transfer|gift|inheritance|approved|refused|population|insurance|land|commune_police|commune_committee|land_office|social_insurance|employment_centre|home_affairs)\b`),
	regexp.MustCompile(`\b(account|admin|agency|agencykind|app|apply|attr|awaited|bind|case|cases|dashboard|db|draft|error|form|helpdesk|home|ins|marital|mydata|nav|notify|outcome|parties|pop|proc|procedure|purpose|queue|receipt|report|result|role|routing|sex|signin|staff|status|submit|topic|track|upload|validation|verify)\.[a-z0-9_.-]*[a-z0-9_]\b`),
	regexp.MustCompile(`\b(19|20)\d\d-[01]\d-[0-3]\d\b`),
}

// visibleText is what a person reads on a page (screen-reader texts included), without the
// language switch's "English" and e-mail addresses.
func visibleText(t *testing.T, body string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	require.NoError(t, err)
	doc.Find("script, style, noscript, template, [lang=en]").Remove()
	text := doc.Find("body").Text()
	return regexp.MustCompile(`\S+@\S+`).ReplaceAllString(text, "")
}

// requireNoRawTokens fails with every raw token found in what a page or document says.
func requireNoRawTokens(t *testing.T, where, text string) {
	t.Helper()
	for _, re := range rawTokens {
		for _, m := range re.FindAllStringIndex(text, -1) {
			from, to := max(0, m[0]-40), min(len(text), m[1]+40)
			t.Errorf("%s shows %q: …%s…", where, text[m[0]:m[1]], strings.Join(strings.Fields(text[from:to]), " "))
		}
	}
}

// pdfText is the text of a PDF, read by poppler's pdftotext (installed by .ci/run).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	require.NoError(t, err, "pdftotext (poppler-utils) is needed: .ci/run installs it")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	require.NoError(t, err)
	return string(out)
}

// TestNoRawTokensInVietnamese walks the pages and documents of every audience, in Vietnamese,
// after a case has been filed, received, looked up by the helpdesk and decided, and fails on any
// internal code, English value or missing text.
func TestNoRawTokensInVietnamese(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)

	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)

	hd := newBrowser(t)
	form := hd.signInStaff(s, "hotro.tongdai")
	looked := hd.submitForm(form, testid("helpdesk-form"), url.Values{"code": {code}, "reason": {"phone"}, "note": {"Anh An gọi hỏi"}}, nil)
	require.Equal(t, http.StatusOK, looked.status)
	requireNoRawTokens(t, "helpdesk lookup", visibleText(t, looked.body))

	check := func(b *browser, path string) {
		t.Helper()
		p := b.get(s.portalURL + path)
		require.Equal(t, http.StatusOK, p.status, "%s: %s", path, p.body)
		if strings.HasPrefix(p.header.Get("Content-Type"), "application/pdf") {
			requireNoRawTokens(t, path, pdfText(t, []byte(p.body)))
			return
		}
		requireNoRawTokens(t, path, visibleText(t, p.body))
	}
	an.consentToMyData(s)
	for _, path := range []string{"/", "/procedures", "/account", "/my-data", "/my-data/log", "/cases", "/notifications",
		"/cases/" + code, "/cases/" + code + "/receipt", "/cases/" + code + "/receipt.pdf", "/tra-cuu", "/verify"} {
		check(an, path)
	}
	procs := an.get(s.portalURL + "/procedures").doc(t)
	procs.Find("[data-code]").Each(func(_ int, sel *goquery.Selection) {
		c, _ := sel.Attr("data-code")
		check(an, "/procedures/"+c)
		check(an, "/procedures/"+c+"/start")
	})
	for _, path := range []string{"/staff/queue", "/staff/cases/" + code} {
		check(officer, path)
	}
	supervisor := newBrowser(t)
	supervisor.signInStaff(s, "giamsat.ubnd.hoankiem")
	check(supervisor, "/staff/dashboard")
	admin := newBrowser(t)
	admin.signInStaff(s, "quantri.hethong")
	for _, path := range []string{"/staff/admin/staff", "/staff/admin/calendar"} {
		check(admin, path)
	}

	confirmDraft(t, s, officer, an, code) // a birth certificate is confirmed as a draft first (lifecycle_test.go)
	officer.act(s, code, "approve", nil)
	check(an, "/cases/"+code)
	check(an, "/cases/"+code+"/result.pdf")
	check(officer, "/staff/cases/"+code)
}

// The scan itself: each kind of raw token is caught, and ordinary Vietnamese passes.
func TestRawTokenScan(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"Mức LoA2", "Tra cứu helpdesk-lookup", "phone:UBND-00070", "Giới tính: female",
		"apply.check.title", "Vai trò: officer", "Ngày 2026-11-28"} {
		n := 0
		for _, re := range rawTokens {
			n += len(re.FindAllString(bad, -1))
		}
		require.Positive(t, n, bad)
	}
	for _, ok := range []string{"Ngày 28/11/2026, Ủy ban nhân dân phường Hoàn Kiếm", "Mức 2", "Số định danh 001088012345", "UBND-00070-261203-0001"} {
		for _, re := range rawTokens {
			require.Empty(t, re.FindAllString(ok, -1), ok)
		}
	}
}
