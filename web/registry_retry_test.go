package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

// TestRetryUnavailableRegistry: a draft started while the population database did not answer
// offers "Thử lại". While it still fails, the same notice comes back saying so and nothing the
// citizen typed is lost; once it answers, the fields it provides are filled and locked from it,
// what the citizen typed elsewhere stays, the notice goes, and the reads are in the access log of
// each person read (An, and his wife as the mother's party).
func TestRetryUnavailableRegistry(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	require.NoError(t, exchange.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	first := startDraft(t, s, b, "1.001193")
	require.Equal(t, 1, first.doc(t).Find(testid("db-down-population")).Length())
	require.Equal(t, 1, first.doc(t).Find(testid("registry-retry")).Length(), "the notice offers a retry")
	id := strings.Split(strings.TrimPrefix(first.url.Path, "/drafts/"), "/")[0]
	parents := continueStep(t, b, first, url.Values{
		"child_full_name": {"Nguyễn Ngọc Ánh"}, "child_birth_date": {"2026-11-20"}, "child_sex": {"female"},
		"child_birth_place_kind": {"home"}, "birth_place_details": {"Tại nhà, số 12 Hàng Bạc"}, "child_ethnicity": {"Kinh"},
	}, nil)
	require.Contains(t, parents.url.Path, "/steps/1", textOf(t, parents, testid("error-summary")))
	saved := b.followFrom(b.submitForm(parents, testid("step-form"), url.Values{
		"action": {"save"}, "registration_place": {"father"}, "father_full_name": {"Nguyễn Văn Tự Khai"},
	}, nil))
	require.Equal(t, http.StatusOK, saved.status, saved.body)

	logRows := func(subject, outcome string) int {
		var n int
		require.NoError(t, s.db.QueryRow(context.Background(),
			`SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1 AND reference = $2 AND outcome = $3 AND 'population' = ANY(databases)`,
			subject, id, outcome).Scan(&n))
		return n
	}
	unavailable := func() []string {
		var u []string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT unavailable FROM drafts WHERE id = $1`, id).Scan(&u))
		return u
	}
	downBefore := logRows(anPersonalID, "unavailable")

	t.Run("StillUnavailable", func(t *testing.T) {
		p := b.followFrom(b.submitForm(saved, testid("registry-retry"), nil, nil))
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.Contains(t, p.url.Path, "/drafts/"+id+"/")
		doc := p.doc(t)
		require.Equal(t, 1, doc.Find(testid("db-down-population")).Length())
		require.Equal(t, 1, doc.Find(testid("retry-still")).Length(), "says it is still unavailable")
		require.Equal(t, 0, doc.Find(testid("success-banner")).Length())
		require.Equal(t, 1, doc.Find(testid("registry-retry")).Length(), "can be tried again")
		require.Equal(t, "Nguyễn Văn Tự Khai", doc.Find("input[name=father_full_name]").AttrOr("value", ""), "nothing typed is lost")
		require.Equal(t, []string{"population"}, unavailable())
		require.Equal(t, downBefore+1, logRows(anPersonalID, "unavailable"), "the failed read is logged too")
	})

	t.Run("OK", func(t *testing.T) {
		exchange.ClearFaults()
		p := b.followFrom(b.submitForm(saved, testid("registry-retry"), nil, nil))
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.Equal(t, "/drafts/"+id+"/steps/1", p.url.Path)
		doc := p.doc(t)
		require.Equal(t, 1, doc.Find(testid("success-banner")).Length())
		require.Equal(t, 0, doc.Find(testid("db-down-population")).Length())
		require.Equal(t, 0, doc.Find(testid("registry-retry")).Length())
		father := doc.Find("input[name=father_full_name]")
		require.Equal(t, "Nguyễn Văn An", father.AttrOr("value", ""), "filled from the registry")
		_, readonly := father.Attr("readonly")
		require.True(t, readonly, "locked")
		source := doc.Find("[data-testid=source-father_full_name]")
		require.Equal(t, "verified", source.AttrOr("data-prefill", ""), "labelled with its source")
		require.Equal(t, "population", source.AttrOr("data-source", ""))
		mother := doc.Find("input[name=mother_full_name]")
		require.Equal(t, "Đặng Thị Mai", mother.AttrOr("value", ""), "the spouse is read too")
		require.Equal(t, "father", doc.Find("input[name=registration_place][checked]").AttrOr("value", ""), "what the registry does not give stays")
		require.Empty(t, unavailable())
		require.Equal(t, 1, logRows(anPersonalID, "ok"), "An's read is in his log")
		require.Equal(t, 1, logRows("001190023456", "ok"), "Mai's read is in hers")
		var child string
		require.NoError(t, s.db.QueryRow(context.Background(), `SELECT answers->>'child_full_name' FROM drafts WHERE id = $1`, id).Scan(&child))
		require.Equal(t, "Nguyễn Ngọc Ánh", child)

		again := b.followFrom(b.submitForm(saved, testid("registry-retry"), nil, nil))
		require.Equal(t, http.StatusOK, again.status, "a second press (another tab) changes nothing")
		require.Equal(t, 1, logRows(anPersonalID, "ok"))
	})
}

// TestRetryNotOwner: another citizen's retry of the draft is the 404 of a draft that is not theirs.
func TestRetryNotOwner(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	require.NoError(t, exchange.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	first := startDraft(t, s, an, "1.001193")
	values, action := formValues(t, first, testid("registry-retry"))
	exchange.ClearFaults()
	binh := newBrowser(t)
	binh.signIn(s, "079175001234")
	values.Set("_csrf", csrfToken(t, binh.get(s.portalURL+"/procedures/1.001193/start")))
	require.Equal(t, http.StatusNotFound, binh.post(action, values).status)
	var u []string
	id := strings.Split(strings.TrimPrefix(first.url.Path, "/drafts/"), "/")[0]
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT unavailable FROM drafts WHERE id = $1`, id).Scan(&u))
	require.Equal(t, []string{"population"}, u)
}
