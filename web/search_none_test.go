package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases/casetest"
)

// TestSearchNoResultsHelps checks that a search that finds nothing says what to try (check the
// spelling, fewer words, browse by topic, with links to the topics) and lists the procedures with
// the most cases submitted, most first; and that a forgiving spelling does find (kí, dkks).
func TestSearchNoResultsHelps(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	ctx := context.Background()
	var anID int64
	require.NoError(t, s.db.QueryRow(ctx, `SELECT id FROM citizens WHERE personal_id = $1 AND issuer = $2`, anPersonalID, s.issuerURL).Scan(&anID))
	for i, proc := range []struct{ code, agency string }{
		{"1.004222", "CA-00070"}, {"1.004222", "CA-00070"}, {"1.004222", "CA-00070"},
		{"1.000894", "UBND-00070"}, {"1.000894", "UBND-00070"}, {"1.001193", "UBND-00070"},
	} {
		_, err := casetest.Insert(ctx, s.db, casetest.Spec{Code: "SEARCH-" + string(rune('A'+i)), CitizenID: anID,
			Procedure: proc.code, Agency: proc.agency})
		require.NoError(t, err)
	}

	anon := newBrowser(t)
	p := anon.get(s.portalURL + "/procedures?q=" + url.QueryEscape("giấy phép lái xe"))
	require.Equal(t, http.StatusOK, p.status)
	doc := p.doc(t)
	require.Zero(t, doc.Find("[data-testid=procedure-list] [data-code]").Length())
	help := doc.Find(testid("search-none"))
	require.Equal(t, 1, help.Length(), "the page helps when nothing is found")
	text := strings.Join(strings.Fields(help.Text()), " ")
	require.Contains(t, text, "Kiểm tra lại chính tả")
	require.Contains(t, text, "ít từ hơn")
	require.Contains(t, text, "chủ đề")
	topics := help.Find(testid("search-topics") + " a").Map(func(_ int, a *goquery.Selection) string { return a.AttrOr("href", "") })
	require.Contains(t, topics, "/procedures?topic=civil-status")
	popular := doc.Find(testid("popular-list") + " [data-code]").Map(func(_ int, sel *goquery.Selection) string { return sel.AttrOr("data-code", "") })
	require.GreaterOrEqual(t, len(popular), 3)
	require.Equal(t, []string{"1.004222", "1.000894", "1.001193"}, popular[:3], "most cases first")

	for q, want := range map[string]string{"đăng kí khai sinh": "1.001193", "dkks": "1.001193", "bhxh": "1.014173"} {
		p := anon.get(s.portalURL + "/procedures?q=" + url.QueryEscape(q))
		first := p.doc(t).Find("[data-testid=procedure-list] [data-code]").First().AttrOr("data-code", "")
		require.Equal(t, want, first, q)
		require.Zero(t, p.doc(t).Find(testid("search-none")).Length(), q)
	}
}
