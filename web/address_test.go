package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// Without JavaScript the address field lists only the chosen province's communes: An chooses
// Hồ Chí Minh City, presses "show communes" (the step is saved as typed and shown again) and
// picks a ward from that city's list.
func TestAddressPickerWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	b := newBrowser(t)
	b.signIn(s, anPersonalID)

	first := startDraft(t, s, b, "1.004222")
	step := continueStep(t, b, first, nil, nil)
	require.Equal(t, http.StatusOK, step.status, step.body)
	require.Contains(t, step.url.Path, "/steps/1", textOf(t, step, testid("error-summary")))
	communes := step.doc(t).Find("select[name='new_address.commune'] option")
	require.Equal(t, 1, communes.Length(), "no province chosen: no commune listed")
	require.Equal(t, "", communes.AttrOr("value", "x"))
	require.Equal(t, 1, step.doc(t).Find(testid("communes-new_address")).Length())

	saved := b.followFrom(b.submitForm(step, testid("step-form"),
		url.Values{"new_address.province": {"79"}, "new_address.line": {"Số 9 đường Trần Quang Khải"}, "action": {"save"}}, nil))
	require.Equal(t, http.StatusOK, saved.status, saved.body)
	require.Contains(t, saved.url.Path, "/steps/1")
	doc := saved.doc(t)
	require.Equal(t, "79", doc.Find("select[name='new_address.province'] option[selected]").AttrOr("value", ""))
	require.Equal(t, "Số 9 đường Trần Quang Khải", doc.Find("input[name='new_address.line']").AttrOr("value", ""), "saved as typed")
	communes = doc.Find("select[name='new_address.commune'] option")
	require.Equal(t, 1+168, communes.Length(), "a blank choice and every commune of Hồ Chí Minh City")
	require.Equal(t, 1, communes.Filter("[value='26737']").Length(), "Phường Tân Định")
	require.Equal(t, 0, communes.Filter("[value='00070']").Length(), "no commune of Hà Nội")

	// Changing the province without pressing the button is caught by the server.
	wrong := continueStep(t, b, saved, url.Values{"new_address.province": {"01"}, "new_address.commune": {"26737"}}, nil)
	require.Equal(t, http.StatusUnprocessableEntity, wrong.status)
	require.Equal(t, 1, wrong.doc(t).Find("[data-testid=field-new_address].govuk-form-group--error").Length(), wrong.body)

	next := continueStep(t, b, saved, url.Values{"new_address.commune": {"26737"}}, nil)
	require.Equal(t, 0, next.doc(t).Find("[data-testid=field-new_address].govuk-form-group--error").Length(),
		"a ward of the chosen city is a valid answer: %s", textOf(t, next, testid("error-summary")))
}
