package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// decideBirthRegistration has An file a birth registration and the Hoàn Kiếm officer approve it.
func decideBirthRegistration(t *testing.T, s *stack, an *browser) string {
	t.Helper()
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)
	confirmDraft(t, s, officer, an, code)
	require.Equal(t, "9", caseStatus(t, officer.act(s, code, "approve", nil)))
	return code
}

// TestSatisfactionRating: once the case has a result its applicant rates it on the case page,
// may change the rating (one per case), and the agency's supervisor sees the figures and the
// comment with the case code; before a result nobody may rate, and another citizen's case is a
// 404.
func TestSatisfactionRating(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)

	open := submitBirthRegistration(t, s, an)
	cp := an.get(s.portalURL + "/cases/" + open)
	require.Zero(t, cp.doc(t).Find(testid("rating-form")).Length(), "no rating before a result")
	early := an.post(s.portalURL+"/cases/"+open+"/rating", url.Values{"_csrf": {csrfToken(t, cp)}, "rating": {"5"}})
	require.Equal(t, http.StatusForbidden, early.status, early.body)

	code := decideBirthRegistration(t, s, an)
	cp = an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, 5, cp.doc(t).Find(testid("rating-form")+" input[type=radio][name=rating]").Length(), cp.body)
	require.Contains(t, textOf(t, cp, testid("rating")), "Bạn hài lòng với việc giải quyết hồ sơ này không?")

	none := an.submitForm(cp, testid("rating-form"), nil, nil)
	require.Equal(t, http.StatusUnprocessableEntity, none.status)
	require.Contains(t, requireErrorLinks(t, none, "rating-5")[0], "Chọn mức độ hài lòng")

	other := newBrowser(t)
	other.signIn(s, cuongPersonalID)
	require.Equal(t, http.StatusNotFound, other.post(s.portalURL+"/cases/"+code+"/rating",
		url.Values{"_csrf": {csrfToken(t, other.get(s.portalURL+"/cases"))}, "rating": {"1"}}).status)

	rated := an.followFrom(an.submitForm(cp, testid("rating-form"), url.Values{"rating": {"5"}, "comment": {"Cán bộ hướng dẫn tận tình"}}, nil))
	requireBanner(t, rated, "Cảm ơn bạn đã đánh giá")
	require.Equal(t, "5", rated.doc(t).Find(testid("rating-given")).AttrOr("data-rating", ""))
	require.Contains(t, textOf(t, rated, testid("rating-given")), "Rất hài lòng")

	changed := an.followFrom(an.submitForm(rated, testid("rating-form"), url.Values{"rating": {"2"}, "comment": {"Phải chờ lâu ở bộ phận một cửa"}}, nil))
	require.Equal(t, "2", changed.doc(t).Find(testid("rating-given")).AttrOr("data-rating", ""), "changed, within 30 days")
	var n int
	require.NoError(t, s.db.QueryRow(context.Background(), `SELECT count(*) FROM case_ratings WHERE case_code = $1`, code).Scan(&n))
	require.Equal(t, 1, n, "one rating per case")

	sup := newBrowser(t)
	sup.signInStaff(s, "giamsat.ubnd.hoankiem")
	dash := sup.get(s.portalURL + "/staff/dashboard")
	require.Equal(t, http.StatusOK, dash.status, dash.body)
	require.Equal(t, "1", textOf(t, dash, testid("rating-count")))
	require.Equal(t, "0%", textOf(t, dash, testid("rating-satisfied")))
	comment := dash.doc(t).Find(testid("rating-comment"))
	require.Equal(t, code, comment.AttrOr("data-code", ""))
	require.Contains(t, comment.Text(), "Phải chờ lâu ở bộ phận một cửa")
	require.NotContains(t, dash.body, "Nguyễn Văn An", "no personal data beyond the case code")
}
