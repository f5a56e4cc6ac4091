package receipt

import (
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/pdfdoc"
)

// clean returns rc with every text in NFC and free of what the PDF cannot show: fpdf writes
// only the Basic Multilingual Plane, and control characters have no glyph. Only the note keeps
// its line breaks. The caller's Documents and Parties are not modified; a party without a name
// is left out.
func clean(rc Receipt) Receipt {
	rc.CaseCode = pdfdoc.Line(rc.CaseCode)
	rc.ProcedureCode = pdfdoc.Line(rc.ProcedureCode)
	rc.ProcedureName = pdfdoc.Line(rc.ProcedureName)
	rc.AgencyName = pdfdoc.Line(rc.AgencyName)
	rc.ApplicantName = pdfdoc.Line(rc.ApplicantName)
	rc.ApplicantIDMasked = pdfdoc.Line(rc.ApplicantIDMasked)
	rc.Fee = pdfdoc.Line(rc.Fee)
	rc.TrackURL = strings.TrimSpace(rc.TrackURL) // encoded as is: it is a URL, not text
	rc.Note = pdfdoc.Lines(rc.Note)
	docs := make([]string, 0, len(rc.Documents))
	for _, d := range rc.Documents {
		if d = pdfdoc.Line(d); d != "" {
			docs = append(docs, d)
		}
	}
	rc.Documents = docs
	rc.RoutingReason = pdfdoc.Line(rc.RoutingReason)
	parties := make([]Party, 0, len(rc.Parties))
	for _, p := range rc.Parties {
		p = Party{Label: pdfdoc.Line(p.Label), Role: pdfdoc.Line(p.Role), FullName: pdfdoc.Line(p.FullName),
			IDMasked: pdfdoc.Line(p.IDMasked), Source: pdfdoc.Line(p.Source)}
		if p.FullName != "" {
			parties = append(parties, p)
		}
	}
	rc.Parties = parties
	return rc
}

// instant shows t in Vietnam time as documents write an instant: "15 giờ 04 phút, ngày
// 02/01/2006".
func instant(t time.Time) string {
	return t.In(pdfdoc.Vietnam).Format("15 giờ 04 phút, ngày 02/01/2006")
}

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
