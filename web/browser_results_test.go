package web_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/web/browsertest"
)

// journey is how a demo citizen files one procedure in the browser, and who decides it.
type journey struct {
	code    string
	citizen string // personal ID
	role    string // the capacity radio's id on the consent page, "" when none is asked
	officer string // staff login of the agency the case goes to
	place   [2]string
	title   string            // the title of the procedure's own document
	values  []string          // what the document must say, in Vietnamese
	draft   bool              // the applicant confirms a draft certificate before approval
	choose  map[string]string // radio field → the label id to click when not the first option
	pages   int               // at most this many pages (a decision citing its legal bases may need two); 1 when 0
}

// fillStep answers the visible, unlocked fields of the current step from the schema, as a
// person would: the first choice of every question, a plausible text, a held document where one
// is offered and a file for every other upload, an address in the journey's commune.
func fillStep(t *testing.T, b *browsertest.Browser, st forms.Step, j journey) {
	t.Helper()
	pdf := filepath.Join(t.TempDir(), "giay-to.pdf")
	require.NoError(t, os.WriteFile(pdf, samplePDF, 0o600))
	for _, f := range st.Fields {
		sel := "#f-" + f.Name
		if b.Count(sel)+b.Count("[name='"+f.Name+"']")+b.Count(sel+"-commune") == 0 {
			continue // not asked (its condition does not hold)
		}
		if b.Count("[data-testid='source-"+f.Name+"'][data-prefill=verified]") > 0 {
			continue // verified and locked
		}
		switch f.Type {
		case forms.TypeText, forms.TypeTextarea:
			b.SetValue(sel, sampleText(f))
		case forms.TypeNumber:
			b.SetValue(sel, "3")
		case forms.TypeMoney:
			b.SetValue(sel, "50000000")
		case forms.TypePersonalID:
			b.SetValue(sel, "001190023456")
		case forms.TypeDate: // three boxes: the day box has the field's id
			d := filledPast
			if f.NotPast {
				d = filledFuture
			}
			b.SetValue(sel, strconv.Itoa(d.Day()))
			b.SetValue(sel+"-month", strconv.Itoa(int(d.Month())))
			b.SetValue(sel+"-year", strconv.Itoa(d.Year()))
		case forms.TypeSelect, forms.TypeProvince:
			v := browsertest.Evaluate[string](b, fmt.Sprintf(`[...document.querySelector('%s').options].map(o => o.value).find(v => v) || ''`, sel))
			if f.Type == forms.TypeProvince {
				v = j.place[0]
			}
			b.SetValue(sel, v)
		case forms.TypeRadio, forms.TypeYesNo, forms.TypePerson, forms.TypeParcel:
			if label, ok := j.choose[f.Name]; ok {
				b.Click("label[for='" + label + "']")
				continue
			}
			b.Click("label[for='f-" + f.Name + "']")
		case forms.TypeCheckbox:
			for i := range f.Options {
				id := "f-" + f.Name
				if i > 0 {
					id += fmt.Sprintf("-%d", i+1)
				}
				b.Click("label[for='" + id + "']")
			}
		case forms.TypeAddress:
			chooseAddress(t, b, f.Name, j.place[0], j.place[1])
			b.SetValue(sel+"-line", "Số 7 phố Hàng Bông")
		case forms.TypeFile:
			if b.Count("[data-testid='held-offer-"+f.Name+"']") > 0 {
				// A document the citizen holds is offered first (the birth certificate issued in
				// an earlier journey of this stack): take it, as a person would, instead of an upload.
				b.Click("label[for='" + sel[1:] + "']")
				continue
			}
			b.Upload(sel, pdf)
		}
	}
}

func sampleText(f forms.Field) string {
	switch {
	case strings.Contains(f.Name, "phone"):
		return "0912345678"
	case strings.Contains(f.Name, "account"):
		return "0041000123456"
	case strings.Contains(f.Name, "bank"):
		return "Ngân hàng TMCP Ngoại thương Việt Nam"
	case strings.Contains(f.Name, "business_name"):
		return "Hộ kinh doanh Bánh cuốn Hàng Bông"
	case strings.Contains(f.Name, "ethnicity"):
		return "Kinh"
	case strings.Contains(f.Name, "name"):
		return "Nguyễn Ngọc Ánh"
	}
	return "Nội dung khai trong hồ sơ"
}

