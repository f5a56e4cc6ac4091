package receipt

import (
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/pdfdoc"
)

// Slip is the "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (the form of Circular 01/2018/TT-VPCP)
// an agency issues when it receives a case: the case as submitted (its Receipt), when and by
// whom it was received, and the date the result is due. Until then the citizen holds only the
// notice of submission.
type Slip struct {
	Receipt
	Superior   string    // the body that manages the agency ("Công an thành phố Hà Nội"); optional
	Locality   string    // the place the slip is dated at ("Hoàn Kiếm"); optional
	ReceivedAt time.Time // an instant; shown in Vietnam time
	ReceivedBy string    // the officer who received the case; optional
	DueOn      time.Time // a civil date: the appointment to return the result
}

// SlipPDF renders s as an A4 PDF. The same slip always gives the same bytes: the document's
// dates are the time of receipt.
func (r *Renderer) SlipPDF(s Slip) ([]byte, error) {
	s.Receipt = clean(s.Receipt)
	s.Superior, s.Locality, s.ReceivedBy = pdfdoc.Line(s.Superior), pdfdoc.Line(s.Locality), pdfdoc.Line(s.ReceivedBy)
	if err := validate(s.Receipt); err != nil {
		return nil, err
	}
	if s.ReceivedAt.IsZero() || s.DueOn.IsZero() {
		return nil, fmt.Errorf("%w %q: a slip needs the time of receipt and the due date", ErrIncomplete, s.CaseCode)
	}
	qr, err := qrForPDF(s.TrackURL)
	if err != nil {
		return nil, fmt.Errorf("receipt: %s: %w", s.CaseCode, err)
	}
	d := pdfdoc.New(r.fonts)
	d.SetTitle("Giấy tiếp nhận hồ sơ và hẹn trả kết quả "+s.CaseCode, true)
	d.SetSubject(s.ProcedureName, true)
	d.SetAuthor(s.AgencyName, true)
	d.SetCreationDate(s.ReceivedAt)
	d.SetModificationDate(s.ReceivedAt)
	slipLayout(d, s, qr)
	pdf, err := d.Bytes()
	if err != nil {
		return nil, fmt.Errorf("receipt: render slip %s: %w", s.CaseCode, err)
	}
	return pdf, nil
}

// slipLayout draws the slip: the agency's letterhead with the place and date of receipt, then
// the form's numbered items.
func slipLayout(d *pdfdoc.Doc, s Slip, qr []byte) {
	d.SetFooterFunc(func() { d.Footer(fmt.Sprintf("Mã hồ sơ: %s - Trang %d", s.CaseCode, d.PageNo())) })
	d.AddPage()
	date := officialDate(s.ReceivedAt)
	placeDate := strings.ToUpper(date[:1]) + date[1:]
	if s.Locality != "" {
		placeDate = s.Locality + ", " + date
	}
	d.SetY(d.Letterhead(pdfdoc.Letterhead{Superior: s.Superior, Agency: s.AgencyName, PlaceDate: placeDate}) + 10)
	title(d, slipTitle, s.CaseCode)

	d.Font("", pdfdoc.BodySize)
	d.SetY(d.Paragraph(pdfdoc.MarginLeft, d.GetY(), pdfdoc.ContentWidth, pdfdoc.BodyLine, s.AgencyName+" đã tiếp nhận hồ sơ của:", "L") + pdfdoc.RowGap)
	d.Field("Ông/Bà:", s.ApplicantName, true)
	d.Field("Số định danh cá nhân:", s.ApplicantIDMasked, false)
	d.Field("Nội dung yêu cầu giải quyết:", s.ProcedureName+" (mã thủ tục "+s.ProcedureCode+")", false)
	reason(d, s.RoutingReason)
	parties(d, s.Parties)
	documents(d, "1. Thành phần hồ sơ", s.Documents)
	d.Field("2. Hình thức nộp:", "Trực tuyến, lúc "+instant(s.SubmittedAt), false)
	d.Field("3. Thời hạn giải quyết:", processingTime(s.ProcessingDays), false)
	d.Field("4. Thời gian nhận hồ sơ:", instant(s.ReceivedAt), true)
	d.Field("5. Ngày hẹn trả kết quả:", civilDate(s.DueOn), true)
	d.Field("6. Nhận kết quả tại:", "Cổng dịch vụ công Một Lần, trang hồ sơ (bản điện tử có chữ ký số)", false)
	d.Field("Phí, lệ phí:", s.Fee, false)
	d.Field("Ghi chú:", s.Note, false)
	slipFoot(d, s, qr)
}

// slipFoot draws the foot of the slip in two columns: on the left the QR code of public tracking
// and its address, on the right who received the case.
func slipFoot(d *pdfdoc.Doc, s Slip, qr []byte) {
	const (
		w     = 80.0
		x     = pdfdoc.PageWidth - pdfdoc.MarginRight - w
		textX = pdfdoc.MarginLeft + pdfdoc.QRSide + 3
		textW = x - 4 - textX
	)
	y := d.EnsureSpace(4+pdfdoc.QRSide) + 4
	d.QR(qr, pdfdoc.MarginLeft, y, s.TrackURL)
	d.Font("", 9)
	t := d.Paragraph(textX, y+2, textW, 4.5, "Quét mã để tra cứu hồ sơ, hoặc theo dõi tình trạng hồ sơ bằng mã hồ sơ tại:", "L")
	d.SetTextColor(0, 51, 153)
	d.Font("", 8)
	d.Paragraph(textX, t+1, textW, 4, s.TrackURL, "L")
	d.SetTextColor(0, 0, 0)
	if s.ReceivedBy != "" {
		d.Font("B", 11)
		r := d.Paragraph(x, y, w, 5.5, "NGƯỜI TIẾP NHẬN HỒ SƠ", "C")
		d.Font("", 9.5)
		r = d.Paragraph(x, r, w, 4.8, "(tiếp nhận trực tuyến)", "C")
		d.Font("B", 11)
		d.Paragraph(x, r+8, w, 5.5, s.ReceivedBy, "C")
	}
	d.SetY(y + pdfdoc.QRSide + 2)
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
