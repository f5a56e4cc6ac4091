package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/views/i18n"
)

// TestHeldDocumentsJourney: An's birth registration is decided; its certificate is in his
// "Giấy tờ của tôi" as verified, with its issuer; nobody else can open or download it; his
// download is in his access log. He shares it with "Ngân hàng ABC": the link opens without an
// account, with no-referrer and no-store, each opening and download in An's log as the share's
// recipient; once revoked it answers 410. He keeps a file he sent with the case, self-provided
// with its retention, and removes it after "Bạn có chắc chắn?".
func TestHeldDocumentsJourney(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := decideBirthRegistration(t, s, an)

	list := an.get(s.portalURL + "/my-documents")
	require.Equal(t, http.StatusOK, list.status, list.body)
	cert := list.doc(t).Find(testid("held-document") + "[data-type=birth_certificate]")
	require.Equal(t, 1, cert.Length(), list.body)
	require.Equal(t, "issued", cert.AttrOr("data-provenance", ""))
	require.Contains(t, cert.Find(testid("held-verified")).Text(), "Đã xác thực — do ")
	require.Contains(t, cert.Text(), code+"-KQ1")
	require.Contains(t, cert.Find(testid("held-role")).Text(), "Bạn là người nộp hồ sơ")
	id := cert.AttrOr("data-id", "")
	require.NotEmpty(t, id)
	filtered := an.get(s.portalURL + "/my-documents?type=marriage_certificate")
	require.Zero(t, filtered.doc(t).Find(testid("held-document")).Length(), "filtered by type")

	t.Run("ErrNotHolder", func(t *testing.T) {
		cuong := newBrowser(t)
		cuong.signIn(s, cuongPersonalID)
		for _, path := range []string{"/my-documents/" + id, "/my-documents/" + id + "/download", "/my-documents/" + id + "/withdraw"} {
			require.Equal(t, http.StatusNotFound, cuong.get(s.portalURL+path).status, path)
		}
		require.Zero(t, cuong.get(s.portalURL+"/my-documents").doc(t).Find(testid("held-document")).Length())
		anon := newBrowser(t)
		require.NotEqual(t, http.StatusOK, anon.get(s.portalURL+"/my-documents").status, "signed in only")
	})

	dl := an.get(s.portalURL + "/my-documents/" + id + "/download")
	require.Equal(t, http.StatusOK, dl.status)
	require.True(t, strings.HasPrefix(dl.body, "%PDF-"))
	require.Contains(t, dl.header.Get("Content-Disposition"), code+"-KQ1.pdf")
	require.Equal(t, 1, countLog(t, s, anPersonalID, "citizen", "download"))

	doc := an.get(s.portalURL + "/my-documents/" + id)
	require.Equal(t, http.StatusOK, doc.status)
	noCSRF := an.post(s.portalURL+"/my-documents/"+id+"/shares", url.Values{"label": {"Ngân hàng ABC"}, "days": {"7"}})
	require.Equal(t, http.StatusForbidden, noCSRF.status, "CSRF on every post")
	bad := an.submitForm(doc, testid("share-form"), url.Values{"label": {"  "}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, bad.status)
	require.Equal(t, 1, bad.doc(t).Find("#share-label-error").Length())
	made := an.submitForm(doc, testid("share-form"), url.Values{"label": {"Ngân hàng ABC"}, "days": {"7"}}, nil)
	require.Equal(t, http.StatusOK, made.status, made.body)
	link := made.doc(t).Find(testid("share-url")).AttrOr("value", "")
	require.True(t, strings.HasPrefix(link, s.portalURL+"/chia-se/"), "%q %q", link, s.portalURL)
	require.True(t, strings.HasPrefix(made.doc(t).Find(testid("share-qr")).AttrOr("src", ""), "data:image/png;base64,"))

	bank := newBrowser(t) // no account
	open := bank.get(link)
	require.Equal(t, http.StatusOK, open.status, open.body)
	require.Equal(t, "no-referrer", open.header.Get("Referrer-Policy"))
	require.Contains(t, open.header.Get("Cache-Control"), "no-store")
	require.Contains(t, textOf(t, open, testid("shared-lead")), "Ngân hàng ABC")
	got := bank.get(link + "/tai-ve")
	require.Equal(t, http.StatusOK, got.status)
	require.True(t, strings.HasPrefix(got.body, "%PDF-"))
	require.Contains(t, got.header.Get("Cache-Control"), "no-store")
	require.Equal(t, 1, countLog(t, s, anPersonalID, "share_recipient", "share-open"))
	require.Equal(t, 1, countLog(t, s, anPersonalID, "share_recipient", "share-download"))
	logPage := an.get(s.portalURL + "/my-data")
	require.Contains(t, logPage.doc(t).Find(testid("access-log-row")+"[data-purpose=my-documents]").Text(), "Người nhận liên kết chia sẻ")
	require.Equal(t, http.StatusNotFound, bank.get(s.portalURL+"/chia-se/"+strings.Repeat("x", 43)).status, "an unknown token")

	shares := an.get(s.portalURL + "/my-documents/" + id)
	revoked := an.followFrom(an.submitForm(shares, testid("shares")+" form", nil, nil))
	require.Equal(t, 1, revoked.doc(t).Find(testid("success-banner")).Length(), revoked.body)
	require.Equal(t, "false", revoked.doc(t).Find(testid("share")).AttrOr("data-active", ""))
	gone := bank.get(link)
	require.Equal(t, http.StatusGone, gone.status)
	require.Contains(t, gone.body, "Liên kết chia sẻ không còn hiệu lực")
	require.Equal(t, http.StatusGone, bank.get(link+"/tai-ve").status)

	t.Run("KeepAndWithdraw", func(t *testing.T) {
		p := an.get(s.portalURL + "/my-documents")
		require.Positive(t, p.doc(t).Find(testid("keep-form")).Length(), "the case's files may be kept")
		noConsent := an.followFrom(an.submitForm(p, testid("keep-form"), url.Values{"consent": nil}, nil))
		require.Zero(t, noConsent.doc(t).Find(testid("held-self")).Length(), "nothing kept without consent")
		kept := an.followFrom(an.submitForm(p, testid("keep-form"), url.Values{"type": {"birth_certificate"},
			"retention": {"5y"}, "consent": {"yes"}}, nil))
		require.Equal(t, 1, kept.doc(t).Find(testid("success-banner")).Length(), kept.body)
		self := kept.doc(t).Find(testid("held-document") + "[data-provenance=uploaded]")
		require.Equal(t, 1, self.Length())
		require.Contains(t, self.Find(testid("held-self")).Text(), "Tự cung cấp")
		require.Contains(t, self.Find(testid("held-retention")).Text(), "Lưu đến ngày")
		keptID := self.AttrOr("data-id", "")

		unconfirmed := an.post(s.portalURL+"/my-documents/"+keptID+"/withdraw", url.Values{"_csrf": {csrfToken(t, kept)}})
		require.Equal(t, http.StatusSeeOther, unconfirmed.status)
		require.Equal(t, "/my-documents/"+keptID+"/withdraw", unconfirmed.location, "asked first")
		confirm := an.get(s.portalURL + "/my-documents/" + keptID + "/withdraw")
		require.Contains(t, textOf(t, confirm, "h1"), "Bạn có chắc chắn")
		done := an.followFrom(an.submitForm(confirm, testid("confirm-withdraw-form"), nil, nil))
		require.Equal(t, 1, done.doc(t).Find(testid("success-banner")).Length())
		require.Zero(t, done.doc(t).Find(testid("held-document")+"[data-provenance=uploaded]").Length())
		require.Equal(t, http.StatusNotFound, an.get(s.portalURL+"/my-documents/"+keptID).status)
		require.Equal(t, http.StatusBadRequest, an.post(s.portalURL+"/my-documents/"+id+"/withdraw",
			url.Values{"_csrf": {csrfToken(t, done)}, "confirm": {"yes"}}).status, "an issued result stays")
	})
}

// countLog counts the rows of a citizen's data-access log of "Giấy tờ của tôi" by role and
// what was done.
func countLog(t *testing.T, s *stack, pid, role, what string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(t.Context(), `SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1
		AND purpose = 'my-documents' AND actor_role = $2 AND $3 = ANY(attributes)`, pid, role, what).Scan(&n))
	return n
}

// TestHeldMessagesTranslated: every fault of the document store has its text in both languages,
// so its error page never shows a key.
func TestHeldMessagesTranslated(t *testing.T) {
	t.Parallel()
	for _, key := range []string{documents.MsgNotFound, documents.MsgInvalid, documents.MsgShareGone,
		documents.MsgUnavailable, documents.MsgNotWithdrawn, "shared.gone.title"} {
		require.True(t, i18n.Has(key), key)
	}
}
