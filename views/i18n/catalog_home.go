package i18n

// The signed-in citizen's home page: what waits for them ("Việc cần làm") and their latest cases.
var homeCatalog = map[string]text{
	"home.tasks.title":       {"Việc cần làm", "Things to do"},
	"home.tasks.none":        {"Hiện bạn không có việc nào cần làm. Khi cơ quan giải quyết yêu cầu bổ sung giấy tờ, nộp phí hoặc đã có kết quả, việc đó sẽ hiện ở đây.", "You have nothing to do at the moment. When an agency asks for documents or a fee, or your result is ready, it will show here."},
	"home.tasks.start":       {"Nộp hồ sơ mới", "Start a new application"},
	"home.tasks.supplement":  {"Bổ sung giấy tờ cho hồ sơ", "Send the documents asked for case"},
	"home.tasks.payment":     {"Nộp phí, lệ phí %s cho hồ sơ", "Pay the fee of %s for case"},
	"home.tasks.result":      {"Tải kết quả của hồ sơ", "Download the result of case"},
	"home.tasks.draft":       {"Hoàn thành hồ sơ đang soạn: %s", "Finish your draft: %s"},
	"home.tasks.due":         {"Hạn %s", "Due %s"},
	"home.tasks.expires":     {"Lưu đến %s", "Kept until %s"},
	"home.tasks.ready":       {"Đã có kết quả", "Result ready"},
	"home.tasks.draftresult": {"Xác nhận dự thảo kết quả của hồ sơ", "Confirm the draft result of case"},
	"home.tasks.answer.by":   {"Trả lời trước %s", "Answer by %s"},
	"home.tasks.todo":        {"Cần làm", "To do"},
	"home.recent.title":      {"Hồ sơ gần đây", "Recent cases"},
	"home.recent.none":       {"Bạn chưa nộp hồ sơ nào.", "You have not submitted any case yet."},
	"home.recent.all":        {"Xem tất cả hồ sơ của tôi (%s)", "See all my cases (%s)"},
	"home.links.title":       {"Bạn có thể", "You can"},
	"home.links.procedures":  {"Tìm thủ tục hành chính và nộp hồ sơ", "Find an administrative procedure and apply"},
	"home.links.mydata":      {"Xem dữ liệu của tôi và nhật ký truy cập", "See my data and who accessed it"},
	"home.links.track":       {"Tra cứu hồ sơ bằng mã hồ sơ", "Track a case by its code"},
}
