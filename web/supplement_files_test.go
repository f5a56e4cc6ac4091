package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// postMultipart posts values and one file as a browser's multipart form does.
func (b *browser) postMultipart(target string, values url.Values, field string, f upload) page {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range values {
		for _, v := range vs {
			require.NoError(b.t, w.WriteField(k, v))
		}
	}
	fw, err := w.CreateFormFile(field, f.name)
	require.NoError(b.t, err)
	_, err = fw.Write(f.content)
	require.NoError(b.t, err)
	require.NoError(b.t, w.Close())
	req, err := http.NewRequest(http.MethodPost, target, &body)
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// TestRefusedSupplementAnswerAddsNoFile: an answer to a supplement request the case does not
// allow (no request open, a stale page, no answer typed) is refused with its file: the officer
// sees only the files of the answers that went.
func TestRefusedSupplementAnswerAddsNoFile(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	files := func() int {
		p := officer.get(s.portalURL + "/staff/cases/" + code)
		require.Equal(t, http.StatusOK, p.status)
		return p.doc(t).Find(testid("case-files") + " li").Length()
	}
	before := files()
	require.Equal(t, 1, before, "the application's birth certificate")

	answer := func(version int, reason string, name string) page {
		cp := an.get(s.portalURL + "/cases/" + code)
		require.Equal(t, http.StatusOK, cp.status)
		return an.postMultipart(s.portalURL+"/cases/"+code+"/actions", url.Values{"_csrf": {csrfToken(t, cp)},
			"action": {"answer_supplement"}, "version": {strconv.Itoa(version)}, "reason": {reason}}, "file", upload{name, samplePDF})
	}
	k := caseOf(t, s, code)
	for i := range 3 { // no supplement asked: the step is not allowed
		p := answer(k.Version, "Gửi bổ sung", "bo-sung-"+strconv.Itoa(i)+".pdf")
		require.GreaterOrEqual(t, p.status, 400, p.body)
		require.Less(t, p.status, 500, p.body)
	}
	require.Equal(t, before, files(), "three refused answers attach nothing")

	officer.act(s, code, "request_supplement", url.Values{"reason": {"Giấy chứng sinh chụp mờ"}})
	k = caseOf(t, s, code)
	require.GreaterOrEqual(t, answer(k.Version-1, "Gửi lại", "cu.pdf").status, 400, "a stale page")
	require.GreaterOrEqual(t, answer(k.Version, "", "trong.pdf").status, 400, "no answer typed")
	require.Equal(t, before, files())

	done := answer(k.Version, "Gửi lại Giấy chứng sinh", "giay-chung-sinh.pdf")
	require.Equal(t, http.StatusSeeOther, done.status, done.body)
	require.Equal(t, before+1, files(), "the answer that went brought its file")
}
