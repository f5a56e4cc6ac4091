package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserHeldDocumentShare is issue 18's sharing journey in a browser: An opens "Giấy tờ của
// tôi", finds his daughter's birth certificate, shares it with his bank for 7 days and gets the
// link with its QR code; the link opens in a fresh, signed-out browser; his access log shows the
// opening by the bank; he revokes the link and it answers 410. Every page fits a phone (the
// browser checks 320 and 375 px on each navigation) and passes axe.
func TestBrowserHeldDocumentShare(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	decideBirthRegistration(t, s, func() *browser { b := newBrowser(t); b.signIn(s, anPersonalID); return b }())
	id := browsertest.TestID

	b := browsertest.New(t, browsertest.Label("an"))
	signInBrowser(t, b, s, anPersonalID, "/")
	b.ClickNavigate(id("nav-documents"))
	b.WaitVisible(id("held-documents"))
	cert := id("held-document") + "[data-type=birth_certificate]"
	require.Equal(t, 1, b.Count(cert))
	require.Contains(t, b.Text(cert+" "+id("held-verified")), "Đã xác thực — do ")
	b.Screenshot("my-documents")
	b.AssertAccessible(t)

	b.ClickNavigate(cert + " " + id("held-open"))
	b.WaitVisible(id("share-form"))
	b.SetValue("#share-label", "Ngân hàng ABC")
	b.Click("label[for='share-days-7']")
	b.ClickNavigate(id("share-submit"))
	b.WaitVisible(id("share-created"))
	link := b.Value(id("share-url"))
	require.True(t, strings.HasPrefix(link, s.portalURL+"/chia-se/"), link)
	require.Equal(t, 1, b.Count(id("share-qr")))
	b.Screenshot("share-created")
	b.AssertAccessible(t)

	bank := browsertest.New(t, browsertest.Label("bank")) // a fresh profile: no session
	require.Equal(t, http.StatusOK, bank.Navigate(link))
	bank.WaitVisible(id("shared-document"))
	require.Contains(t, bank.Text(id("shared-lead")), "Ngân hàng ABC")
	require.Equal(t, 0, bank.Count(id("nav-documents")), "signed out")
	bank.Screenshot("shared")
	bank.AssertAccessible(t)

	b.Navigate(s.portalURL + "/my-data")
	row := id("access-log-row") + "[data-purpose=my-documents]"
	b.WaitVisible(row)
	require.Contains(t, b.Text(row), "Ngân hàng ABC")
	require.Contains(t, b.Text(row), "Người nhận liên kết chia sẻ")

	b.Navigate(s.portalURL + "/my-documents")
	b.ClickNavigate(cert + " " + id("held-open"))
	b.ClickNavigate(id("share-revoke"))
	b.WaitVisible(id("success-banner"))
	require.Equal(t, "false", func() string { v, _ := b.Attribute(id("share"), "data-active"); return v }())
	b.Screenshot("revoked")

	require.Empty(t, bank.ConsoleErrors()) // before the 410, which the console reports
	require.Equal(t, http.StatusGone, bank.Navigate(link))
	require.Contains(t, bank.Text("h1"), "không còn hiệu lực")
	bank.Screenshot("gone")
	require.Empty(t, b.ConsoleErrors())

	phone := browsertest.New(t, browsertest.Mobile(), browsertest.Label("phone")) // the cards on a phone
	signInBrowser(t, phone, s, anPersonalID, "/my-documents")
	phone.WaitVisible(cert)
	phone.Screenshot("my-documents")
	phone.ClickNavigate(cert + " " + id("held-open"))
	phone.WaitVisible(id("share-form"))
	phone.Screenshot("document")
}
