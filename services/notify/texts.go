package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/motlan/portal/services/calendar"
)

// statusText is the template of the notification for one target status. {code} is the case
// code and {procedure} the procedure's name; the reason and the due date are added under their
// labels when the template has one and the change carries a value.
type statusText struct {
	kind             string
	titleVI, titleEN string
	bodyVI, bodyEN   string
	reasonVI         string // label of Change.Reason; "" = the reason is not shown
	reasonEN         string
	dueVI, dueEN     string // label of Change.DueOn; "" = the due date is not shown
}

// statusTexts holds a template for each national status code 1–10 (PRODUCT.md).
var statusTexts = map[int]statusText{
	1: {
		kind:    "case_submitted",
		titleVI: "Đã nộp hồ sơ {code}", titleEN: "Application {code} submitted",
		bodyVI:   "Hồ sơ “{procedure}” của bạn đã được gửi đến cơ quan có thẩm quyền và đang chờ tiếp nhận.",
		bodyEN:   "Your application “{procedure}” has been sent to the responsible agency and is waiting to be received.",
		reasonVI: "Ghi chú", reasonEN: "Note",
		dueVI: "Ngày hẹn trả kết quả dự kiến", dueEN: "Expected result date",
	},
	2: {
		kind:    "case_received",
		titleVI: "Hồ sơ {code} đã được tiếp nhận", titleEN: "Application {code} received",
		bodyVI:   "Cơ quan có thẩm quyền đã tiếp nhận hồ sơ “{procedure}” của bạn.",
		bodyEN:   "The agency has received your application “{procedure}”.",
		reasonVI: "Ghi chú", reasonEN: "Note",
		dueVI: "Ngày hẹn trả kết quả", dueEN: "Result due on",
	},
	3: {
		kind:    "case_refused",
		titleVI: "Hồ sơ {code} không được tiếp nhận", titleEN: "Application {code} not accepted",
		bodyVI:   "Cơ quan có thẩm quyền không tiếp nhận hồ sơ “{procedure}” của bạn.",
		bodyEN:   "The agency did not accept your application “{procedure}”.",
		reasonVI: "Lý do", reasonEN: "Reason",
	},
	4: {
		kind:    "case_processing",
		titleVI: "Hồ sơ {code} đang được xử lý", titleEN: "Application {code} is being processed",
		bodyVI:   "Hồ sơ “{procedure}” của bạn đang được cán bộ xử lý.",
		bodyEN:   "An officer is processing your application “{procedure}”.",
		reasonVI: "Ghi chú", reasonEN: "Note",
		dueVI: "Ngày hẹn trả kết quả", dueEN: "Result due on",
	},
	5: {
		kind:    "case_supplement_requested",
		titleVI: "Hồ sơ {code} cần bổ sung giấy tờ", titleEN: "Application {code} needs more documents",
		bodyVI:   "Hồ sơ “{procedure}” của bạn tạm dừng: cơ quan có thẩm quyền yêu cầu bạn bổ sung giấy tờ. Thời hạn giải quyết tạm dừng cho đến khi bạn bổ sung.",
		bodyEN:   "Your application “{procedure}” is paused: the agency asks you for more documents. The processing deadline is paused until you provide them.",
		reasonVI: "Cần bổ sung", reasonEN: "Needed",
	},
	6: {
		kind:    "case_payment_requested",
		titleVI: "Hồ sơ {code}: yêu cầu thực hiện nghĩa vụ tài chính", titleEN: "Application {code}: payment requested",
		bodyVI:   "Hồ sơ “{procedure}” của bạn tạm dừng: bạn cần thực hiện nghĩa vụ tài chính (phí, lệ phí, thuế) để hồ sơ được tiếp tục giải quyết.",
		bodyEN:   "Your application “{procedure}” is paused: you need to pay the fees or other obligations due before it can continue.",
		reasonVI: "Chi tiết", reasonEN: "Details",
		dueVI: "Ngày hẹn trả kết quả", dueEN: "Result due on",
	},
	7: {
		kind:    "case_withdrawal_requested",
		titleVI: "Đã ghi nhận yêu cầu rút hồ sơ {code}", titleEN: "Withdrawal of application {code} requested",
		bodyVI:   "Yêu cầu rút hồ sơ “{procedure}” của bạn đã được ghi nhận và chuyển đến cơ quan có thẩm quyền.",
		bodyEN:   "Your request to withdraw your application “{procedure}” has been recorded and sent to the agency.",
		reasonVI: "Lý do", reasonEN: "Reason",
	},
	8: {
		kind:    "case_stopped",
		titleVI: "Hồ sơ {code} đã dừng xử lý", titleEN: "Processing of application {code} stopped",
		bodyVI:   "Cơ quan có thẩm quyền đã dừng xử lý hồ sơ “{procedure}” của bạn.",
		bodyEN:   "The agency has stopped processing your application “{procedure}”.",
		reasonVI: "Lý do", reasonEN: "Reason",
	},
	9: {
		kind:    "case_decided",
		titleVI: "Hồ sơ {code} đã được giải quyết", titleEN: "Application {code} decided",
		bodyVI:   "Hồ sơ “{procedure}” của bạn đã được giải quyết xong. Kết quả đã sẵn sàng.",
		bodyEN:   "Your application “{procedure}” has been decided. The result is ready.",
		reasonVI: "Ghi chú", reasonEN: "Note",
	},
	10: {
		kind:    "case_delivered",
		titleVI: "Đã trả kết quả hồ sơ {code}", titleEN: "Result of application {code} delivered",
		bodyVI:   "Kết quả giải quyết hồ sơ “{procedure}” đã được trả. Bạn có thể tải kết quả điện tử trên trang hồ sơ.",
		bodyEN:   "The result of your application “{procedure}” has been delivered. You can download the electronic result from the application page.",
		reasonVI: "Ghi chú", reasonEN: "Note",
	},
}

