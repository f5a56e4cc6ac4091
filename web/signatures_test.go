package web_test

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/signing"
)

// TestSignedDocumentsVerify: the receipt slip and the result An downloads carry the ward's
// embedded signature, and the public verification page, given the file, says who signed it and
// that it is unchanged; the slip, which the portal does not keep, by its signature alone. One
// byte changed in the result makes it "not authentic", with the reason.
func TestSignedDocumentsVerify(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	anyone := newBrowser(t)
	// The root a PDF reader is to trust is there before anything is signed.
	early := anyone.get(s.portalURL + "/verify/ca.crt")
	require.Equal(t, http.StatusOK, early.status, early.body)
	require.Equal(t, "2", caseStatus(t, officer.act(s, code, "receive", nil)))
	download := func(path string) []byte {
		t.Helper()
		p := an.get(s.portalURL + path)
		require.Equal(t, http.StatusOK, p.status, "%s: %s", path, p.body)
		return []byte(p.body)
	}
	check := func(pdf []byte) page {
		t.Helper()
		form := anyone.get(s.portalURL + "/verify")
		p := anyone.postMultipart(s.portalURL+"/verify", url.Values{"_csrf": {csrfToken(t, form)}}, "document", upload{"van-ban.pdf", pdf})
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.NotContains(t, p.body, "Nguyễn Văn An", "no personal data on the verify page")
		return p
	}

	slipPDF := download("/cases/" + code + "/receipt-slip.pdf")
	slip := check(slipPDF)
	require.Equal(t, 1, slip.doc(t).Find(testid("verify-ok")).Length(), slip.body)
	require.Equal(t, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", textOf(t, slip, testid("verify-document")))
	require.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", textOf(t, slip, testid("verify-signer")))

	// The root certificate, for a PDF reader's trust store: the slip's signature chains to it.
	ca := anyone.get(s.portalURL + slip.doc(t).Find(testid("verify-ca-link")).AttrOr("href", ""))
	require.Equal(t, http.StatusOK, ca.status, ca.body)
	block, _ := pem.Decode([]byte(ca.body))
	require.NotNil(t, block, ca.body)
	root, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	require.Equal(t, signing.DevCAName, root.Subject.CommonName)
	require.Equal(t, early.body, ca.body, "the CA given before the first signature is the one that signs")
	report := signing.Check(slipPDF, signing.Pool([]*x509.Certificate{root}))
	require.True(t, report.Valid(), report.Problem)

	officer.act(s, code, "start_processing", nil)
	confirmDraft(t, s, officer, an, code)
	require.Equal(t, "9", caseStatus(t, officer.act(s, code, "approve", nil)))
	result := download("/cases/" + code + "/result.pdf")
	ok := check(result)
	require.Equal(t, 1, ok.doc(t).Find(testid("verify-ok")).Length(), ok.body)
	require.Equal(t, code+"-KQ1", textOf(t, ok, testid("verify-details")+" .app-mono"))
	require.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", textOf(t, ok, testid("verify-signer")))

	altered := bytes.Clone(result)
	i := bytes.Index(altered, []byte("stream\n"))
	require.Positive(t, i)
	altered[i+len("stream\n")+10] ^= 0x01
	bad := check(altered)
	require.Equal(t, 1, bad.doc(t).Find(testid("verify-fail")).Length(), bad.body)
	require.Equal(t, 1, bad.doc(t).Find(testid("verify-signature-broken")).Length(), bad.body)
	require.Zero(t, bad.doc(t).Find(testid("verify-ok")).Length())
}
