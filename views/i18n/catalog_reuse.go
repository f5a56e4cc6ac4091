package i18n

// reuseCatalog holds the texts of documents reused as a form's source (issue 18, item 2) and of
// facts the registries recorded from results issued here (item 3).
var reuseCatalog = map[string]text{
	"mydata.updated":           {"Nguồn cập nhật", "Updated from"},
	"mydata.updated.record":    {"Hồ sơ được lập từ", "Record made from"},
	"mydata.updated.residence": {"Nơi thường trú cập nhật từ", "Permanent residence updated from"},
	"mydata.updated.marital":   {"Tình trạng hôn nhân cập nhật từ", "Marital status updated from"},

	// A file field a held document may answer (views/components/held.templ).
	"reuse.offer":         {"Dùng giấy tờ đã có", "Use a document you already hold"},
	"reuse.number":        {"Số: %s", "No. %s"},
	"reuse.verified":      {"Đã xác thực", "Verified"},
	"reuse.issuedby":      {"— do %s cấp ngày %s", "— issued by %s on %s"},
	"reuse.self":          {"Tự cung cấp", "Self-provided"},
	"reuse.kept":          {"— tệp bạn đã lưu ngày %s", "— a file you kept on %s"},
	"reuse.or":            {"hoặc", "or"},
	"reuse.upload":        {"Tải lên tệp khác", "Upload another file"},
	"reuse.upload.label":  {"Chọn tệp để tải lên (PDF, JPEG hoặc PNG)", "Choose a file to upload (PDF, JPEG or PNG)"},
	"reuse.error.notheld": {"Giấy tờ này không còn trong kho Giấy tờ của tôi hoặc không đúng loại giấy tờ được yêu cầu", "This document is no longer in My documents or is not the kind asked for"},
	"reuse.answer":        {"Giấy tờ đã có: %s (số %s)", "Held document: %s (no. %s)"},
	// At submission, a chosen held document the store no longer lists (check page).
	"reuse.error.gone": {"Một giấy tờ bạn chọn từ Giấy tờ của tôi không còn dùng được (đã xóa khỏi kho hoặc hết thời hạn lưu giữ). Hãy chọn giấy tờ khác hoặc tải lên bản chụp; các câu trả lời khác của bạn vẫn được giữ nguyên.",
		"A document you chose from My documents can no longer be used (removed from your documents, or its retention is over). Choose another or upload a copy; your other answers are kept."},
}
