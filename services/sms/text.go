package sms

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxText is the longest text the portal sends: three GSM-7 segments of a concatenated message
// (153 characters each). Texts are written to fit in one or two.
const MaxText = 3 * 153

// Text writes Vietnamese without diacritics in GSM-7's basic characters: tones and vowel marks
// are dropped ("Hồ sơ" → "Ho so"), đ becomes d, typographic quotes and dashes become their ASCII
// forms, and anything else outside printable ASCII, or in GSM-7's escape table ([ ] { } \ ^ ~ |,
// which cost two characters), becomes a space. Runs of spaces are folded and the text is cut to
// MaxText.
func Text(s string) string {
	s = strings.NewReplacer("đ", "d", "Đ", "D", "“", "\"", "”", "\"", "‘", "'", "’", "'", "–", "-", "—", "-", "…", "...").Replace(s)
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e || strings.ContainsRune("[]{}\\^~|`", r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	out := strings.TrimSpace(strings.Join(lines, "\n"))
	if len(out) > MaxText {
		out = strings.TrimSpace(out[:MaxText])
	}
	return out
}
