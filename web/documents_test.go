package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestCaseDocumentsJourney follows the papers of An's birth registration: the notice of online
// submission, the receipt slip once the ward receives it (not before), the officer's unsigned
// preview, the signed apology with its new date, and the signed birth certificate, whose number,
// verification code and public check both case pages show.
func TestCaseDocumentsJourney(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	pdfOf := func(b *browser, path string) string {
		t.Helper()
		p := b.get(s.portalURL + path)
		require.Equal(t, http.StatusOK, p.status, "%s: %s", path, p.body)
		require.Equal(t, "application/pdf", p.header.Get("Content-Type"), path)
		return receiptPDFText(t, []byte(p.body))
	}

	notice := pdfOf(an, "/cases/"+code+"/receipt.pdf")
	require.Contains(t, notice, "THÔNG BÁO ĐÃ NỘP HỒ SƠ TRỰC TUYẾN")
	require.NotContains(t, notice, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
	require.Equal(t, http.StatusNotFound, an.get(s.portalURL+"/cases/"+code+"/receipt-slip.pdf").status, "no slip before receipt")
	require.Equal(t, 1, an.get(s.portalURL+"/cases/"+code).doc(t).Find(testid("slip-pending")).Length())

	require.Equal(t, "2", caseStatus(t, officer.act(s, code, "receive", nil)))
	for _, b := range []*browser{an, officer} {
		base := "/cases/"
		if b == officer {
			base = "/staff/cases/"
		}
		slip := pdfOf(b, base+code+"/receipt-slip.pdf")
		require.Contains(t, slip, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
		require.Contains(t, slip, "4. Thời gian nhận hồ sơ:")
		require.Regexp(t, `\d\d giờ \d\d phút, ngày \d\d/\d\d/20\d\d`, slip)
	}

	processing := officer.act(s, code, "start_processing", nil)
	require.Equal(t, "4", caseStatus(t, processing))
	preview := processing.doc(t).Find(testid("result-preview")).AttrOr("href", "")
	require.Equal(t, "/staff/cases/"+code+"/result-preview.pdf", preview)
	draft := pdfOf(officer, preview)
	require.Contains(t, draft, "BẢN XEM TRƯỚC — CHƯA KÝ")
	require.Contains(t, draft, "GIẤY KHAI SINH")
	require.NotEqual(t, http.StatusOK, an.get(s.portalURL+"/staff/cases/"+code+"/result-preview.pdf").status, "officers only")

	due := *caseOf(t, s, code).DueOn
	newDue := due.AddDate(0, 0, 7)
	for newDue.Weekday() == time.Saturday || newDue.Weekday() == time.Sunday {
		newDue = newDue.AddDate(0, 0, 1)
	}
	sorry := officer.act(s, code, "apology", url.Values{"reason": {"Cần xác minh thêm thông tin nơi sinh với cơ sở y tế."},
		"new_due_on": {newDue.Format(time.DateOnly)}})
	require.Zero(t, sorry.doc(t).Find(testid("action-error")).Length(), sorry.body)
	apology := pdfOf(an, "/cases/"+code+"/apology.pdf")
	require.Contains(t, apology, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
	require.Contains(t, apology, "Cần xác minh thêm thông tin nơi sinh với cơ sở y tế.")
	require.Contains(t, apology, newDue.Format("02/01/2006"))
	sorryCode := strings.TrimSpace(textOf(t, an.get(s.portalURL+"/cases/"+code), testid("signed-apology-code")))
	require.NotEmpty(t, sorryCode)
	anyone := newBrowser(t)
	require.Equal(t, 1, anyone.get(s.portalURL+"/verify?code="+url.QueryEscape(sorryCode)).doc(t).Find(testid("verify-ok")).Length(),
		"the apology is signed like a result")

	confirmDraft(t, s, officer, an, code)
	require.Equal(t, "9", caseStatus(t, officer.act(s, code, "approve", nil)))
	res := resultOf(t, s, code)
	for _, p := range []page{an.get(s.portalURL + "/cases/" + code), officer.get(s.portalURL + "/staff/cases/" + code)} {
		require.Equal(t, code+"-KQ1", textOf(t, p, testid("signed-result-number")), p.body)
		require.Equal(t, res.VerificationCode, textOf(t, p, testid("signed-result-code")))
		require.Equal(t, strings.TrimRight(s.portalURL, "/")+"/verify?code="+url.QueryEscape(res.VerificationCode),
			p.doc(t).Find(testid("signed-result-verify")).AttrOr("href", ""))
	}
	signed := pdfOf(officer, "/staff/cases/"+code+"/result.pdf")
	require.Contains(t, signed, "GIẤY KHAI SINH")
	require.NotContains(t, signed, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
	require.Equal(t, "9", caseStatus(t, an.get(s.portalURL+"/cases/"+code)), "the officer's copy delivers nothing")
}
