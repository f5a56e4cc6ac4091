package web_test

import (
	"cmp"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestResultDeliveryNotFromAnotherSite: the first download of a result delivers the case (10)
// only when the citizen fetches it from the portal's own pages (Sec-Fetch-Site same-origin) or
// opens it themselves (none). A link on another site, or a client that does not say where the
// request comes from, gets the document but changes nothing.
func TestResultDeliveryNotFromAnotherSite(t *testing.T) {
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

	download := func(t *testing.T, site string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, s.portalURL+"/cases/"+code+"/result.pdf", nil)
		require.NoError(t, err)
		if site != "" {
			req.Header.Set("Sec-Fetch-Site", site)
		}
		p := an.do(req)
		require.Equal(t, http.StatusOK, p.status, p.body)
		require.True(t, strings.HasPrefix(p.body, "%PDF-"), "the citizen gets the document")
	}
	status := func(t *testing.T) string {
		t.Helper()
		return caseStatus(t, an.get(s.portalURL+"/cases/"+code))
	}

	for _, site := range []string{"cross-site", "same-site", ""} {
		t.Run("NotBy_"+strings.ReplaceAll(cmp.Or(site, "unsaid"), "-", "_"), func(t *testing.T) {
			download(t, site)
			require.Equal(t, "9", status(t), "a download with Sec-Fetch-Site %q delivers nothing", site)
			require.Nil(t, resultOf(t, s, code).DownloadedAt, "nor counts as the first download")
		})
	}
	t.Run("ByThePortalsPage", func(t *testing.T) {
		download(t, "same-origin")
		require.Equal(t, "10", status(t), "the citizen's own download delivers the result")
	})
}
