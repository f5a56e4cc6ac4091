package pdfdoc

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Vietnam is Indochina Time (UTC+7, no daylight saving), fixed so no tz database is needed:
// every instant a document prints is Vietnam time.
var Vietnam = time.FixedZone("ICT", 7*3600)

// Line returns s as one line the documents can print: in NFC, without control characters, a
// rune beyond the Basic Multilingual Plane (which fpdf cannot write) as U+FFFD, and every run
// of white space, line breaks included, as one space.
func Line(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u00a0':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
		case r > 0xffff:
			b.WriteRune('\ufffd')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Lines is Line for each line of s, keeping its line breaks ("\r\n" read as one), without the
// blank lines at its start and end.
func Lines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = Line(l)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
