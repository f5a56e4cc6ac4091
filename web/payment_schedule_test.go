package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	paymentsim "github.com/motlan/portal/sim/payment"
)

// submitResidence files An's permanent residence registration (1.004222) in Hoàn Kiếm, living
// with family, and returns its case code.
func submitResidence(t *testing.T, s *stack, b *browser) string {
	t.Helper()
	first := startDraft(t, s, b, "1.004222")
	place := continueStep(t, b, first, nil, nil)
	require.Contains(t, place.url.Path, "/steps/1", textOf(t, place, testid("error-summary")))
	household := continueStep(t, b, place, url.Values{"new_address.province": {"01"}, "new_address.commune": {"00070"},
		"new_address.line": {"Số 12 phố Hàng Bạc"}, "residence_basis": {"family"}, "owner_consents": {"yes"},
		"relationship_to_head": {"Con"}}, nil)
	require.Contains(t, household.url.Path, "/steps/2", textOf(t, household, testid("error-summary")))
	docs := continueStep(t, b, household, nil, nil)
	require.Contains(t, docs.url.Path, "/steps/3", textOf(t, docs, testid("error-summary")))
	check := continueStep(t, b, docs, nil, nil)
	require.Contains(t, check.url.Path, "/check", textOf(t, check, testid("error-summary")))
	rcpt := b.followFrom(b.submitForm(check, testid("submit-form"), url.Values{"declaration": {"yes"}}, nil))
	require.Equal(t, http.StatusOK, rcpt.status, rcpt.body)
	return textOf(t, rcpt, testid("case-code"))
}

// TestFeeDueWithApplication: the fee schedule makes a residence registration filed online owe
// 10.000 đồng with the application; An pays it from the case page while the case waits for
// the agency, and the case's status does not change (it was never waiting for the payment).
func TestFeeDueWithApplication(t *testing.T) {
	t.Parallel()
	s, sim := startPaymentStack(t, nil)
	an := newBrowser(t)
	an.signIn(s, anPersonalID)
	code := submitResidence(t, s, an)

	cp := an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, http.StatusOK, cp.status, cp.body)
	require.Equal(t, "1", caseStatus(t, cp))
	require.Equal(t, 1, cp.doc(t).Find(testid("payment-item")).Length(), cp.body)
	require.Equal(t, "due", itemState(t, cp, 1))
	require.Contains(t, textOf(t, cp, "[data-testid=payment-item][data-seq='1']"), "10.000 đồng")
	require.Equal(t, 1, cp.doc(t).Find(testid("pay-item-1")).Length())

	back := an.returnPage(an.choose(an.pay(s, code, 1).location, paymentsim.OutcomeSuccess))
	require.Equal(t, "paid", outcomeOf(t, back), back.body)
	cp = an.get(s.portalURL + "/cases/" + code)
	require.Equal(t, "paid", itemState(t, cp, 1))
	require.Equal(t, "1", caseStatus(t, cp), "paying a fee due with the application moves nothing")
	require.Equal(t, 1, cp.doc(t).Find(testid("receipt-item-1")).Length())
	require.Len(t, sim.Transactions(vnpayTmnCode), 1)
}