// fileProcedure takes the citizen through a procedure's every step to the receipt and returns
// the case code.
// The dates fillStep types into a date field: a recent past one, and a future one where the
// field takes no past date. Fixed once for the run, so a document's date is checked against the
// date that was typed whatever day the tests run (pastDate in journeys' values).
var (
	filledPast   = time.Now().AddDate(0, 0, -13)
	filledFuture = time.Now().AddDate(0, 0, 18)
)

// pastDate stands in journeys' values for filledPast as a document writes it (dd/mm/yyyy).
const pastDate = "{filled past date}"

func fileProcedure(t *testing.T, b *browsertest.Browser, s *stack, j journey) string {
	t.Helper()
	id := browsertest.TestID
	ctx := context.Background()
	cat := catalogue.New(s.db)
	p, err := cat.Get(ctx, j.code)
	require.NoError(t, err)
	schema, err := cat.Schema(ctx, j.code, p.CurrentVersion)
	require.NoError(t, err)

	signInBrowser(t, b, s, j.citizen, "/procedures/"+j.code+"/start")
	b.WaitVisible(id("start-consent"))
	if j.role != "" {
		b.Click("label[for='" + j.role + "']")
	}
	b.ClickNavigate(id("give-consent"))
	for i, st := range schema.Steps {
		b.WaitVisible(id("step-form"))
		require.Contains(t, b.URL(), fmt.Sprintf("/steps/%d", i), "%s: %s", j.code, b.Text("body"))
		fillStep(t, b, st, j)
		b.ClickNavigate(id("continue"))
	}
	b.WaitVisible(id("submit-form"))
	return submitChecked(t, b)
}

// pdfPages renders a PDF to PNG pages (poppler's pdftoppm) under the test's screenshots and
// returns their paths.
func pdfPages(t *testing.T, b *browsertest.Browser, pdf []byte, name string) []string {
	t.Helper()
	dir := b.ScreenshotDir()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name+".pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command("pdftoppm", "-png", "-r", "60", path, filepath.Join(dir, name)).CombinedOutput()
	require.NoError(t, err, string(out))
	pages, err := filepath.Glob(filepath.Join(dir, name+"*.png"))
	require.NoError(t, err)
	return pages
}

// fetchPDF downloads a PDF the browser's session may read.
func fetchPDF(t *testing.T, b *browsertest.Browser, url string) []byte {
	t.Helper()
	b64 := browsertest.Evaluate[string](b, `fetch('`+url+`').then(r => r.arrayBuffer()).then(a => {
		let s = ''; new Uint8Array(a).forEach(c => s += String.fromCharCode(c)); return btoa(s) })`)
	pdf, err := base64.StdEncoding.DecodeString(b64)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(pdf), "%PDF-"), "not a PDF: %.80q", pdf)
	return pdf
}