// apologyText is for a change that keeps the status (FromStatus == ToStatus): the agency's
// apology for a late case, with its one new due date (PRODUCT.md); the reason is the letter.
var apologyText = statusText{
	kind:    "case_apology",
	titleVI: "Hồ sơ {code}: Phiếu xin lỗi và hẹn lại ngày trả kết quả", titleEN: "Application {code}: apology and new result date",
	bodyVI:   "Cơ quan có thẩm quyền xin lỗi vì hồ sơ “{procedure}” của bạn chưa được giải quyết đúng hạn.",
	bodyEN:   "The agency apologises that your application “{procedure}” could not be decided on time.",
	reasonVI: "Nội dung Phiếu xin lỗi", reasonEN: "Apology",
	dueVI: "Ngày hẹn trả kết quả mới", dueEN: "New result date",
}

// resumedText is for a case that leaves a pause (a supplement answered, 5 to 4; a payment made,
// 6 to 4): processing goes on, with the new due date when the pause moved it.
var resumedText = statusText{
	kind:    "case_resumed",
	titleVI: "Hồ sơ {code} được tiếp tục giải quyết", titleEN: "Processing of application {code} resumed",
	bodyVI:   "Hồ sơ “{procedure}” của bạn hết tạm dừng và được tiếp tục giải quyết.",
	bodyEN:   "Your application “{procedure}” is no longer paused: processing has resumed.",
	reasonVI: "Ghi chú", reasonEN: "Note",
	dueVI: "Ngày hẹn trả kết quả", dueEN: "Result due on",
}

// draftText is for a draft of the result sent to the applicant to confirm (the status stays
// 4): what to do, and by when (NPD 1.001193, 1.000894: within one day).
var draftText = statusText{
	kind:    "case_draft_sent",
	titleVI: "Hồ sơ {code}: xác nhận dự thảo kết quả", titleEN: "Application {code}: confirm the draft result",
	bodyVI: "Cơ quan có thẩm quyền đã gửi dự thảo kết quả của hồ sơ “{procedure}”. Hãy kiểm tra trên trang hồ sơ, rồi xác nhận hoặc yêu cầu sửa. Nếu bạn không phản hồi, cơ quan có thể ban hành kết quả theo dự thảo.",
	bodyEN: "The agency has sent the draft result of your application “{procedure}”. Check it on the application page, then confirm it or ask for a correction. If you do not answer, the agency may issue the result as drafted.",
}

