package forms_test

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
)

// TestFromFormCapsAnswers: a post's values are cut before they are saved: megabytes in a text
// keep twice its field's length (still refused as too long), and every other value and list is
// short.
func TestFromFormCapsAnswers(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("ạ", 1<<20) // 3 MB
	form := url.Values{
		"name": {huge}, "note": {huge}, "area": {huge}, "born": {huge}, "sex": {huge}, "other": {huge},
		"lines":         {"food", "retail", "x1", "x2", "x3", huge},
		"home.line":     {huge},
		"home.province": {"01"}, "home.commune": {"00070"},
		"members.1.full_name": {"Mai"}, "members.1.pid": {huge + "1"},
		"members.0.full_name": {huge},
	}
	a := forms.FromForm(step, form)
	runes := func(s string) int { return utf8.RuneCountInString(s) }
	require.Equal(t, 32, runes(a.String("name")), "twice the field's 16")
	require.Equal(t, 4000, runes(a.String("note")), "twice a textarea's 2000")
	for _, f := range []string{"area", "born", "sex", "other"} {
		require.LessOrEqual(t, runes(a.String(f)), 200, f)
	}
	require.LessOrEqual(t, len(a.Strings("lines")), 2, "no more values than options")
	require.Equal(t, 400, runes(a.Address("home").Line))
	require.LessOrEqual(t, runes(a.Items("members")[1].String("pid")), 200)
	require.Equal(t, 400, runes(a.Items("members")[0].String("full_name")))
	errs := map[string]string{}
	for _, e := range forms.Validate(step, a, a, rules) {
		errs[e.Field] = e.Message
	}
	require.Equal(t, "validation.too_long", errs["name"])
	require.Equal(t, "validation.too_long", errs["note"])
	require.Equal(t, "validation.too_long", errs["home.line"])
}

// TestStepFilesCapped: a step asks for at most MaxFilesPerStep files, which size a step's post.
func TestStepFilesCapped(t *testing.T) {
	t.Parallel()
	file := func(n string) forms.Field {
		return forms.Field{Name: n, Type: forms.TypeFile, Label: forms.Text{VI: n, EN: n}}
	}
	s := forms.Schema{Declaration: forms.Text{VI: "Cam đoan", EN: "Declare"}, Steps: []forms.Step{{ID: "docs",
		Fields: []forms.Field{file("a"), file("b"), file("c")}}}}
	require.NoError(t, s.Check())
	s.Steps[0].Fields = append(s.Steps[0].Fields, file("d"))
	require.ErrorContains(t, s.Check(), "more than 3")
}
