package web_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/receipt"
)

// TestReceiptQROpensPublicTracking checks that the receipt's QR code encodes the public
// tracking address with the case code (/tra-cuu?code=…), not the case page behind sign-in, and
// that this address, opened by a phone that is not signed in, shows the tracking form with the
// code filled in.
func TestReceiptQROpensPublicTracking(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	check := fillBirthRegistration(t, b, startDraft(t, s, b, "1.001193"))
	rcpt := b.followFrom(b.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	require.Equal(t, http.StatusOK, rcpt.status, rcpt.body)
	code := textOf(t, rcpt, testid("case-code"))

	track := s.portalURL + "/tra-cuu?code=" + url.QueryEscape(code)
	want, err := receipt.QRPNG(track, 320)
	require.NoError(t, err)
	src := rcpt.doc(t).Find(testid("receipt-qr")).AttrOr("src", "")
	got, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(src, "data:image/png;base64,"))
	require.NoError(t, err, "the QR code is a PNG data URL")
	require.Equal(t, want, got, "the QR code encodes %s", track)

	anon := newBrowser(t)
	p := anon.get(track)
	require.Equal(t, http.StatusOK, p.status, "no sign-in wall")
	require.Equal(t, "/tra-cuu", p.url.Path)
	require.Equal(t, code, p.doc(t).Find(testid("track-form")+" input[name=code]").AttrOr("value", ""))
}

// TestPublicLinksInFooter checks that every page, signed in or not, links to public tracking
// and to result verification.
func TestPublicLinksInFooter(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)
	for _, path := range []string{"/", "/procedures", "/tra-cuu", "/verify"} {
		doc := b.get(s.portalURL + path).doc(t)
		require.Equal(t, "/tra-cuu", doc.Find(testid("footer-track")).AttrOr("href", ""), path)
		require.Equal(t, "Tra cứu hồ sơ", strings.TrimSpace(doc.Find(testid("footer-track")).Text()), path)
		require.Equal(t, "/verify", doc.Find(testid("footer-verify")).AttrOr("href", ""), path)
		require.Equal(t, "Kiểm tra kết quả", strings.TrimSpace(doc.Find(testid("footer-verify")).Text()), path)
	}
}
