package web_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserVerifySignedResult: on a desktop and on a phone, anyone uploads An's signed birth
// certificate to the public verification page and sees the ward named as the signer of an
// unchanged file; the same file with one byte changed is "not authentic", with the reason.
// Every page passes axe and fits a phone; screenshots are kept.
func TestBrowserVerifySignedResult(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitBirthRegistration(t, s, an)
	officer := newBrowser(t)
	officer.signInStaff(s, "canbo.ubnd.hoankiem")
	officer.act(s, code, "receive", nil)
	officer.act(s, code, "start_processing", nil)
	confirmDraft(t, s, officer, an, code)
	require.Equal(t, "9", caseStatus(t, officer.act(s, code, "approve", nil)))
	p := an.get(s.portalURL + "/cases/" + code + "/result.pdf")
	require.Equal(t, http.StatusOK, p.status, p.body)
	dir := t.TempDir()
	signed, altered := filepath.Join(dir, "ket-qua.pdf"), filepath.Join(dir, "ket-qua-da-sua.pdf")
	require.NoError(t, os.WriteFile(signed, []byte(p.body), 0o600))
	changed := []byte(p.body)
	i := bytes.Index(changed, []byte("stream\n"))
	require.Positive(t, i)
	changed[i+len("stream\n")+10] ^= 0x01
	require.NoError(t, os.WriteFile(altered, changed, 0o600))

	id := browsertest.TestID
	for _, v := range []struct {
		name string
		opt  browsertest.Option
	}{{"desktop", browsertest.Viewport(1280, 900)}, {"phone", browsertest.Mobile()}} {
		t.Run(v.name, func(t *testing.T) {
			b := browsertest.New(t, v.opt, browsertest.Label(v.name))
			b.NavigateAndWait(s.portalURL+"/verify", id("verify-upload"))
			b.Upload("#document", signed)
			b.ClickNavigate(id("verify-upload") + " button")
			b.WaitVisible(id("verify-ok"))
			require.Equal(t, "Ủy ban nhân dân phường Hoàn Kiếm", b.Text(id("verify-signer")))
			require.Equal(t, code+"-KQ1", b.Text(id("verify-details")+" .app-mono"))
			b.Screenshot("signed-result")
			b.AssertAccessible(t)

			b.Upload("#document", altered)
			b.ClickNavigate(id("verify-upload") + " button")
			b.WaitVisible(id("verify-fail"))
			require.Equal(t, 1, b.Count(id("verify-signature-broken")))
			b.Screenshot("altered-result")
			b.AssertAccessible(t)
		})
	}
}