// The procedures, each filed by the demo citizen whose story fits it (3.000722, whose parts
// three agencies complete, has its own journey: TestBrowserLinkedBirthResidenceInsurance).
var journeys = []journey{
	{code: "1.001193", citizen: anPersonalID, role: "role", officer: "canbo.ubnd.hoankiem", place: [2]string{"01", "00070"},
		title: "GIẤY KHAI SINH", values: []string{"Nguyễn Ngọc Ánh", "Nguyễn Văn An", "Đặng Thị Mai", pastDate, "Nam"}, draft: true},
	{code: "1.000894", citizen: cuongPersonalID, officer: "canbo.ubnd.hoankiem", place: [2]string{"01", "00070"},
		title: "GIẤY CHỨNG NHẬN KẾT HÔN", values: []string{"Lê Văn Cường", "Nguyễn Ngọc Ánh"}, draft: true,
		choose: map[string]string{"registration_place": "f-registration_place-2"}}, // where the partner lives: Hoàn Kiếm
	{code: "1.004222", citizen: anPersonalID, role: "role", officer: "canbo.congan.hoankiem", place: [2]string{"01", "00070"},
		title: "THÔNG BÁO", values: []string{"Nguyễn Văn An", "Phường Hoàn Kiếm"}},
	{code: "1.001612", citizen: anPersonalID, officer: "canbo.ubnd.hoankiem", place: [2]string{"01", "00070"},
		title: "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH", values: []string{"Nguyễn Văn An", "Phường Hoàn Kiếm", "Bánh cuốn Hàng Bông", "50.000.000 đồng"}},
	{code: "1.013831", citizen: "079175001234", officer: "canbo.vpdkdd.hcm", place: [2]string{"79", "26737"},
		title: "XÁC NHẬN ĐĂNG KÝ BIẾN ĐỘNG", values: []string{"Trần Thị Bình", "Nguyễn Ngọc Ánh"}},
	{code: "1.014173", citizen: cuongPersonalID, officer: "canbo.bhxh.danang", place: [2]string{"48", "20242"},
		title: "QUYẾT ĐỊNH", values: []string{"Lê Văn Cường", "bảo hiểm xã hội một lần", "Ngân hàng TMCP Ngoại thương Việt Nam"}, pages: 2},
	{code: "1.014748", citizen: cuongPersonalID, officer: "canbo.dvvl.danang", place: [2]string{"48", "20242"},
		title: "QUYẾT ĐỊNH", values: []string{"Lê Văn Cường", "trợ cấp thất nghiệp"}, pages: 2},
}

// TestBrowserEveryProcedureResult: every procedure is filed in the browser, decided by its
// agency, and ends with its own signed document: its title, its values in Vietnamese and no raw
// code, on one page (rendered to PNG under the test's screenshots).
func TestBrowserEveryProcedureResult(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	for _, j := range journeys {
		t.Run(j.code, func(t *testing.T) {
			id := browsertest.TestID
			b := browsertest.New(t, browsertest.Label(strings.ReplaceAll(j.code, ".", "-")))
			code := fileProcedure(t, b, s, j)
			b.Screenshot("receipt")

			officer := newBrowser(t)
			officer.signInStaff(s, j.officer)
			officer.act(s, code, "receive", nil)
			officer.act(s, code, "start_processing", nil)
			if j.draft {
				officer.act(s, code, "send_draft", nil)
				b.NavigateAndWait(s.portalURL+"/cases/"+code, id("citizen-confirm_draft"))
				b.ClickNavigate(id("citizen-confirm_draft") + " button[type=submit]")
				b.WaitVisible("[data-testid=citizen-draft][data-state=confirmed]")
			}
			decided := officer.act(s, code, "approve", nil)
			require.Equal(t, "9", caseStatus(t, decided), decided.body)

			b.NavigateAndWait(s.portalURL+"/cases/"+code, id("download-result"))
			b.Screenshot("result-ready")
			pdf := fetchPDF(t, b, "/cases/"+code+"/result.pdf")
			text := pdfText(t, pdf)
			require.Contains(t, text, j.title)
			flat := strings.ToUpper(strings.Join(strings.Fields(text), " ")) // names are in capitals where the form says so
			for _, v := range j.values {
				if v == pastDate {
					v = filledPast.Format("02/01/2006")
				}
				require.Contains(t, flat, strings.ToUpper(v), "%s: the document says %q", j.code, v)
			}
			requireNoRawTokens(t, j.code+" result", text)
			most := max(j.pages, 1)
			pages := pdfPages(t, b, pdf, "result")
			require.NotEmpty(t, pages)
			require.LessOrEqual(t, len(pages), most, "%s: the document takes at most %d page(s)", j.code, most)
			// The signature and the verification code share the last page, whole.
			texts := strings.Split(strings.TrimRight(text, "\f"), "\f")
			last := texts[len(texts)-1]
			require.Contains(t, last, "Mã xác thực")
			require.Contains(t, last, "được ký số bởi")
		})
	}
}
