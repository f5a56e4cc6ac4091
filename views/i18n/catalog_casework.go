package i18n

// caseworkCatalog holds the texts of the life cycle's steps of issue 13: the supplement asked at
// reception, and the draft of the result the applicant confirms before it is issued.
var caseworkCatalog = map[string]text{
	// Refusals (services/casework).
	"case.supplement.once":  {"Hồ sơ đã được yêu cầu bổ sung, hoàn thiện một lần khi tiếp nhận. Theo nguyên tắc hướng dẫn một lần, không yêu cầu thêm: hãy tiếp nhận hồ sơ, hoặc từ chối tiếp nhận và nêu rõ lý do.", "This application was already asked once, at reception, to be completed. Applicants are told what is missing once only: receive it, or refuse it and say why."},
	"case.draft.notneeded":  {"Kết quả của thủ tục này không cần người nộp hồ sơ xác nhận dự thảo.", "This procedure's result needs no draft confirmed by the applicant."},
	"case.draft.none":       {"Không có dự thảo nào đang chờ xác nhận.", "No draft is waiting for an answer."},
	"case.draft.required":   {"Cần gửi dự thảo để người nộp hồ sơ kiểm tra, xác nhận trước khi phê duyệt.", "Send the draft to the applicant to check and confirm before approving."},
	"case.draft.awaited":    {"Người nộp hồ sơ chưa phản hồi dự thảo. Có thể phê duyệt khi họ xác nhận, hoặc khi đã qua một ngày làm việc mà họ không phản hồi.", "The applicant has not answered the draft yet. You can approve once they confirm it, or once a working day has passed without an answer."},
	"case.draft.correction": {"Người nộp hồ sơ đã yêu cầu sửa dự thảo: hãy sửa và gửi lại dự thảo trước khi phê duyệt.", "The applicant asked for a correction: correct the draft and send it again before approving."},

	// The steps' names.
	"staff.action.send_draft":    {"Gửi dự thảo để người nộp xác nhận", "Send the draft to the applicant to confirm"},
	"staff.action.confirm_draft": {"Xác nhận dự thảo đúng", "The draft is correct"},
	"staff.action.correct_draft": {"Yêu cầu sửa dự thảo", "Ask for a correction"},

	// The draft on the officer's case page.
	"draft.title":            {"Dự thảo %s", "Draft %s"},
	"draft.preview":          {"Xem dự thảo (PDF)", "View the draft (PDF)"},
	"draft.staff.notsent":    {"Trước khi phê duyệt, gửi dự thảo %s để người nộp hồ sơ kiểm tra và xác nhận trong một ngày làm việc.", "Before approving, send the draft %s to the applicant to check and confirm within one working day."},
	"draft.staff.send":       {"Gửi dự thảo %s để người nộp xác nhận", "Send the draft %s to the applicant to confirm"},
	"draft.staff.resend":     {"Gửi lại dự thảo %s đã sửa", "Send the corrected draft %s"},
	"draft.staff.awaited":    {"Đã gửi dự thảo. Người nộp hồ sơ xác nhận hoặc yêu cầu sửa đến %s; nếu họ không phản hồi, có thể phê duyệt sau thời điểm đó.", "Draft sent. The applicant may confirm it or ask for a correction until %s; without an answer by then, you may approve."},
	"draft.staff.unanswered": {"Người nộp hồ sơ không phản hồi dự thảo trong một ngày làm việc (hạn %s): có thể phê duyệt, và quá trình xử lý sẽ ghi nhận việc này.", "The applicant did not answer the draft within one working day (by %s): you may approve, and the timeline will say so."},
	"draft.staff.confirmed":  {"Người nộp hồ sơ đã xác nhận dự thảo đúng: có thể phê duyệt.", "The applicant confirmed the draft: you may approve."},
	"draft.staff.correction": {"Người nộp hồ sơ yêu cầu sửa dự thảo:", "The applicant asked for a correction:"},
	"draft.staff.correct":    {"Sửa thông tin cần sửa, rồi gửi lại dự thảo.", "Make the correction, then send the draft again."},

	// The draft on the citizen's case page.
	"draft.citizen.awaited":    {"Cơ quan đã gửi dự thảo %s. Hãy kiểm tra từng thông tin, rồi xác nhận hoặc yêu cầu sửa trước %s. Nếu bạn không phản hồi, cơ quan có thể ban hành kết quả theo dự thảo.", "The agency has sent you the draft %s. Check every detail, then confirm it or ask for a correction before %s. If you do not answer, the agency may issue the result as drafted."},
	"draft.citizen.confirmed":  {"Bạn đã xác nhận dự thảo. Cơ quan sẽ ban hành kết quả.", "You confirmed the draft. The agency will issue the result."},
	"draft.citizen.correction": {"Bạn đã yêu cầu sửa dự thảo. Cơ quan sẽ sửa và gửi lại dự thảo để bạn xác nhận.", "You asked for a correction. The agency will correct the draft and send it to you again."},
	"draft.citizen.reason":     {"Thông tin nào cần sửa, và sửa thành gì?", "What is wrong, and what should it say?"},

	// The timeline's words for the steps that keep the status.
	"timeline.send_draft":       {"Cơ quan gửi dự thảo kết quả để người nộp hồ sơ xác nhận", "Draft result sent to the applicant to confirm"},
	"timeline.confirm_draft":    {"Người nộp hồ sơ xác nhận dự thảo đúng", "The applicant confirmed the draft"},
	"timeline.correct_draft":    {"Người nộp hồ sơ yêu cầu sửa dự thảo", "The applicant asked for a correction to the draft"},
	"timeline.draft_unanswered": {"Phê duyệt khi người nộp hồ sơ không phản hồi dự thảo trong một ngày làm việc", "Approved after the applicant left the draft unanswered for one working day"},
	"timeline.resubmitted":      {"Hồ sơ đã được bổ sung, hoàn thiện; thời hạn tiếp nhận tính lại từ lúc này", "The application was completed; the time to receive it counts again from now"},
}
