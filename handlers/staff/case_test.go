package staff_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/cases/casetest"
	"github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/forms"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/viewctx"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const (
	agency   = "UBND-00070"
	birth    = "1.001193"
	maiPID   = "001301006789"
	anPID    = "001088012345"
	maiName  = "Đặng Thị Mai"
	reasonVI = "nơi cư trú của mẹ, theo lựa chọn của người đi đăng ký"
)

type templRenderer struct{}

func (templRenderer) Render(w io.Writer, _ string, data any, c echo.Context) error {
	return data.(templ.Component).Render(c.Request().Context(), w)
}

func tx(vi, en string) forms.Text { return forms.Text{VI: vi, EN: en} }

// birthParties are the people of Mai's birth registration of her daughter: Mai in her
// capacity, the child, the father read from the population database as her spouse, and Mai as
// the mother.
func birthParties() []cases.Party {
	return []cases.Party{
		{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, Label: tx("Người nộp hồ sơ", "Applicant"), Role: tx("Mẹ của trẻ", "The child's mother"),
			FullName: maiName, PersonalID: maiPID, Source: cases.SourceIdentity},
		{ID: "child", Kind: forms.PartySubject, Label: tx("Trẻ được đăng ký khai sinh", "The child registered"), FullName: "Nguyễn Ngọc Ánh",
			Source: cases.SourceCitizen, Fields: []string{"child_full_name"}},
		{ID: "father", Kind: forms.PartyParent, Label: tx("Cha của trẻ", "The child's father"), FullName: "Nguyễn Văn An", PersonalID: anPID,
			Source: "population", RecordRef: "DC-001088012345", Fields: []string{"father_full_name", "father_personal_id"}},
		{ID: "mother", Kind: forms.PartyParent, Label: tx("Mẹ của trẻ", "The child's mother"), FullName: maiName, PersonalID: maiPID,
			Source: "population", Fields: []string{"mother_full_name", "mother_personal_id"}},
	}
}

type fixture struct {
	h      *staff.Handler
	insert func(t *testing.T, ps []cases.Party, reason forms.Text) string // returns the case's code
	access func(t *testing.T, code string) int                            // the applicant's data-access rows of the case
}

