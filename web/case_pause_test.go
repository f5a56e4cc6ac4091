package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPausedCaseShown: a supplement request pauses the case; the citizen's page says "Tạm dừng"
// and the officer's reason, the notification goes by e-mail and SMS to the verified contacts the
// provider asserted; once answered, the page gives the resumption and the due date.
func TestPausedCaseShown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID) // VNeID asserts a verified e-mail and phone
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	const reason = "Giấy chứng sinh chụp mờ, đề nghị gửi lại bản rõ nét"
	officer.act(s, code, "request_supplement", url.Values{"reason": {reason}})

	p := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, http.StatusOK, p.status)
	doc := p.doc(t)
	require.Equal(t, "Tạm dừng", doc.Find("[data-testid=case-paused-tag]").Text())
	require.Contains(t, doc.Find("[data-testid=case-paused]").Text(), "chờ bạn bổ sung giấy tờ")
	require.Contains(t, doc.Find("[data-testid=case-paused-reason]").Text(), reason)

	var sms, mail int
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM sms_outbox WHERE to_number = '+84912345678' AND body_text LIKE '%'||$1||'%tam dung%'`, code).Scan(&sms))
	require.Equal(t, 1, sms, "the supplement request by SMS")
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM email_outbox WHERE to_address = 'an.nguyen@example.vn' AND body_text LIKE '%tạm dừng%'`).Scan(&mail))
	require.Equal(t, 1, mail, "and by e-mail")

	k := caseOf(t, s, code)
	done := an.postMultipart(s.portalURL+"/cases/"+code+"/actions", url.Values{"_csrf": {csrfToken(t, p)},
		"action": {"answer_supplement"}, "version": {strconv.Itoa(k.Version)}, "reason": {"Gửi lại Giấy chứng sinh"}}, "file", upload{"giay-chung-sinh.pdf", samplePDF})
	require.Equal(t, http.StatusSeeOther, done.status, done.body)
	doc = an.get(s.portalURL + "/cases/" + code).doc(t)
	require.Zero(t, doc.Find("[data-testid=case-paused-tag]").Length())
	resumed := doc.Find("[data-testid=case-resumed]").Text()
	require.Contains(t, resumed, "tiếp tục giải quyết")
	k = caseOf(t, s, code)
	require.NotNil(t, k.DueOn)
	require.Contains(t, resumed, k.DueOn.Format("02/01/2006"), "the new due date")
}
