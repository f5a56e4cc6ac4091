package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserDateBoxes fills the child's date of birth in three boxes on a phone (375 px) and
// on a desktop (1280 px): an impossible date (31/02) is refused with the boxes kept as typed and
// the error summary linking to the day box; a real one goes on to the parents' step, where the
// father's verified date of birth is read-only text as dd/mm/yyyy.
func TestBrowserDateBoxes(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	for _, size := range []struct {
		label string
		width int64
	}{{"375", 375}, {"1280", 1280}} {
		b := browsertest.New(t, browsertest.Viewport(size.width, 844), browsertest.Label(size.label))
		id := browsertest.TestID
		signInBrowser(t, b, s, anPersonalID, "/procedures/1.001193/start")
		b.WaitVisible(id("start-consent"))
		b.Click("label[for='role']")
		b.ClickNavigate(id("give-consent"))

		b.WaitVisible(id("step-form"))
		b.SetValue("#f-child_full_name", "Nguyễn Ngọc Ánh")
		b.SetValue("#f-child_birth_date", "31")
		b.SetValue("#f-child_birth_date-month", "2")
		b.SetValue("#f-child_birth_date-year", "2026")
		b.Click("label[for='f-child_sex-2']")
		b.Click("label[for='f-child_birth_place_kind']")
		b.SetValue("#f-birth_facility", "Bệnh viện Phụ sản Hà Nội")
		b.SetValue("#f-child_ethnicity", "Kinh")
		b.Screenshot("date-typed")
		b.ClickNavigate(id("continue"))

		b.WaitVisible(id("error-summary"))
		href, _ := b.Attribute(id("error-summary")+" a[data-field-id=f-child_birth_date]", "href")
		require.Equal(t, "#f-child_birth_date", href, "the summary links to the day box")
		require.Contains(t, b.Text(id("error-child_birth_date")), "ngày có thật")
		require.Equal(t, "31", b.Value("#f-child_birth_date"), "what was typed stays")
		require.Equal(t, "2", b.Value("#f-child_birth_date-month"))
		require.Equal(t, 3, b.Count(id("field-child_birth_date")+" .govuk-input--error"))
		b.Screenshot("date-error")
		b.AssertAccessible(t)

		b.SetValue("#f-child_birth_date", "20")
		b.SetValue("#f-child_birth_date-month", "11")
		b.ClickNavigate(id("continue"))
		b.WaitVisible(id("field-father_birth_date"))
		require.True(t, strings.HasSuffix(strings.TrimRight(b.URL(), "/"), "/steps/1"), b.URL())
		require.Regexp(t, `^\d{2}/\d{2}/\d{4}$`, strings.TrimSpace(b.Text(id("value-father_birth_date"))))
		b.Screenshot("date-locked")
		b.AssertAccessible(t)
	}
}
