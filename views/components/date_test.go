package components_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/components"
)

// TestDateField checks that a form's date is three boxes (day, month, year) as GOV.UK's date
// input, not the browser's date picker: the day box carries the field's id (the error summary
// links to it), a saved ISO date shows without leading zeros, what was typed shows again, only
// the boxes an error is about are marked, and a locked date is read-only text as a Vietnamese
// date, posted as ISO in a hidden input.
func TestDateField(t *testing.T) {
	t.Parallel()
	t.Run("ThreeBoxes", func(t *testing.T) {
		f := field("born", "date")
		f.Value = "2020-03-05"
		doc, html := renderDoc(t, components.Field(f))
		require.Zero(t, doc.Find("input[type=date]").Length(), html)
		require.Equal(t, 1, doc.Find("fieldset[role=group] > legend").Length(), html)
		for _, b := range []struct{ sel, name, value string }{
			{"#f-born", "born.day", "5"}, {"#f-born-month", "born.month", "3"}, {"#f-born-year", "born.year", "2020"},
		} {
			box := doc.Find(".govuk-date-input " + b.sel)
			require.Equal(t, 1, box.Length(), html)
			assert.Equal(t, b.name, attr(box, "name"))
			assert.Equal(t, b.value, attr(box, "value"))
			assert.Equal(t, "numeric", attr(box, "inputmode"))
			assert.Equal(t, "text", attr(box, "type"))
			assert.Equal(t, 1, doc.Find("label[for="+strings.TrimPrefix(b.sel, "#")+"]").Length())
		}
		assert.Contains(t, doc.Find("#f-born-hint").Text(), "27 3 2007")
	})
	t.Run("ErrMonthMarksTheMonth", func(t *testing.T) {
		f := field("born", "date")
		f.Value, f.Error = "2020--5", "validation.date.month"
		doc, html := renderDoc(t, components.Field(f))
		assert.Equal(t, "5", attr(doc.Find("#f-born"), "value"), "what was typed stays")
		assert.Equal(t, "", attr(doc.Find("#f-born-month"), "value"))
		assert.False(t, doc.Find("#f-born").HasClass("govuk-input--error"), html)
		assert.True(t, doc.Find("#f-born-month").HasClass("govuk-input--error"), html)
		assert.False(t, doc.Find("#f-born-year").HasClass("govuk-input--error"), html)
		assert.Contains(t, doc.Find("[data-testid=error-born]").Text(), "phải có tháng")
	})
	t.Run("ErrRealMarksAll", func(t *testing.T) {
		f := field("born", "date")
		f.Value, f.Error = "2020-2-31", "validation.date.real"
		doc, _ := renderDoc(t, components.Field(f))
		assert.Equal(t, 3, doc.Find(".govuk-date-input .govuk-input--error").Length())
	})
	t.Run("LockedIsVietnameseText", func(t *testing.T) {
		f := locked(field("born", "date"))
		f.Value = "2020-03-05"
		doc, html := renderDoc(t, components.Field(f))
		require.Zero(t, doc.Find(".govuk-date-input").Length(), html)
		assert.Equal(t, "05/03/2020", strings.TrimSpace(doc.Find("[data-testid=value-born]").Text()))
		assert.Equal(t, "2020-03-05", attr(doc.Find("input[type=hidden][name=born]"), "value"))
	})
}