// setup seeds the catalogue and a citizen into a fresh database, and builds the case page's
// handler on the real case-file service.
func setup(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	require.NoError(t, catalogue.Seed(ctx, pool, time.Now()))
	mai, err := citizens.New(pool, nil).SignedIn(ctx, "http://idp", "mai", maiPID, maiName)
	require.NoError(t, err)
	log := audit.New(pool, nil)
	files := casefile.New(pool, log, nil, catalogue.New(pool), nil)
	return fixture{
		h: &staff.Handler{Casework: staff.Casework{Files: files}},
		insert: func(t *testing.T, ps []cases.Party, reason forms.Text) string {
			t.Helper()
			s := casetest.Spec{CitizenID: mai.ID, ApplicantPID: maiPID, ApplicantName: maiName, Procedure: birth, Agency: agency,
				Status: status.New, RoutingReasonVI: reason.VI, RoutingReasonEN: reason.EN,
				Data: []byte(`{"child_full_name": "Nguyễn Ngọc Ánh", "father_full_name": "Nguyễn Văn An", "mother_full_name": "Đặng Thị Mai"}`)}
			if ps != nil {
				b, err := json.Marshal(ps)
				require.NoError(t, err)
				s.Parties = b
			}
			id, err := casetest.Insert(ctx, pool, s)
			require.NoError(t, err)
			var code string
			require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM cases WHERE id = $1`, id).Scan(&code))
			return code
		},
		access: func(t *testing.T, code string) int {
			t.Helper()
			entries, err := log.ForSubject(ctx, maiPID, 100)
			require.NoError(t, err)
			n := 0
			for _, en := range entries {
				if en.Reference == code {
					n++
				}
			}
			return n
		},
	}
}

// show opens the case page as an officer of the agency, in lang.
func (fx fixture) show(t *testing.T, code, lang string) *goquery.Document {
	t.Helper()
	e := echo.New()
	e.Renderer = templRenderer{}
	req := httptest.NewRequest(http.MethodGet, "/staff/cases/"+code, nil)
	req = req.WithContext(viewctx.With(req.Context(), viewctx.Page{Lang: lang}))
	rec := httptest.NewRecorder()
	c := e.NewContext(req, rec)
	c.SetPath("/staff/cases/:code")
	c.SetParamNames("code")
	c.SetParamValues(code)
	staff.SetMember(c, staffdir.Member{Login: "canbo.ubnd.hoankiem", FullName: "Trần Văn Cán", AgencyCode: agency,
		Roles: []string{staffdir.RoleOfficer}})
	require.NoError(t, fx.h.ShowCase(c))
	require.Equal(t, http.StatusOK, rec.Code)
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	require.NoError(t, err)
	return doc
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func TestShowCaseParties(t *testing.T) {
	t.Parallel()
	fx := setup(t)

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		code := fx.insert(t, birthParties(), tx(reasonVI, "where the mother lives, as the applicant chose"))
		doc := fx.show(t, code, "vi")

		assert.Contains(t, text(doc.Find("h2")), "Những người liên quan")
		rows := doc.Find(`[data-testid=parties] [data-party]`)
		require.Equal(t, 4, rows.Length())
		assert.Equal(t, []string{"applicant", "child", "father", "mother"}, rows.Map(func(_ int, s *goquery.Selection) string {
			return s.AttrOr("data-party", "")
		}))
		applicant := doc.Find(`[data-party=applicant]`)
		assert.Equal(t, "với tư cách: Mẹ của trẻ", text(applicant.Find(`[data-testid=party-role]`)))
		assert.Equal(t, maiName, text(applicant.Find(`[data-testid=party-name]`)))
		father := doc.Find(`[data-party=father]`)
		assert.Equal(t, "Nguyễn Văn An", text(father.Find(`[data-testid=party-name]`)))
		assert.Contains(t, text(father), anPID, "the agency's officer sees the full personal ID")
		assert.Contains(t, text(father.Find(`[data-testid=party-source]`)), "Cơ sở dữ liệu quốc gia về dân cư")
		assert.Contains(t, text(father.Find(`[data-testid=party-source]`)), "DC-001088012345")
		assert.Contains(t, text(doc.Find(`[data-party=child] [data-testid=party-source]`)), "Người nộp hồ sơ khai")

		assert.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", text(doc.Find(`[data-testid=agency]`)))
		assert.Equal(t, "Lý do: "+reasonVI+".", text(doc.Find(`[data-testid=route-reason]`)))
		assert.Zero(t, doc.Find(`[data-testid=authorisation-notice]`).Length(), "Mai applies as the mother, not under an authorisation")
		assert.Equal(t, 1, fx.access(t, code), "opening the page is logged as an access to the applicant's data")
	})

	t.Run("Representative", func(t *testing.T) {
		t.Parallel()
		ps := birthParties()
		ps[0].Kind, ps[0].Label = cases.PartyRepresentative, tx("Người được ủy quyền nộp hồ sơ", "Authorised representative")
		ps[0].Role = tx("Người được cha hoặc mẹ ủy quyền", "Someone the father or mother authorised")
		code := fx.insert(t, ps, tx(reasonVI, "where the mother lives, as the applicant chose"))

		notice := fx.show(t, code, "vi").Find(`[data-testid=authorisation-notice]`)
		require.Equal(t, 1, notice.Length())
		assert.Contains(t, text(notice), "Người nộp là người được ủy quyền — kiểm tra văn bản ủy quyền")

		en := fx.show(t, code, "en")
		assert.Contains(t, text(en.Find(`[data-testid=authorisation-notice]`)), "The applicant acts under an authorisation — check the letter of authorisation")
		assert.Equal(t, "Why: where the mother lives, as the applicant chose.", text(en.Find(`[data-testid=route-reason]`)))
		assert.Contains(t, text(en.Find(`[data-party=applicant]`)), "Authorised representative")
	})

	t.Run("FiledBeforeParties", func(t *testing.T) {
		t.Parallel()
		code := fx.insert(t, nil, forms.Text{})
		d := fx.show(t, code, "vi")

		assert.Zero(t, d.Find(`[data-testid=parties]`).Length())
		assert.NotContains(t, text(d.Find("h2")), "Những người liên quan")
		assert.Zero(t, d.Find(`[data-testid=route-reason]`).Length())
		assert.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", text(d.Find(`[data-testid=agency]`)), "the agency, without a reason")
	})
}
