// Package dong writes amounts of Vietnamese đồng as the portal shows them: in figures
// ("50.000 đồng", "VND 50,000") and in words, as a receipt writes "Số tiền viết bằng chữ"
// ("Năm mươi nghìn đồng"). Amounts are whole đồng in an int64 everywhere in the portal; there
// are no smaller units (the hào and xu are no longer in use).
//
// # Figures
//
// Vietnamese puts a dot after the thousands, millions and billions (Decree 123/2020/NĐ-CP on
// invoices and receipts lets the issuer do so, and it is what every Vietnamese document does):
// 1.250.000. English puts a comma and writes the currency code first: VND 1,250,000.
//
// # Words
//
// The words follow the Vietnamese accounting convention for "Số tiền viết bằng chữ" on
// receipts, invoices and cash vouchers (the forms of Thông tư 200/2014/TT-BTC and
// 133/2016/TT-BTC ask for the amount in words; the reading is the standard reading of numbers
// taught in school and used by accounting software):
//
//   - The number is read in groups of three digits from the left: units, "nghìn", "triệu",
//     "tỷ"; above the tỷ the groups repeat before "tỷ" ("Một nghìn tỷ", "Một tỷ tỷ").
//   - A group of three zeros is not read ("Một triệu đồng", not "Một triệu không nghìn").
//   - The first group is read as it is ("Năm", "Mười lăm", "Một trăm linh một"); every group
//     read after it reads its hundreds even when they are zero, and "linh" for a zero ten:
//     1.005 "Một nghìn không trăm linh năm", 2.000.005 "Hai triệu không trăm linh năm".
//   - Tens: 10 is "mười", 20–90 are "hai mươi" … "chín mươi"; 110 is "một trăm mười".
//   - A zero ten between hundreds and units is "linh" (not the southern "lẻ"): 101 "một trăm
//     linh một".
//   - 1 after "mươi" (21–91) is "mốt"; after "mười" or "linh" it stays "một" (11, 101).
//   - 5 after "mười" or "mươi" (15, 25–95) is "lăm"; after "linh" and alone it stays "năm".
//   - 4 is always "bốn" (24 "hai mươi bốn"): the spoken "tư" is also seen, but "bốn" cannot be
//     misread and is what receipts print.
//   - Thousands are "nghìn" (not the southern "ngàn"); billions are "tỷ".
//   - The text starts with a capital letter and ends with "đồng"; "chẵn" (a round amount) is
//     not added.
//
// A negative amount is written with "Âm" in front ("Âm năm mươi nghìn đồng"), as accounting
// software writes one; the portal's amounts are never negative (the database refuses them), so
// Words needs no error and a defect still shows plainly on the document.
package dong

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format writes vnd in figures for Vietnamese: "50.000 đồng".
func Format(vnd int64) string { return group(vnd, ".") + " đồng" }

// FormatEN writes vnd in figures for English: "VND 50,000".
func FormatEN(vnd int64) string { return "VND " + group(vnd, ",") }

// group writes n with sep between each group of three digits: 1.250.000.
func group(n int64, sep string) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words writes vnd in Vietnamese words as a receipt does, capitalised and ending in "đồng":
// 50.000 is "Năm mươi nghìn đồng", 1.250.000 "Một triệu hai trăm năm mươi nghìn đồng". The
// rules are in the package documentation.
func Words(vnd int64) string {
	// The magnitude as uint64, so the smallest int64 has one too.
	n := uint64(vnd) //nolint:gosec // G115: two's complement, negated below
	if vnd < 0 {
		n = -n
	}
	words := "không"
	if n > 0 {
		words = spell(n, false)
	}
	if vnd < 0 {
		words = "âm " + words
	}
	return capitalise(words) + " đồng"
}

// billion is one tỷ.
const billion = 1_000_000_000

// spell writes n > 0. read says that a higher group was read before n, so n's first group
// reads its hundreds.
func spell(n uint64, read bool) string {
	if n >= billion {
		words := spell(n/billion, read) + " tỷ"
		if rest := n % billion; rest > 0 {
			words += " " + spell(rest, true)
		}
		return words
	}
	var parts []string
	for _, g := range [...]struct {
		size uint64
		name string
	}{{1_000_000, " triệu"}, {1000, " nghìn"}, {1, ""}} {
		v := n / g.size % 1000
		if v == 0 {
			continue
		}
		parts = append(parts, hundreds(int(v), read)+g.name)
		read = true
	}
	return strings.Join(parts, " ")
}

// digits are the words of 0–9.
var digits = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// hundreds writes one group, 0 < v < 1000. full reads the hundreds even when they are zero.
func hundreds(v int, full bool) string {
	h, t, u := v/100, v/10%10, v%10
	var parts []string
	if h > 0 || full {
		parts = append(parts, digits[h], "trăm")
	}
	switch {
	case t == 0 && u == 0:
	case t == 0 && len(parts) > 0:
		parts = append(parts, "linh", digits[u])
	case t == 0:
		parts = append(parts, digits[u])
	case t == 1:
		parts = append(parts, "mười")
		if u > 0 {
			parts = append(parts, unit(u, false))
		}
	default:
		parts = append(parts, digits[t], "mươi")
		if u > 0 {
			parts = append(parts, unit(u, true))
		}
	}
	return strings.Join(parts, " ")
}

// unit is the last digit after a ten: 5 is "lăm"; 1 is "mốt" after "mươi".
func unit(u int, afterMuoi bool) string {
	switch {
	case u == 5:
		return "lăm"
	case u == 1 && afterMuoi:
		return "mốt"
	}
	return digits[u]
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
