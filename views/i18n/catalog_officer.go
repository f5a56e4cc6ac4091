package i18n

// The officers' task-first case page, its confirm pages and success banners, assignment, the
// queue's defaults and the helpdesk's view of a supplement request (issue 15, points 9–12).
const (
	// DoneCasePrefix + an action is the success banner after it ("done.case.receive").
	DoneCasePrefix      = "done.case."
	MsgDoneCaseNote     = "done.case.note"
	MsgDoneHelpdeskNote = "done.helpdesk.note"
	MsgAssignChoose     = "staff.assign.choose" // a supervisor gave the case to nobody
	MsgHelpdeskExpired  = "helpdesk.view.expired"
)

var officerCatalog = map[string]text{
	"done.case.receive":            {"Đã tiếp nhận hồ sơ.", "The case has been received."},
	"done.case.refuse_intake":      {"Đã từ chối tiếp nhận hồ sơ và thông báo cho công dân.", "Intake has been refused and the citizen told."},
	"done.case.start_processing":   {"Đã chuyển hồ sơ sang đang xử lý.", "The case is now being processed."},
	"done.case.request_supplement": {"Đã gửi yêu cầu bổ sung hồ sơ cho công dân.", "The request for more documents has been sent to the citizen."},
	"done.case.request_payment":    {"Đã gửi yêu cầu thực hiện nghĩa vụ tài chính.", "The request for the fees due has been sent."},
	"done.case.accept_withdrawal":  {"Đã chấp nhận rút hồ sơ.", "The withdrawal has been accepted."},
	"done.case.reject_withdrawal":  {"Đã không chấp nhận rút hồ sơ.", "The withdrawal has been rejected."},
	"done.case.stop":               {"Đã dừng xử lý hồ sơ và thông báo cho công dân.", "Processing has stopped and the citizen has been told."},
	"done.case.approve":            {"Đã phê duyệt và ký số kết quả.", "The result has been approved and signed."},
	"done.case.refuse":             {"Đã từ chối giải quyết hồ sơ và thông báo cho công dân.", "The case has been refused and the citizen told."},
	"done.case.deliver":            {"Đã ghi nhận trả kết quả.", "The handover has been recorded."},
	"done.case.apology":            {"Đã gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả.", "The apology with a new result date has been sent."},
	"done.case.assign":             {"Đã giao hồ sơ.", "The case has been assigned."},
	"done.case.send_draft":         {"Đã gửi dự thảo cho người nộp xác nhận.", "The draft has been sent to the applicant."},
	MsgDoneCaseNote:                {"Đã lưu ghi chú.", "The note has been saved."},
	MsgDoneHelpdeskNote:            {"Đã gửi ghi chú cho cán bộ xử lý.", "The note has been sent to the officers."},

	"staff.case.next":          {"Việc cần làm tiếp", "What to do next"},
	"staff.case.next.none":     {"Hồ sơ không có việc cần cán bộ làm tiếp lúc này.", "Nothing is waiting for an officer on this case now."},
	"staff.case.next.draft":    {"Gửi dự thảo để người nộp xác nhận trước khi phê duyệt.", "Send the draft to the applicant to confirm before approving."},
	"staff.case.others":        {"Thao tác khác", "Other actions"},
	"staff.case.assignee.none": {"Chưa giao", "Not assigned"},

	"staff.action.assign.give": {"Giao hồ sơ", "Assign the case"},
	"staff.action.assign.self": {"Tôi sẽ xử lý hồ sơ này", "I will handle this case"},
	"staff.assign.title":       {"Phân công xử lý", "Assignment"},
	"staff.assign.empty":       {"— Chọn cán bộ —", "— Choose an officer —"},
	MsgAssignChoose:            {"Chọn cán bộ để giao hồ sơ", "Choose the officer to assign the case to"},

	"staff.confirm.title.approve":  {"Phê duyệt và ký số kết quả?", "Approve and sign the result?"},
	"staff.confirm.title.refuse":   {"Từ chối giải quyết hồ sơ?", "Refuse the case?"},
	"staff.confirm.title.stop":     {"Dừng xử lý hồ sơ?", "Stop processing the case?"},
	"staff.confirm.lead.approve":   {"Kết quả dưới đây sẽ được ký số bằng chữ ký của cơ quan, cấp số và mã xác thực, rồi gửi cho công dân. Sau khi ký, văn bản không thể sửa.", "The result below will be signed with the agency's signature, numbered and given a verification code, then sent to the citizen. Once signed it cannot be changed."},
	"staff.confirm.lead.refuse":    {"Công dân sẽ nhận thông báo từ chối giải quyết kèm lý do dưới đây. Hồ sơ sẽ kết thúc.", "The citizen will be told the case is refused, with the reason below. The case will be closed."},
	"staff.confirm.lead.stop":      {"Hồ sơ sẽ dừng xử lý và công dân được thông báo kèm lý do dưới đây. Hồ sơ sẽ kết thúc.", "Processing will stop and the citizen will be told, with the reason below. The case will be closed."},
	"staff.confirm.document":       {"Văn bản sẽ ký", "Document to be signed"},
	"staff.confirm.signer":         {"Cơ quan ký", "Signed by"},
	"staff.confirm.draft":          {"Dự thảo", "Draft"},
	"staff.confirm.preview":        {"Xem trước văn bản sẽ ký (PDF, chưa ký)", "Preview the document to be signed (PDF, unsigned)"},
	"staff.confirm.submit.approve": {"Xác nhận phê duyệt và ký số", "Confirm, approve and sign"},
	"staff.confirm.submit.refuse":  {"Xác nhận từ chối giải quyết", "Confirm the refusal"},
	"staff.confirm.submit.stop":    {"Xác nhận dừng xử lý", "Confirm and stop processing"},
	"staff.confirm.back":           {"Quay lại hồ sơ", "Back to the case"},
	"staff.confirm.noundo":         {"Thao tác này không thể hoàn tác.", "This cannot be undone."},

	"queue.status.open": {"Đang mở (chưa kết thúc)", "Open (not finished)"},
	"queue.status.all":  {"Tất cả trạng thái", "All statuses"},
	"queue.order":       {"Hồ sơ quá hạn xếp trước, sau đó theo hạn giải quyết.", "Overdue cases first, then by due date."},
	"queue.counts":      {"Số hồ sơ theo trạng thái", "Cases by status"},

	"helpdesk.supplement":       {"Cơ quan yêu cầu bổ sung", "What the agency asked for"},
	"helpdesk.supplement.asked": {"Ngày yêu cầu", "Asked on"},
	MsgHelpdeskExpired:          {"Phiên xem hồ sơ đã hết hạn. Vui lòng tra cứu lại.", "This view of the case has expired. Look the case up again."},
}
