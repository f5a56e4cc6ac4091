package staff_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/results"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/viewctx"
)

// fakeOutcome is services/outcome at the handler's boundary.
type fakeOutcome struct {
	ApproveFunc         func(ctx context.Context, a casework.Actor, caseID int64, version int) (casework.Case, results.Result, error)
	ApologiseFunc       func(ctx context.Context, a casework.Actor, caseID int64, version int, in casework.Input) (casework.Case, results.Result, error)
	PreviewFunc         func(ctx context.Context, a casework.Actor, caseID int64) ([]byte, error)
	SignedFunc          func(ctx context.Context, a casework.Actor, caseID int64, kind string) (results.Result, []byte, error)
	SignedDocumentsFunc func(ctx context.Context, caseID int64) ([]results.Result, error)
}

var _ staff.Outcome = (*fakeOutcome)(nil)

func (f *fakeOutcome) Approve(ctx context.Context, a casework.Actor, caseID int64, version int) (casework.Case, results.Result, error) {
	return f.ApproveFunc(ctx, a, caseID, version)
}

func (f *fakeOutcome) Apologise(ctx context.Context, a casework.Actor, caseID int64, version int, in casework.Input) (casework.Case, results.Result, error) {
	return f.ApologiseFunc(ctx, a, caseID, version, in)
}

func (f *fakeOutcome) Preview(ctx context.Context, a casework.Actor, caseID int64) ([]byte, error) {
	return f.PreviewFunc(ctx, a, caseID)
}

func (f *fakeOutcome) Signed(ctx context.Context, a casework.Actor, caseID int64, kind string) (results.Result, []byte, error) {
	return f.SignedFunc(ctx, a, caseID, kind)
}

func (f *fakeOutcome) SignedDocuments(ctx context.Context, caseID int64) ([]results.Result, error) {
	if f.SignedDocumentsFunc == nil {
		return nil, nil
	}
	return f.SignedDocumentsFunc(ctx, caseID)
}

type docFixture struct {
	h       *staff.Handler
	outcome *fakeOutcome
	code    string
	id      int64
}

