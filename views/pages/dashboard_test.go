package pages_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

func renderDashboard(t *testing.T, lang string, p pages.DashboardPage) *goquery.Document {
	t.Helper()
	ctx := viewctx.With(context.Background(), viewctx.Page{Lang: lang, CSRFToken: "csrf"})
	var b strings.Builder
	require.NoError(t, pages.Dashboard(p).Render(ctx, &b))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	require.NoError(t, err)
	return doc
}

func dashboardPage() pages.DashboardPage {
	return pages.DashboardPage{
		AgencyName: components.Text{VI: "Ủy ban nhân dân Phường Hoàn Kiếm", EN: "Hoàn Kiếm Ward People's Committee"},
		Received:   1234, InProgress: 56, Overdue: 3, Decided: 30, OnTimePercent: 67,
		Means: []pages.MeanRow{
			{Procedure: components.Text{VI: "Đăng ký khai sinh", EN: "Birth registration"}, Cases: 12, MeanDays: 4.5},
			{Procedure: components.Text{VI: "Đăng ký thường trú", EN: "Permanent residence"}, Cases: 3, MeanDays: 40.0 / 3},
		},
		Weeks: []pages.WeekBar{
			{Label: "26/10", Approved: 2, Refused: 1},
			{Label: "02/11"},
			{Label: "09/11", Approved: 4, Refused: 2, Other: 2},
			{Label: "16/11", Other: 1},
		},
		CSVURL: "/staff/dashboard/cases.csv",
	}
}

func TestDashboard(t *testing.T) {
	t.Parallel()

	t.Run("KeyFigures", func(t *testing.T) {
		doc := renderDashboard(t, "vi", dashboardPage())
		for id, want := range map[string]string{"kpi-received": "1.234", "kpi-inprogress": "56", "kpi-overdue": "3", "kpi-ontime": "67%"} {
			kpi := doc.Find(`[data-testid="` + id + `"]`)
			require.Equal(t, 1, kpi.Length(), id)
			require.Equal(t, want, strings.TrimSpace(kpi.Find(".app-kpi__value").Text()), id)
		}
		require.Contains(t, doc.Find(`[data-testid="kpi-ontime"]`).Text(), "30 hồ sơ")
		require.True(t, doc.Find(`[data-testid="kpi-overdue"]`).HasClass("app-kpi--alert"))
		require.Equal(t, "/staff/dashboard/cases.csv", doc.Find(`a[data-testid="dashboard-csv"]`).AttrOr("href", ""))
		require.Equal(t, "Tải danh sách (CSV)", doc.Find(`a[data-testid="dashboard-csv"]`).Text())
	})

	t.Run("WeeklyChart", func(t *testing.T) {
		doc := renderDashboard(t, "vi", dashboardPage())
		svg := doc.Find(`svg[data-testid="weekly-chart"]`)
		require.Equal(t, 1, svg.Length())
		require.Equal(t, "img", svg.AttrOr("role", ""))
		require.Equal(t, "Hồ sơ kết thúc theo tuần", svg.ChildrenFiltered("title").Text())
		require.Contains(t, svg.ChildrenFiltered("desc").Text(), "Tổng cộng 12 hồ sơ: 6 chấp thuận, 3 từ chối, 3 dừng")

		groups := svg.Find(`g[data-testid="week-bar"]`)
		require.Equal(t, 4, groups.Length(), "one bar group per week")
		var labels []string
		groups.Each(func(_ int, g *goquery.Selection) { labels = append(labels, g.AttrOr("data-week", "")) })
		require.Equal(t, []string{"26/10", "02/11", "09/11", "16/11"}, labels, "oldest first")
		require.Zero(t, groups.Eq(1).Find("rect").Length(), "an empty week draws no bar")

		// Stacked: the refused segment sits on the approved one and is half as tall.
		first := groups.Eq(0).Find("rect")
		require.Equal(t, 2, first.Length())
		approved, refused := first.Eq(0), first.Eq(1)
		require.Equal(t, "approved", approved.AttrOr("data-kind", ""))
		require.Equal(t, "refused", refused.AttrOr("data-kind", ""))
		require.InDelta(t, num(t, approved.AttrOr("height", "")), 2*num(t, refused.AttrOr("height", "")), 0.2)
		require.InDelta(t, num(t, approved.AttrOr("y", "")), num(t, refused.AttrOr("y", ""))+num(t, refused.AttrOr("height", "")), 0.2)
		require.Equal(t, "url(#app-chart-hatch)", refused.AttrOr("fill", ""), "refused is hatched, not told by colour alone")

		legend := svg.Find(".app-chart__legend").Text()
		for _, s := range []string{"Chấp thuận", "Từ chối", "Dừng hoặc không tiếp nhận"} {
			require.Contains(t, legend, s)
		}
		require.Contains(t, svg.Text(), "Số hồ sơ", "the y axis is named")
		require.Contains(t, svg.Text(), "Tuần bắt đầu ngày", "the x axis is named")
	})

	t.Run("DataTableForScreenReaders", func(t *testing.T) {
		doc := renderDashboard(t, "vi", dashboardPage())
		table := doc.Find(`.govuk-visually-hidden table[data-testid="weekly-table"]`)
		require.Equal(t, 1, table.Length())
		rows := table.Find("tbody tr")
		require.Equal(t, 4, rows.Length())
		var cells []string
		rows.Eq(2).Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
		require.Equal(t, []string{"09/11", "4", "2", "2", "8"}, cells)
	})

	t.Run("MeanTimes", func(t *testing.T) {
		doc := renderDashboard(t, "en", dashboardPage())
		rows := doc.Find(`[data-testid="mean-row"]`)
		require.Equal(t, 2, rows.Length())
		require.Equal(t, "Birth registration", rows.Eq(0).Find("th").Text())
		require.Equal(t, "4.5", rows.Eq(0).Find("td").Eq(1).Text())
	})

	t.Run("NoScriptNoInlineStyle", func(t *testing.T) {
		doc := renderDashboard(t, "vi", dashboardPage())
		require.Zero(t, doc.Find("main script, main [style], main style").Length())
		doc.Find("main *").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				require.False(t, strings.HasPrefix(a.Key, "on"), "event handler %s", a.Key)
			}
		})
	})

	t.Run("Empty", func(t *testing.T) {
		p := dashboardPage()
		p.Decided, p.OnTimePercent, p.Means, p.CSVURL = 0, 0, nil, ""
		p.Weeks = []pages.WeekBar{{Label: "16/11"}}
		doc := renderDashboard(t, "vi", p)
		require.Equal(t, "–", strings.TrimSpace(doc.Find(`[data-testid="kpi-ontime"] .app-kpi__value`).Text()), "no rate without decisions")
		require.Equal(t, 1, doc.Find(`[data-testid="means-empty"]`).Length())
		require.Zero(t, doc.Find(`[data-testid="dashboard-csv"]`).Length())
		require.Equal(t, 1, doc.Find(`g[data-testid="week-bar"]`).Length())
	})
}

func TestDaysText(t *testing.T) {
	t.Parallel()
	vi := viewctx.With(context.Background(), viewctx.Page{Lang: "vi"})
	en := viewctx.With(context.Background(), viewctx.Page{Lang: "en"})
	require.Equal(t, "13,3", pages.DaysText(vi, 40.0/3))
	require.Equal(t, "13.3", pages.DaysText(en, 40.0/3))
	require.Equal(t, "4,0", pages.DaysText(vi, 4))
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return f
}
