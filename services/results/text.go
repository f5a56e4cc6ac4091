package results

import (
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/pdfdoc"
)

// clean returns in with every text in NFC and free of what the PDF cannot show: fpdf writes
// only the Basic Multilingual Plane, and control characters have no glyph. Codes are trimmed
// only. The caller's body is not modified; rows without a value are dropped.
func clean(in Issue) Issue {
	in.CaseCode = strings.TrimSpace(in.CaseCode)
	in.AgencyCode = strings.TrimSpace(in.AgencyCode)
	in.ProcedureCode = strings.TrimSpace(in.ProcedureCode)
	in.VerifyURL = strings.TrimSpace(in.VerifyURL)
	in.AgencyName = pdfdoc.Line(in.AgencyName)
	in.ProcedureName = pdfdoc.Line(in.ProcedureName)
	in.Letterhead = Letterhead{Superior: pdfdoc.Line(in.Letterhead.Superior), Name: pdfdoc.Line(in.Letterhead.Name),
		Locality: pdfdoc.Line(in.Letterhead.Locality)}
	if in.Letterhead.Name == "" {
		in.Letterhead.Name = in.AgencyName
	}
	in.Body = cleanBody(in.Body)
	return in
}

// cleanBody is clean for a body: a copy, every text on one line, rows without a value dropped.
func cleanBody(b Body) Body {
	out := Body{Name: pdfdoc.Line(b.Name), Title: pdfdoc.Line(b.Title), Subtitle: pdfdoc.Line(b.Subtitle)}
	for _, l := range b.Lines {
		more := make([]Pair, 0, len(l.More))
		for _, p := range l.More {
			if p = (Pair{Label: pdfdoc.Line(p.Label), Text: pdfdoc.Line(p.Text)}); p.Text != "" {
				more = append(more, p)
			}
		}
		l = Line{Label: pdfdoc.Line(l.Label), Text: pdfdoc.Line(l.Text), Heading: l.Heading, Bold: l.Bold, Center: l.Center, More: more}
		if l.Text != "" {
			out.Lines = append(out.Lines, l)
		}
	}
	for _, s := range b.Signer {
		if s = pdfdoc.Line(s); s != "" {
			out.Signer = append(out.Signer, s)
		}
	}
	for _, r := range b.Recipients {
		if r = pdfdoc.Line(r); r != "" {
			out.Recipients = append(out.Recipients, r)
		}
	}
	return out
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
		{"Body.Title", in.Body.Title},
		{"VerifyURL", in.VerifyURL},
	} {
		if field.value == "" {
			missing = append(missing, field.name)
		}
	}
	if in.CaseID <= 0 {
		missing = append(missing, "CaseID")
	}
	if len(in.Body.Lines) == 0 {
		missing = append(missing, "Body.Lines")
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
	t = t.In(pdfdoc.Vietnam)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= time.February {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// instant shows t in Vietnam time as documents write an instant: "15 giờ 04 phút, ngày
// 02/01/2006".
func instant(t time.Time) string {
	return t.In(pdfdoc.Vietnam).Format("15 giờ 04 phút, ngày 02/01/2006")
}
