// Package receipt renders the two receipts of an application, as A4 PDFs in Vietnamese (drawn
// with pdfdoc) with a QR code that opens public tracking of the case: the "Thông báo đã nộp hồ sơ trực
// tuyến" a citizen gets on submitting (PDF), and the "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
// the agency issues once it has received the case, with the appointment date (SlipPDF), which
// SignedSlipPDF signs in the agency's name (services/signing).
package receipt

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/pdfdoc"
)

// Receipt is what the PDF shows. Text fields are shown as given, after Unicode NFC
// normalisation, so decomposed Vietnamese ("e" + combining marks) renders like precomposed.
type Receipt struct {
	CaseCode          string    // e.g. "UBND-00070-261127-0001"
	ProcedureCode     string    // e.g. "1.001193"
	ProcedureName     string    // Vietnamese name
	AgencyName        string    // receiving agency, Vietnamese
	AgencyCode        string    // its code: the receipt slip is signed with its key (SignedSlipPDF)
	RoutingReason     string    // why that agency is competent, e.g. "nơi bạn đăng ký thường trú mới"; optional
	ApplicantName     string    // full name
	ApplicantIDMasked string    // "********2345"
	SubmittedAt       time.Time // an instant; shown in Vietnam time (UTC+7)
	ExpectedResult    time.Time // a civil date: its year, month and day are shown as they are, in its own location
	ProcessingDays    int       // legal processing time in working days; 0 means within the day
	Fee               string    // already formatted, e.g. "Miễn phí" or "10.000 ₫"
	Documents         []string  // what was submitted (names of the parts / attachments)
	TrackURL          string    // absolute URL of public tracking with the case code (/tra-cuu?code=…); encoded in the QR code
	Note              string    // optional, e.g. that the due date counts from receipt by the agency
	Parties           []Party   // the people the case names, the applicant first; optional
	// CountsFromNextDay is set when the case was submitted after the cut-off (CutOff, 15:00
	// when zero) or on a day off: the receipt says its time counts from the next working day.
	CountsFromNextDay bool
	CutOff            time.Duration // offset from midnight, Vietnam time
}

// Party is a person the case names, as the receipt prints them: the personal ID masked, where
// their identity came from in words.
type Party struct {
	Label    string // "Mẹ của trẻ", "Người nộp hồ sơ"
	Role     string // the applicant's stated capacity ("Mẹ"); empty for the others
	FullName string // a party without a name is left out
	IDMasked string // "********2345"; optional
	Source   string // "Cơ sở dữ liệu quốc gia về dân cư", "Người nộp hồ sơ khai"; optional
}

// ErrIncomplete is returned by PDF for a receipt that lacks what a receipt must show. It is a
// defect of the caller (the case record), not of the citizen's input.
var ErrIncomplete = errors.New("receipt: incomplete receipt")

// Renderer renders receipts. The fonts are read once; each PDF call builds its own document
// from them, so one Renderer serves concurrent requests.
type Renderer struct {
	fonts  pdfdoc.Fonts
	sealer Sealer // signs in SignedSlipPDF (sealed.go); nil: SignedSlipPDF fails
}

// NewRenderer reads the DejaVu Sans fonts from fontDir, or, when fontDir is "", from
// $RECEIPT_FONT_DIR and then /usr/share/fonts/truetype/dejavu (pdfdoc.FindFonts). It fails,
// naming the Debian package to install, when no folder has them, and when a font lacks
// Vietnamese letters, so a receipt can never come out with missing glyphs.
func NewRenderer(fontDir string) (*Renderer, error) {
	fonts, err := pdfdoc.FindFonts(fontDir)
	if err != nil {
		return nil, fmt.Errorf("receipt: %w", err)
	}
	return &Renderer{fonts: fonts}, nil
}

// Fonts returns the fonts NewRenderer uses, found and checked the same way. New code calls
// pdfdoc.FindFonts; this remains while the results service's constructor calls it.
func Fonts(fontDir string) (regular, bold []byte, err error) {
	fonts, err := pdfdoc.FindFonts(fontDir)
	if err != nil {
		return nil, nil, fmt.Errorf("receipt: %w", err)
	}
	return fonts.Regular, fonts.Bold, nil
}

// PDF renders rc as an A4 PDF. The same receipt always gives the same bytes: the document's
// dates are the submission time, and its catalogues are sorted.
func (r *Renderer) PDF(rc Receipt) ([]byte, error) {
	rc = clean(rc)
	if err := validate(rc); err != nil {
		return nil, err
	}
	qr, err := qrForPDF(rc.TrackURL)
	if err != nil {
		return nil, fmt.Errorf("receipt: %s: %w", rc.CaseCode, err)
	}
	d := pdfdoc.New(r.fonts)
	d.SetTitle("Thông báo đã nộp hồ sơ trực tuyến "+rc.CaseCode, true)
	d.SetSubject(rc.ProcedureName, true)
	d.SetAuthor(rc.AgencyName, true)
	d.SetCreationDate(rc.SubmittedAt)
	d.SetModificationDate(rc.SubmittedAt)
	layout(d, rc, qr)
	pdf, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("receipt: render %s: %w", rc.CaseCode, err)
	}
	return pdf, nil
}

// validate reports what a receipt lacks.
func validate(rc Receipt) error {
	var missing []string
	for _, field := range []struct{ name, value string }{
		{"CaseCode", rc.CaseCode},
		{"ProcedureName", rc.ProcedureName},
		{"AgencyName", rc.AgencyName},
		{"ApplicantName", rc.ApplicantName},
		{"TrackURL", rc.TrackURL},
	} {
		if strings.TrimSpace(field.value) == "" {
			missing = append(missing, field.name)
		}
	}
	if rc.SubmittedAt.IsZero() {
		missing = append(missing, "SubmittedAt")
	}
	if rc.ExpectedResult.IsZero() {
		missing = append(missing, "ExpectedResult")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w %q: missing %s", ErrIncomplete, rc.CaseCode, strings.Join(missing, ", "))
	}
	if rc.ProcessingDays < 0 {
		return fmt.Errorf("%w %q: negative ProcessingDays %d", ErrIncomplete, rc.CaseCode, rc.ProcessingDays)
	}
	return nil
}
