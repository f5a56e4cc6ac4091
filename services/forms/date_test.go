package forms_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/forms"
)

// TestDateFromThreeBoxes checks a date typed in three boxes (day, month, year, posted as
// <name>.day, <name>.month, <name>.year): a real date is saved as ISO (YYYY-MM-DD) so prefill,
// snapshots and PDFs are unchanged; a part missing, a date that does not exist, a short year
// and a future birth date each get their own message; what was typed is kept as typed so the
// boxes show it again (and a draft resumes with it).
func TestDateFromThreeBoxes(t *testing.T) {
	t.Parallel()
	dateStep := forms.Step{ID: "d", Fields: []forms.Field{
		{Name: "born", Type: forms.TypeDate, Label: forms.Text{VI: "Ngày sinh", EN: "Date of birth"}, Required: true, NotFuture: true},
		{Name: "members", Type: forms.TypeGroup, Label: forms.Text{VI: "Thành viên", EN: "Members"}, Fields: []forms.Field{
			{Name: "born", Type: forms.TypeDate, Label: forms.Text{VI: "Ngày sinh", EN: "Date of birth"}},
		}},
	}}
	read := func(day, month, year string) (string, string) {
		a := forms.FromForm(dateStep, url.Values{"born.day": {day}, "born.month": {month}, "born.year": {year}})
		msg := ""
		for _, e := range forms.Validate(dateStep, a, a, rules) {
			if e.Field == "born" {
				msg = e.Message
			}
		}
		return a.String("born"), msg
	}
	for name, tc := range map[string]struct {
		day, month, year string
		saved, msg       string
	}{
		"OK":                 {"5", "3", "2020", "2020-03-05", ""},
		"OKPadded":           {" 05 ", "03", "2020", "2020-03-05", ""},
		"ErrMissingMonth":    {"5", "", "2020", "2020--5", forms.MsgDateMonth},
		"ErrMissingDay":      {"", "3", "2020", "2020-3-", forms.MsgDateDay},
		"ErrMissingYear":     {"5", "3", "", "-3-5", forms.MsgDateYear},
		"ErrMissingDayMon":   {"", "", "2020", "2020--", forms.MsgDateDayMonth},
		"ErrImpossible":      {"31", "2", "2020", "2020-2-31", forms.MsgDateReal},
		"ErrMonth13":         {"1", "13", "2020", "2020-13-1", forms.MsgDateReal},
		"ErrLetters":         {"mười", "3", "2020", "2020-3-mười", forms.MsgDateReal},
		"ErrShortYear":       {"5", "3", "20", "20-3-5", forms.MsgDateYear4},
		"ErrFutureBirth":     {"1", "12", "2026", "2026-12-01", "validation.date.future"},
		"ErrRequiredAll":     {"", "", "", "", "validation.required"},
		"ErrTooOld":          {"1", "1", "1800", "1800-01-01", "validation.date"},
		"OKTodayIsNotFuture": {"27", "11", "2026", "2026-11-27", ""},
	} {
		t.Run(name, func(t *testing.T) {
			saved, msg := read(tc.day, tc.month, tc.year)
			require.Equal(t, tc.saved, saved)
			require.Equal(t, tc.msg, msg)
		})
	}
	t.Run("ISOPostStillRead", func(t *testing.T) {
		// A locked (prefilled) date is posted as one hidden ISO value, as before.
		a := forms.FromForm(dateStep, url.Values{"born": {"2020-03-05"}})
		require.Equal(t, "2020-03-05", a.String("born"))
		require.Empty(t, forms.Validate(dateStep, a, a, rules))
	})
	t.Run("GroupItem", func(t *testing.T) {
		a := forms.FromForm(dateStep, url.Values{"born": {"2020-03-05"},
			"members.0.born.day": {"9"}, "members.0.born.month": {"10"}, "members.0.born.year": {"1990"}})
		require.Equal(t, "1990-10-09", a.Items("members")[0].String("born"))
	})
	t.Run("SplitDate", func(t *testing.T) {
		d, m, y := forms.SplitDate("2020-03-05")
		require.Equal(t, []string{"5", "3", "2020"}, []string{d, m, y}, "a saved date shows without leading zeros")
		d, m, y = forms.SplitDate("2020--31")
		require.Equal(t, []string{"31", "", "2020"}, []string{d, m, y}, "what was typed comes back")
		d, m, y = forms.SplitDate("")
		require.Equal(t, []string{"", "", ""}, []string{d, m, y})
	})
}
