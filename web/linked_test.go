package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
)

// TestWithdrawnProcedureRefusesNewDrafts: 2.000986, repealed for the online 3.000722, is no
// longer listed or searchable; its page says so and points to 3.000722; starting a draft of it
// is refused and writes nothing, while 3.000722 starts.
func TestWithdrawnProcedureRefusesNewDrafts(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	listed := func(p page) []string {
		return p.doc(t).Find("[data-testid=procedure-list] [data-code]").Map(func(_ int, sel *goquery.Selection) string { return sel.AttrOr("data-code", "") })
	}
	for _, q := range []string{"", "?q=" + url.QueryEscape("thường trú trẻ em dưới 6 tuổi"), "?topic=civil-status"} {
		got := listed(b.get(s.portalURL + "/procedures" + q))
		require.NotContains(t, got, "2.000986", "query %q", q)
		require.Contains(t, got, "3.000722", "query %q", q)
	}

	old := b.get(s.portalURL + "/procedures/2.000986")
	require.Equal(t, http.StatusOK, old.status, "a withdrawn procedure stays readable")
	require.Contains(t, textOf(t, old, testid("withdrawn")), "2.000986")
	require.Contains(t, textOf(t, old, testid("replacement")), "3.000722")
	require.Equal(t, "/procedures/3.000722", old.doc(t).Find(testid("go-replacement")).AttrOr("href", ""))
	require.Zero(t, old.doc(t).Find(testid("apply-online")).Length(), "no way to apply")

	b.signIn(s, anPersonalID)
	ask := b.get(s.portalURL + "/procedures/2.000986/start")
	require.Equal(t, http.StatusSeeOther, ask.status)
	require.Equal(t, "/procedures/2.000986", ask.location)
	// A start posted anyway, with a valid form of the same citizen, is refused the same way.
	consent := b.get(s.portalURL + "/procedures/3.000722/start")
	require.Equal(t, http.StatusOK, consent.status, consent.body)
	values, _ := formValues(t, consent, testid("start-consent"))
	values.Set("role", "father")
	refused := b.post(s.portalURL+"/procedures/2.000986/start", values)
	require.Equal(t, http.StatusSeeOther, refused.status, refused.body)
	require.Equal(t, "/procedures/2.000986", refused.location)
	var drafts int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM drafts`).Scan(&drafts))
	require.Zero(t, drafts, "no draft was made")

	first := startDraft(t, s, b, "3.000722")
	require.Contains(t, first.url.Path, "/steps/0")
}
