package catalogue

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a text to what search compares: lower case, Vietnamese diacritics removed
// (đ and Đ become d), runs of white space collapsed to one space, so that a citizen typing
// without diacritics finds the same procedures: "Đăng ký  khai sinh" → "dang ky khai sinh".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent or tone mark
		case r == 'đ' || r == 'Đ' || r == 'Ð': // Ð (eth) is a common mistyping of Đ
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// searchWords splits a text into folded words for search: letters and digits, with dots kept
// inside a word so a procedure code such as "1.001193" stays one word.
func searchWords(s string) []string {
	fields := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	out := fields[:0]
	for _, w := range fields {
		if w = strings.Trim(w, "."); w != "" {
			out = append(out, w)
		}
	}
	return out
}