// texts is a rendered notification.
type texts struct {
	kind             string
	titleVI, titleEN string
	bodyVI, bodyEN   string
}

// render fills the template of c.ToStatus, or, when the status stays the same, the draft's or
// the apology's.
func render(c Change) (texts, error) {
	t, ok := statusTexts[c.ToStatus]
	if !ok {
		return texts{}, fmt.Errorf("notify: no text for status %d", c.ToStatus)
	}
	if c.ToStatus == 4 && (c.FromStatus == 5 || c.FromStatus == 6) {
		t = resumedText
	}
	if c.FromStatus == c.ToStatus {
		t = apologyText
		if c.DraftDueAt != nil {
			t = draftText
		}
	}
	nameVI := procedureName(c.ProcedureNameVI, c.ProcedureCode)
	nameEN := procedureName(c.ProcedureNameEN, c.ProcedureCode)
	vi := strings.NewReplacer("{code}", c.CaseCode, "{procedure}", nameVI)
	en := strings.NewReplacer("{code}", c.CaseCode, "{procedure}", nameEN)
	out := texts{
		kind:    t.kind,
		titleVI: vi.Replace(t.titleVI), titleEN: en.Replace(t.titleEN),
		bodyVI: vi.Replace(t.bodyVI), bodyEN: en.Replace(t.bodyEN),
	}
	if reason := strings.TrimSpace(c.Reason); reason != "" && t.reasonVI != "" {
		out.bodyVI += "\n" + t.reasonVI + ": " + reason
		out.bodyEN += "\n" + t.reasonEN + ": " + reason
	}
	if c.DueOn != nil && t.dueVI != "" {
		out.bodyVI += "\n" + t.dueVI + ": " + dateVI(*c.DueOn)
		out.bodyEN += "\n" + t.dueEN + ": " + dateEN(*c.DueOn)
	}
	if t.kind == draftText.kind {
		out.bodyVI += "\nHạn phản hồi: " + momentVI(*c.DraftDueAt)
		out.bodyEN += "\nAnswer by: " + momentEN(*c.DraftDueAt)
	}
	return out, nil
}

func procedureName(name, code string) string {
	switch {
	case name == "":
		return code
	case code == "":
		return name
	}
	return name + " (" + code + ")"
}

// Due dates are calendar dates (PostgreSQL date, read as midnight UTC): they are formatted as
// they are, never converted to another zone.
func dateVI(d time.Time) string { return d.Format("02/01/2006") }
func dateEN(d time.Time) string { return d.Format("2 January 2006") }

// momentVI and momentEN write an instant in Vietnam time.
func momentVI(t time.Time) string { return t.In(calendar.Vietnam()).Format("15:04 02/01/2006") }
func momentEN(t time.Time) string { return t.In(calendar.Vietnam()).Format("15:04, 2 January 2006") }

// emailSubject is the subject of a case email: Vietnamese first, English second.
func emailSubject(t texts) string { return "[Một Lần] " + t.titleVI + " / " + t.titleEN }

// emailBody is the plain-text body of a case email: the Vietnamese text, then the English.
func emailBody(t texts, name, url string) string {
	var b strings.Builder
	greetVI, greetEN := "Kính gửi Quý công dân,", "Dear citizen,"
	if name != "" {
		greetVI, greetEN = "Kính gửi "+name+",", "Dear "+name+","
	}
	fmt.Fprintf(&b, "%s\n\n%s\n\n%s\n\nXem hồ sơ: %s\n\n", greetVI, t.titleVI, t.bodyVI, url)
	b.WriteString("Đây là thư tự động từ cổng dịch vụ công Một Lần. Vui lòng không trả lời thư này.\n\n")
	b.WriteString("-- English --\n\n")
	fmt.Fprintf(&b, "%s\n\n%s\n\n%s\n\nView the application: %s\n\n", greetEN, t.titleEN, t.bodyEN, url)
	b.WriteString("This is an automatic message from the Một Lần public service portal. Please do not reply.\n")
	return b.String()
}
