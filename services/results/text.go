package results

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// vietnam is Indochina Time (UTC+7, no daylight saving), fixed so no tz database is needed.
var vietnam = time.FixedZone("ICT", 7*3600)

// clean returns in with every text in NFC and free of what the PDF cannot show: fpdf writes
// only the Basic Multilingual Plane, and control characters have no glyph. Codes are trimmed
// only. The caller's Details and Parties are not modified; rows without a value and parties
// without a name are dropped.
func clean(in Issue) Issue {
	in.CaseCode = strings.TrimSpace(in.CaseCode)
	in.AgencyCode = strings.TrimSpace(in.AgencyCode)
	in.ProcedureCode = strings.TrimSpace(in.ProcedureCode)
	in.VerifyURL = strings.TrimSpace(in.VerifyURL)
	in.AgencyName = cleanText(in.AgencyName)
	in.ProcedureName = cleanText(in.ProcedureName)
	in.ApplicantName = cleanText(in.ApplicantName)
	in.ApplicantIDMasked = cleanText(in.ApplicantIDMasked)
	in.ApplicantLabel = cleanText(in.ApplicantLabel)
	in.ApplicantRole = cleanText(in.ApplicantRole)
	in.Decision = cleanText(in.Decision)
	details := make([][2]string, 0, len(in.Details))
	for _, d := range in.Details {
		label, value := cleanText(d[0]), cleanText(d[1])
		if value != "" {
			details = append(details, [2]string{label, value})
		}
	}
	in.Details = details
	parties := make([]Party, 0, len(in.Parties))
	for _, p := range in.Parties {
		p = Party{Label: cleanText(p.Label), Name: cleanText(p.Name), IDMasked: cleanText(p.IDMasked)}
		if p.Name != "" {
			parties = append(parties, p)
		}
	}
	in.Parties = parties
	return in
}

// cleanText normalises s to NFC on one line.
func cleanText(s string) string {
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

// validate reports what a result lacks.
func validate(in Issue) error {
	var missing []string
	for _, field := range []struct{ name, value string }{
		{"CaseCode", in.CaseCode},
		{"AgencyCode", in.AgencyCode},
		{"AgencyName", in.AgencyName},
		{"ProcedureCode", in.ProcedureCode},
		{"ProcedureName", in.ProcedureName},
		{"ApplicantName", in.ApplicantName},
		{"Decision", in.Decision},
		{"VerifyURL", in.VerifyURL},
	} {
		if field.value == "" {
			missing = append(missing, field.name)
		}
	}
	if in.CaseID <= 0 {
		missing = append(missing, "CaseID")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w %q: missing %s", ErrIncomplete, in.CaseCode, strings.Join(missing, ", "))
	}
	return nil
}

// verifyLink is the address the QR code opens: the verification page with the code filled in.
func verifyLink(base, code string) string {
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "code=" + code
}

// officialDate writes t's day in Vietnam as official documents do (Decree 30/2020): "ngày 05
// tháng 3 năm 2026", with a leading zero for days below 10 and for January and February.
func officialDate(t time.Time) string {
	t = t.In(vietnam)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= time.February {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// instant shows t in Vietnam time as hh:mm dd/mm/yyyy.
func instant(t time.Time) string { return t.In(vietnam).Format("15:04 02/01/2006") }
