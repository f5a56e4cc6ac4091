package web_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserChildResidenceFromStore is the second half of issue 18's journey in Chromium: with
// his daughter's birth certificate issued (filed and decided as in TestReuseHeldBirthCertificate)
// and the population database updated, An sees it in "Giấy tờ của tôi", starts his daughter's
// residence registration as her father, chooses her from his household, takes the certificate
// from his store instead of an upload, and submits; the check page names the certificate and
// the case registers her.
func TestBrowserChildResidenceFromStore(t *testing.T) {
	t.Parallel()
	s, exchange := startFullStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	result := decideBirthRegistration(t, s, an) + "-KQ1"
	child := waitRegistryUpdate(t, exchange, result)

	b := browsertest.New(t)
	id := browsertest.TestID
	signInBrowser(t, b, s, anPersonalID, "/my-documents")
	b.WaitVisible(id("held-document") + "[data-type=birth_certificate]")
	require.Contains(t, b.Text(id("held-document")+"[data-type=birth_certificate]"), result)
	b.Screenshot("my-documents")

	b.NavigateAndWait(s.portalURL+"/procedures/1.004222/start", id("start-consent"))
	b.Click("label[for='role-2']") // for his child
	b.ClickNavigate(id("give-consent"))
	b.WaitVisible(id("step-form"))
	b.Click("input[name='registrant_member'][value='" + child + "']")
	b.Screenshot("choose-child")
	b.ClickNavigate(id("continue"))

	b.WaitVisible("#f-new_address")
	chooseAddress(t, b, "new_address", "01", "00070")
	b.SetValue("#f-new_address-line", "Số 12, ngõ 5 phố Hàng Bạc")
	b.Click("input[name='residence_basis'][value='family']")
	b.Click("label[for='f-owner_consents']")
	b.SetValue("#f-relationship_to_head", "Con")
	b.WaitVisible(id("held-offer-relationship_proof"))
	b.Click("input[name='relationship_proof__held']:not([value='upload'])")
	b.Screenshot("offer-chosen")
	b.ClickNavigate(id("continue"))
	b.WaitVisible(id("step-form"))
	require.Contains(t, b.Text(id("source-household_members")), "cập nhật từ kết quả "+result)
	b.ClickNavigate(id("continue")) // the household, with the daughter
	b.WaitVisible(id("step-form"))
	b.ClickNavigate(id("continue")) // no document to upload
	b.WaitVisible(id("submit-form"))
	require.Contains(t, b.Text("body"), "Giấy khai sinh số "+result)
	b.Screenshot("check")
	b.AssertAccessible(t)
	code := submitChecked(t, b)

	var registrant string
	var uploads int
	ctx := context.Background()
	require.NoError(t, s.db.QueryRow(ctx, `SELECT p->>'personal_id' FROM cases, jsonb_array_elements(parties) p
		WHERE code = $1 AND p->>'id' = 'registrant'`, code).Scan(&registrant))
	require.Equal(t, child, registrant, "the case registers the daughter")
	require.NoError(t, s.db.QueryRow(ctx, `SELECT count(*) FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.code = $1`, code).Scan(&uploads))
	require.Zero(t, uploads, "nothing was uploaded")
	require.Empty(t, b.ConsoleErrors())
}
