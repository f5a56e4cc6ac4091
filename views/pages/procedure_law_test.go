package pages_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

func renderProcedure(t *testing.T, lang string, p pages.ProcedurePage) *goquery.Document {
	t.Helper()
	ctx := viewctx.With(context.Background(), viewctx.Page{Lang: lang, CSRFToken: "csrf"})
	var b strings.Builder
	require.NoError(t, pages.Procedure(p).Render(ctx, &b))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	require.NoError(t, err)
	return doc
}

func landPage() pages.ProcedurePage {
	council := components.Text{VI: "Theo quy định của Hội đồng nhân dân tỉnh", EN: "Set by the provincial People's Council"}
	tax := components.Text{VI: "Theo thông báo của cơ quan thuế", EN: "As notified by the tax authority"}
	from := time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)
	issued := time.Date(2024, 1, 18, 0, 0, 0, 0, time.UTC)
	return pages.ProcedurePage{
		Item:         pages.ProcedureItem{Code: "1.013831", Name: components.Text{VI: "Đăng ký biến động", EN: "Land change"}, ProcessingDays: 18, RequiredACR: "LoA2"},
		OfficialName: components.Text{VI: "Đăng ký biến động quyền sử dụng đất … (tên đầy đủ)", EN: "Full name"},
		InPerson:     components.Text{VI: "Bản gốc Giấy chứng nhận nộp tại Chi nhánh Văn phòng đăng ký đất đai hoặc qua bưu chính.", EN: "Hand in the original."},
		Fees: pages.FeesView{Known: true, Summary: components.Text{VI: "Phí, lệ phí theo quy định của Hội đồng nhân dân tỉnh; thuế và lệ phí trước bạ tính riêng"},
			Charges: []pages.FeeRowView{{Name: components.Text{VI: "Lệ phí cấp Giấy chứng nhận"}, Kind: components.Text{VI: "Lệ phí"}, Online: pages.FeeCell{Amount: council}, InPerson: pages.FeeCell{Amount: council}}},
			Taxes: []pages.FeeRowView{
				{Name: components.Text{VI: "Thuế thu nhập cá nhân"}, Kind: components.Text{VI: "Thuế"}, Online: pages.FeeCell{Amount: tax}, InPerson: pages.FeeCell{Amount: tax}},
				{Name: components.Text{VI: "Lệ phí trước bạ nhà, đất"}, Kind: components.Text{VI: "Lệ phí trước bạ"}, Online: pages.FeeCell{Amount: tax}, InPerson: pages.FeeCell{Amount: tax}},
			}},
		LegalBases: []pages.LegalBasisView{{Number: "31/2024/QH15", Citation: components.Text{VI: "Luật Đất đai số 31/2024/QH15", EN: "Land Law No. 31/2024/QH15"},
			IssuedOn: &issued, EffectiveFrom: &from}},
	}
}

func TestProcedurePageLaw(t *testing.T) {
	t.Parallel()
	doc := renderProcedure(t, "vi", landPage())

	t.Run("TaxesInTheirOwnTable", func(t *testing.T) {
		require.Equal(t, 1, doc.Find(`[data-testid="fees-charges"] [data-testid="fee-row"]`).Length())
		require.Equal(t, 2, doc.Find(`[data-testid="fees-taxes"] [data-testid="fee-row"]`).Length())
		require.Contains(t, doc.Find(`[data-testid="fees-taxes"]`).Text(), "Theo thông báo của cơ quan thuế")
		require.NotContains(t, doc.Find(`[data-testid="procedure-fees"]`).Text(), "Miễn phí")
		require.Contains(t, doc.Find(`dd[data-testid="fee-summary"]`).Text(), "thuế và lệ phí trước bạ tính riêng")
	})
	t.Run("LegalBasesWithDates", func(t *testing.T) {
		li := doc.Find(`[data-testid="legal-basis"]`)
		require.Equal(t, 1, li.Length())
		require.Contains(t, li.Text(), "Luật Đất đai số 31/2024/QH15")
		require.Contains(t, li.Text(), "Ban hành ngày 18/01/2024")
		require.Contains(t, li.Text(), "có hiệu lực từ ngày 01/08/2024")
		en := renderProcedure(t, "en", landPage())
		require.Contains(t, en.Find(`[data-testid="legal-basis"]`).Text(), "in force since 1 Aug 2024")
	})
	t.Run("ShortenedNameAndInPerson", func(t *testing.T) {
		require.Contains(t, doc.Find(`[data-testid="official-name"]`).Text(), "Tên đầy đủ của thủ tục")
		require.Contains(t, doc.Find(`[data-testid="in-person"]`).Text(), "Bản gốc Giấy chứng nhận")
	})
	t.Run("ExemptionNamesItsBasis", func(t *testing.T) {
		p := landPage()
		free := components.Text{VI: "Miễn phí", EN: "Free (exempt by law)"}
		p.Fees = pages.FeesView{Known: true, Charges: []pages.FeeRowView{{Name: components.Text{VI: "Lệ phí đăng ký khai sinh"},
			Online: pages.FeeCell{Amount: free}, InPerson: pages.FeeCell{Amount: free}, ExemptionBasis: components.Text{VI: "Luật Hộ tịch số 60/2014/QH13, Điều 11"}}}}
		d := renderProcedure(t, "vi", p)
		require.Contains(t, d.Find(`[data-testid="fee-exemption"]`).Text(), "Căn cứ miễn: Luật Hộ tịch số 60/2014/QH13, Điều 11")
		require.Equal(t, 0, d.Find(`[data-testid="fees-taxes"]`).Length())
	})
	t.Run("Unknown", func(t *testing.T) {
		p := landPage()
		p.Fees, p.LegalBases, p.LegalBasis = pages.FeesView{}, nil, components.Text{VI: "Luật cũ"}
		d := renderProcedure(t, "vi", p)
		require.Equal(t, 1, d.Find(`[data-testid="fees-unknown"]`).Length())
		require.Contains(t, d.Find(`[data-testid="procedure-bases"]`).Text(), "Luật cũ", "the older free text")
	})
}

// The check page and the receipt say what must still be done in person.
func TestCheckAndReceiptSayWhatIsDoneInPerson(t *testing.T) {
	t.Parallel()
	ctx := viewctx.With(context.Background(), viewctx.Page{Lang: "vi", CSRFToken: "csrf"})
	both := components.Text{VI: "Cả hai bên nam, nữ phải cùng có mặt để ký Sổ đăng ký kết hôn.", EN: "Both partners attend."}
	for name, c := range map[string]interface {
		Render(context.Context, io.Writer) error
	}{
		"Check":   pages.Check(pages.CheckPage{DraftID: "d", InPerson: both}),
		"Receipt": pages.Receipt(pages.ReceiptPage{Code: "UBND-00070-261127-0001", InPerson: both}),
	} {
		var b strings.Builder
		require.NoError(t, c.Render(ctx, &b), name)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
		require.NoError(t, err)
		require.Contains(t, doc.Find(`[data-testid="in-person"]`).Text(), "cùng có mặt", name)
	}
	var b strings.Builder
	require.NoError(t, pages.Check(pages.CheckPage{DraftID: "d"}).Render(ctx, &b))
	require.NotContains(t, b.String(), `data-testid="in-person"`, "nothing to do in person, no notice")
}
