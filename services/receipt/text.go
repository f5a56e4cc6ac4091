package receipt

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// vietnam is Indochina Time (UTC+7, no daylight saving), fixed so no tz database is needed.
var vietnam = time.FixedZone("ICT", 7*3600)

// clean returns rc with every text in NFC and free of what the PDF cannot show: fpdf writes
// only the Basic Multilingual Plane, and control characters have no glyph. Only the note keeps
// its line breaks. The caller's Documents and Parties are not modified; a party without a name
// is left out.
func clean(rc Receipt) Receipt {
	rc.CaseCode = cleanLine(rc.CaseCode)
	rc.ProcedureCode = cleanLine(rc.ProcedureCode)
	rc.ProcedureName = cleanLine(rc.ProcedureName)
	rc.AgencyName = cleanLine(rc.AgencyName)
	rc.ApplicantName = cleanLine(rc.ApplicantName)
	rc.ApplicantIDMasked = cleanLine(rc.ApplicantIDMasked)
	rc.Fee = cleanLine(rc.Fee)
	rc.TrackURL = strings.TrimSpace(rc.TrackURL) // encoded as is: it is a URL, not text
	rc.Note = cleanText(rc.Note, true)
	docs := make([]string, 0, len(rc.Documents))
	for _, d := range rc.Documents {
		if d = cleanLine(d); d != "" {
			docs = append(docs, d)
		}
	}
	rc.Documents = docs
	rc.RoutingReason = cleanLine(rc.RoutingReason)
	parties := make([]Party, 0, len(rc.Parties))
	for _, p := range rc.Parties {
		p = Party{Label: cleanLine(p.Label), Role: cleanLine(p.Role), FullName: cleanLine(p.FullName),
			IDMasked: cleanLine(p.IDMasked), Source: cleanLine(p.Source)}
		if p.FullName != "" {
			parties = append(parties, p)
		}
	}
	rc.Parties = parties
	return rc
}

func cleanLine(s string) string { return cleanText(s, false) }

func cleanText(s string, keepNewlines bool) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\t' || r == '\n' || r == '\u00a0':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
		case r > 0xffff:
			b.WriteRune('\ufffd')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// instant shows t in Vietnam time as documents write an instant: "15 giờ 04 phút, ngày
// 02/01/2006".
func instant(t time.Time) string { return t.In(vietnam).Format("15 giờ 04 phút, ngày 02/01/2006") }

// civilDate shows the date t names, dd/mm/yyyy, without moving it to another time zone.
func civilDate(t time.Time) string { return t.Format("02/01/2006") }

// afterCutOff says that a case submitted after the cut-off (15:00 when zero) or on a day off
// counts from the next working day.
func afterCutOff(cutOff time.Duration) string {
	if cutOff == 0 {
		cutOff = 15 * time.Hour
	}
	at := fmt.Sprintf("%d giờ", int(cutOff/time.Hour))
	if m := int(cutOff % time.Hour / time.Minute); m != 0 {
		at += fmt.Sprintf(" %02d", m)
	}
	return "Hồ sơ nộp sau " + at + " hoặc vào ngày nghỉ được tính từ ngày làm việc tiếp theo."
}

// processingTime shows the legal processing time.
func processingTime(days int) string {
	if days == 0 {
		return "Trong ngày làm việc"
	}
	return fmt.Sprintf("%d ngày làm việc", days)
}
