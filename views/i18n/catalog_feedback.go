package i18n

// The citizen's confirmations and feedback: the questions asked before deleting a draft or
// withdrawing a case, the success banners that end the citizen's actions ("done.…", shown by
// the layout), the errors that say what to type, and the satisfaction rating after a result
// with its figures on the supervisor's dashboard.
const (
	MsgDoneDraftDeleted     = "done.draft.deleted"
	MsgDoneDraftSaved       = "done.draft.saved"
	MsgDoneDraftReported    = "done.draft.reported"
	MsgDoneSupplement       = "done.case.supplement"
	MsgDoneWithdrawal       = "done.case.withdrawal"
	MsgDoneDraftConfirmed   = "done.case.draft.confirmed"
	MsgDoneDraftCorrection  = "done.case.draft.correction"
	MsgDoneConsentGranted   = "done.mydata.granted"
	MsgDoneConsentWithdrawn = "done.mydata.withdrawn"
	MsgDoneRated            = "done.rating.saved"
)

var feedbackCatalog = map[string]text{
	MsgDoneDraftDeleted:     {"Đã xóa hồ sơ nháp.", "The draft has been deleted."},
	MsgDoneDraftSaved:       {"Đã lưu hồ sơ nháp. Bạn có thể làm tiếp bất cứ lúc nào từ “Hồ sơ của tôi”.", "Your draft has been saved. You can continue any time from “My applications”."},
	MsgDoneDraftReported:    {"Đã gửi phản ánh thông tin sai tới cơ quan quản lý cơ sở dữ liệu. Cảm ơn bạn.", "Your report has been sent to the database's owner. Thank you."},
	MsgDoneSupplement:       {"Đã gửi nội dung bổ sung. Cơ quan sẽ tiếp tục giải quyết hồ sơ của bạn.", "Your answer has been sent. The agency will carry on with your case."},
	MsgDoneWithdrawal:       {"Đã gửi yêu cầu rút hồ sơ. Cơ quan sẽ xem xét và báo lại cho bạn.", "Your request to withdraw has been sent. The agency will consider it and let you know."},
	MsgDoneDraftConfirmed:   {"Đã xác nhận dự thảo kết quả là đúng.", "You have confirmed the draft of the result."},
	MsgDoneDraftCorrection:  {"Đã gửi yêu cầu sửa dự thảo tới cơ quan.", "Your correction has been sent to the agency."},
	MsgDoneConsentGranted:   {"Bạn đã đồng ý cho Cổng tra cứu dữ liệu của mình.", "You have agreed that the portal may look up your data."},
	MsgDoneConsentWithdrawn: {"Bạn đã rút lại sự đồng ý. Cổng sẽ không tra cứu dữ liệu của bạn nữa.", "You have withdrawn your consent. The portal will no longer look up your data."},
	MsgDoneRated:            {"Cảm ơn bạn đã đánh giá.", "Thank you for your rating."},

	// Are you sure? (the confirm pages)
	"confirm.cancel":                {"Không, quay lại", "No, go back"},
	"confirm.delete.title":          {"Bạn có chắc chắn muốn xóa hồ sơ nháp này?", "Are you sure you want to delete this draft?"},
	"confirm.delete.lead":           {"Hồ sơ nháp “%s” sẽ bị xóa cùng các thông tin đã nhập và giấy tờ đã tải lên. Bạn không thể khôi phục lại.", "The draft “%s” will be deleted with everything you entered and every file you uploaded. You cannot get it back."},
	"confirm.delete.progress":       {"Đã làm: %s. Lưu lần cuối: %s.", "Progress: %s. Last saved: %s."},
	"confirm.delete.yes":            {"Có, xóa hồ sơ nháp", "Yes, delete the draft"},
	"confirm.withdraw.title":        {"Bạn có chắc chắn muốn rút hồ sơ này?", "Are you sure you want to withdraw this case?"},
	"confirm.withdraw.lead":         {"Yêu cầu rút hồ sơ %s (%s) sẽ được gửi tới %s.", "A request to withdraw case %s (%s) will be sent to %s."},
	"confirm.withdraw.next":         {"Cơ quan sẽ xem xét yêu cầu. Nếu cơ quan đồng ý, hồ sơ sẽ dừng xử lý và bạn phải nộp hồ sơ mới nếu muốn làm lại thủ tục.", "The agency will consider your request. If it agrees, your case stops and you would need to apply again to do this procedure."},
	"confirm.withdraw.reason":       {"Lý do rút hồ sơ", "Why do you want to withdraw?"},
	"confirm.withdraw.hint":         {"Ví dụ: nộp nhầm thủ tục, không còn nhu cầu.", "For example: you applied for the wrong procedure, or no longer need it."},
	"confirm.withdraw.yes":          {"Có, rút hồ sơ", "Yes, withdraw the case"},
	"cases.withdraw":                {"Rút hồ sơ", "Withdraw this case"},
	"cases.withdraw.lead":           {"Nếu không còn cần giải quyết hồ sơ này, bạn có thể yêu cầu rút hồ sơ.", "If you no longer need this case, you can ask to withdraw it."},
	"case.error.answer_supplement":  {"Nhập nội dung bổ sung mà cơ quan yêu cầu", "Enter the information the agency asked for"},
	"case.error.request_withdrawal": {"Nhập lý do rút hồ sơ", "Enter why you want to withdraw the case"},
	"case.error.correct_draft":      {"Nhập thông tin cần sửa trong dự thảo", "Enter what is wrong in the draft"},
	"track.error.code":              {"Nhập mã hồ sơ, ví dụ G01.123.456-260101-0001", "Enter the case code, for example G01.123.456-260101-0001"},
	"track.error.last4":             {"Nhập 4 số cuối số định danh cá nhân của người nộp", "Enter the last 4 digits of the applicant's personal ID"},
	"verify.error.choose":           {"Chọn tệp PDF kết quả cần kiểm tra (tối đa 10 MB)", "Choose the PDF of the result to check (up to 10 MB)"},

	// The satisfaction rating (Đánh giá mức độ hài lòng) after a result.
	"rating.title":        {"Đánh giá mức độ hài lòng", "Rate this service"},
	"rating.question":     {"Bạn hài lòng với việc giải quyết hồ sơ này không?", "How satisfied are you with how this case was handled?"},
	"rating.5":            {"Rất hài lòng", "Very satisfied"},
	"rating.4":            {"Hài lòng", "Satisfied"},
	"rating.3":            {"Bình thường", "Neither satisfied nor dissatisfied"},
	"rating.2":            {"Không hài lòng", "Dissatisfied"},
	"rating.1":            {"Rất không hài lòng", "Very dissatisfied"},
	"rating.comment":      {"Góp ý thêm (không bắt buộc)", "Any comments (optional)"},
	"rating.comment.hint": {"Tối đa 500 ký tự. Không ghi thông tin cá nhân như số định danh, số điện thoại.", "Up to 500 characters. Do not include personal details such as your ID or phone number."},
	"rating.submit":       {"Gửi đánh giá", "Send rating"},
	"rating.change":       {"Sửa đánh giá", "Change rating"},
	"rating.yours":        {"Bạn đã đánh giá: %s.", "Your rating: %s."},
	"rating.until":        {"Bạn có thể sửa đánh giá đến hết ngày %s.", "You can change it until the end of %s."},
	"rating.error.level":  {"Chọn mức độ hài lòng của bạn", "Select how satisfied you are"},
	"rating.error.long":   {"Góp ý phải có tối đa 500 ký tự", "Comments must be 500 characters or fewer"},
	"rating.error.closed": {"Đã quá 30 ngày kể từ khi bạn đánh giá, không thể sửa đánh giá nữa.", "It is more than 30 days since you rated: the rating can no longer be changed."},
	"rating.error.notyet": {"Bạn chỉ có thể đánh giá khi hồ sơ đã có kết quả.", "You can rate a case only once it has a result."},

	"dashboard.ratings.title":     {"Mức độ hài lòng của người dân", "How satisfied people are"},
	"dashboard.ratings.lead":      {"Đánh giá của người nộp sau khi hồ sơ có kết quả, trong %d ngày gần nhất.", "Ratings applicants gave once their case had a result, over the last %d days."},
	"dashboard.ratings.empty":     {"Chưa có đánh giá nào.", "No ratings yet."},
	"dashboard.ratings.procedure": {"Thủ tục", "Procedure"},
	"dashboard.ratings.count":     {"Số đánh giá", "Ratings"},
	"dashboard.ratings.satisfied": {"Hài lòng", "Satisfied"},
	"dashboard.ratings.comments":  {"Góp ý gần đây", "Recent comments"},
	"dashboard.ratings.case":      {"Hồ sơ", "Case"},
}