// setupDocuments is a case of the agency in st, on the real case file, with outcome faked.
func setupDocuments(t *testing.T, st status.Status) docFixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	mai, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "mai", maiPID, maiName)
	require.NoError(t, err)
	id, err := casetest.Insert(ctx, pool, casetest.Spec{CitizenID: mai.ID, ApplicantPID: maiPID, ApplicantName: maiName,
		Procedure: birth, Agency: agency, Status: st, Data: []byte(`{"child_full_name": "Nguyễn Ngọc Ánh"}`)})
	require.NoError(t, err)
	var code string
	require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM cases WHERE id = $1`, id).Scan(&code))
	out := &fakeOutcome{}
	h := &staff.Handler{BaseURL: "https://motlan.gov.vn", Casework: staff.Casework{
		Files: casefile.New(pool, audit.New(pool, nil), nil, catalogue.New(pool), nil), Cases: cases.New(pool, nil, nil), Outcome: out}}
	return docFixture{h: h, outcome: out, code: code, id: id}
}

// serve runs handler as the officer of the agency on a request to path.
func (fx docFixture) serve(t *testing.T, method, path string, form url.Values, handler func(echo.Context) error) *httptest.ResponseRecorder {
	t.Helper()
	e := echo.New()
	e.Renderer = templRenderer{}
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: "vi"}))
	rec := httptest.NewRecorder()
	c := e.NewContext(req, rec)
	c.SetParamNames("code")
	c.SetParamValues(fx.code)
	staff.SetMember(c, staffdir.Member{Login: "canbo.ubnd.hoankiem", FullName: "Trần Văn Cán", AgencyCode: agency,
		Roles: []string{staffdir.RoleOfficer}})
	require.NoError(t, handler(c))
	return rec
}

// TestOfficerPreviewsTheResultBeforeApproving: while the case is processed, its page links the
// unsigned preview, which opens in the browser; once the result is issued the page shows its
// number, verification code and the public check instead.
func TestOfficerPreviewsTheResultBeforeApproving(t *testing.T) {
	t.Parallel()
	fx := setupDocuments(t, status.Processing)
	fx.outcome.PreviewFunc = func(_ context.Context, a casework.Actor, caseID int64) ([]byte, error) {
		assert.Equal(t, fx.id, caseID)
		assert.Equal(t, agency, a.AgencyCode)
		return []byte("%PDF-preview"), nil
	}

	page := fx.show(t)
	link := page.Find(`[data-testid="result-preview"]`)
	require.Equal(t, 1, link.Length(), "the preview is offered while the case is processed")
	href, _ := link.Attr("href")
	assert.Equal(t, "/staff/cases/"+fx.code+"/result-preview.pdf", href)
	assert.Contains(t, text(link), "Xem trước kết quả")
	assert.Zero(t, page.Find(`[data-testid="signed-result"]`).Length())

	rec := fx.serve(t, http.MethodGet, href, nil, fx.h.PreviewResult)
	assert.Equal(t, "application/pdf", rec.Header().Get(echo.HeaderContentType))
	assert.True(t, strings.HasPrefix(rec.Header().Get(echo.HeaderContentDisposition), "inline;"), "it opens in the browser")
	assert.Equal(t, "%PDF-preview", rec.Body.String())

	t.Run("AfterIssue", func(t *testing.T) {
		issued := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
		fx.outcome.SignedDocumentsFunc = func(context.Context, int64) ([]results.Result, error) {
			return []results.Result{{Code: fx.code + "-KQ1", Kind: results.KindResult, VerificationCode: "K7QX-3MPA-9TRD", IssuedAt: issued}}, nil
		}
		page := fx.show(t)
		assert.Zero(t, page.Find(`[data-testid="result-preview"]`).Length(), "an issued result is not previewed")
		assert.Equal(t, fx.code+"-KQ1", text(page.Find(`[data-testid="signed-result-number"]`)))
		assert.Equal(t, "K7QX-3MPA-9TRD", text(page.Find(`[data-testid="signed-result-code"]`)))
		verify, _ := page.Find(`[data-testid="signed-result-verify"]`).Attr("href")
		assert.Equal(t, "https://motlan.gov.vn/verify?code=K7QX-3MPA-9TRD", verify)
		pdf, _ := page.Find(`[data-testid="signed-result-pdf"]`).Attr("href")
		assert.Equal(t, "/staff/cases/"+fx.code+"/result.pdf", pdf)
		assert.Contains(t, text(page.Find(`[data-testid="case-documents"]`).Parent()), "Kết quả giải quyết: Giấy khai sinh")
	})
}

// TestApologyIsSentWithItsSignedLetter: the officer's apology goes through the step that signs
// its letter, and the letter is then on the page with its number and verification code.
func TestApologyIsSentWithItsSignedLetter(t *testing.T) {
	t.Parallel()
	fx := setupDocuments(t, status.Processing)
	var got casework.Input
	fx.outcome.ApologiseFunc = func(_ context.Context, _ casework.Actor, caseID int64, version int, in casework.Input) (casework.Case, results.Result, error) {
		assert.Equal(t, fx.id, caseID)
		got = in
		return casework.Case{}, results.Result{Code: fx.code + "-XL1", Kind: results.KindApology}, nil
	}
	rec := fx.serve(t, http.MethodPost, "/staff/cases/"+fx.code+"/actions", url.Values{"action": {"apology"}, "version": {"1"},
		"reason": {"Cần xác minh thêm với cơ sở y tế."}, "new_due_on": {"2026-12-04"}}, fx.h.DoAction)
	assert.Equal(t, http.StatusSeeOther, rec.Code)
	assert.Equal(t, "Cần xác minh thêm với cơ sở y tế.", got.Reason)
	assert.Equal(t, "2026-12-04", got.NewDueOn.Format(time.DateOnly))

	fx.outcome.SignedDocumentsFunc = func(context.Context, int64) ([]results.Result, error) {
		return []results.Result{{Code: fx.code + "-XL1", Kind: results.KindApology, VerificationCode: "HGL8-7Z9K-AXZB", IssuedAt: time.Now()}}, nil
	}
	page := fx.show(t)
	assert.Equal(t, fx.code+"-XL1", text(page.Find(`[data-testid="signed-apology-number"]`)))
	pdf, _ := page.Find(`[data-testid="signed-apology-pdf"]`).Attr("href")
	assert.Equal(t, "/staff/cases/"+fx.code+"/apology.pdf", pdf)

	fx.outcome.SignedFunc = func(_ context.Context, _ casework.Actor, _ int64, kind string) (results.Result, []byte, error) {
		assert.Equal(t, results.KindApology, kind)
		return results.Result{Code: fx.code + "-XL1"}, []byte("%PDF-apology"), nil
	}
	rec = fx.serve(t, http.MethodGet, pdf, nil, fx.h.ApologyPDF)
	assert.Equal(t, "%PDF-apology", rec.Body.String())
	assert.Contains(t, rec.Header().Get(echo.HeaderContentDisposition), fx.code+"-XL1.pdf")
}

func (fx docFixture) show(t *testing.T) *goquery.Document {
	t.Helper()
	rec := fx.serve(t, http.MethodGet, "/staff/cases/"+fx.code, nil, fx.h.ShowCase)
	require.Equal(t, http.StatusOK, rec.Code)
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	require.NoError(t, err)
	return doc
}
