package catalogue

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
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

// searchWords splits a text into the words search compares, the same way for a query and for
// a procedure's names and keywords (searchText), so that what one spelling finds every other
// finds too:
//   - folded (Fold): no tones, lower case, đ as d: "Đăng ký" and "dang ky" are one;
//   - letters and digits, with dots kept inside a word so a procedure code such as "1.001193"
//     stays one word;
//   - an abbreviation people type (data/abbreviations.json: "dkks", "bhxh", "qsdđ") becomes the
//     words it stands for;
//   - a final y after a consonant becomes i (foldY): "ký" and "kí", "lý" and "lí", "quý" and
//     "quí" are old and new spellings of one syllable.
func searchWords(s string) []string {
	fields := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	abbr := abbreviations()
	var out []string
	for _, w := range fields {
		if w = strings.Trim(w, "."); w == "" {
			continue
		}
		if long, ok := abbr[w]; ok {
			for _, lw := range long {
				out = append(out, foldY(lw))
			}
			continue
		}
		out = append(out, foldY(w))
	}
	return out
}

// foldY spells a folded word's final y as i when a consonant (or the qu of "quy") comes before
// it: "ky" → "ki", "ly" → "li", "my" → "mi", "quy" → "qui". Only there are y and i two spellings
// of one sound: after a vowel they are different words (tay and tai, may and mai), and a y that
// begins a word (yen) has no i spelling, so those stay.
func foldY(w string) string {
	n := len(w)
	if n < 2 || w[n-1] != 'y' {
		return w
	}
	if strings.ContainsRune("aeiouy", rune(w[n-2])) && !strings.HasSuffix(w, "quy") {
		return w
	}
	if c := rune(w[n-2]); c < 'a' || c > 'z' {
		return w // a digit or a letter of another script
	}
	return w[:n-1] + "i"
}

// Abbreviations returns the abbreviations search expands, each with the folded words it
// stands for.
func Abbreviations() map[string][]string { return abbreviations() }

//go:embed data/abbreviations.json
var abbreviationsJSON []byte

// abbreviations are data/abbreviations.json, each expansion split into folded words. The file
// is part of the binary and a test reads it, so a mistake in it fails the build's tests rather
// than a search.
var abbreviations = sync.OnceValue(func() map[string][]string {
	raw := map[string]string{}
	if err := json.Unmarshal(abbreviationsJSON, &raw); err != nil {
		panic("catalogue: data/abbreviations.json: " + err.Error())
	}
	out := make(map[string][]string, len(raw))
	for k, v := range raw {
		if strings.HasPrefix(k, "_") {
			continue
		}
		out[k] = strings.Fields(Fold(v))
	}
	return out
})
