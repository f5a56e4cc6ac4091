package results

import (
	"strings"
	"time"
)

// digits are the Vietnamese words of 0–9.
var digits = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// DateInWords writes a civil date as a birth certificate writes it in words: "ngày hai mươi,
// tháng mười một, năm hai nghìn không trăm hai mươi sáu"; days 1–10 are "mồng" ("ngày mồng
// năm").
func DateInWords(t time.Time) string {
	day := NumberInWords(t.Day())
	if t.Day() <= 10 {
		day = "mồng " + day
	}
	return "ngày " + day + ", tháng " + NumberInWords(int(t.Month())) + ", năm " + NumberInWords(t.Year())
}

// NumberInWords writes 0 ≤ n < 1,000,000 in Vietnamese words, as read aloud: 21 "hai mươi
// mốt", 15 "mười lăm", 24 "hai mươi tư", 105 "một trăm linh năm", 2026 "hai nghìn không trăm
// hai mươi sáu".
func NumberInWords(n int) string {
	if n < 0 || n >= 1_000_000 {
		return ""
	}
	if n < 1000 {
		return below1000(n, false)
	}
	words := below1000(n/1000, false) + " nghìn"
	if rest := n % 1000; rest > 0 {
		words += " " + below1000(rest, true)
	}
	return words
}

// below1000 writes 0 ≤ n < 1000; full writes the hundreds even when they are none ("không
// trăm"), as after thousands.
func below1000(n int, full bool) string {
	h, t, u := n/100, n/10%10, n%10
	var parts []string
	if h > 0 || full {
		parts = append(parts, digits[h]+" trăm")
		if t == 0 && u > 0 {
			parts = append(parts, "linh")
		}
	}
	switch {
	case t == 0 && u == 0 && len(parts) > 0:
	case t == 0:
		parts = append(parts, digits[u])
	case t == 1:
		parts = append(parts, "mười")
		if u > 0 {
			parts = append(parts, unit(u, false))
		}
	default:
		parts = append(parts, digits[t]+" mươi")
		if u > 0 {
			parts = append(parts, unit(u, true))
		}
	}
	return strings.Join(parts, " ")
}

// unit is the last digit after a ten: 5 is "lăm", and after "mươi" 1 is "mốt" and 4 "tư".
func unit(u int, afterMuoi bool) string {
	switch {
	case u == 5:
		return "lăm"
	case u == 1 && afterMuoi:
		return "mốt"
	case u == 4 && afterMuoi:
		return "tư"
	}
	return digits[u]
}
