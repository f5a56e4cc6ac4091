package i18n

// documentsCatalog holds the texts of a case's documents on its pages: the notice of submission,
// the receipt slip, the preview of the result, the signed result and the apology.
var documentsCatalog = map[string]text{
	"documents.title":         {"Giấy tờ của hồ sơ", "Documents of the application"},
	"documents.notice":        {"Thông báo đã nộp hồ sơ trực tuyến (PDF)", "Confirmation of online submission (PDF)"},
	"documents.slip":          {"Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)", "Receipt and appointment slip (PDF)"},
	"documents.slip.pending":  {"Giấy tiếp nhận hồ sơ và hẹn trả kết quả được cấp khi cơ quan tiếp nhận hồ sơ.", "The receipt and appointment slip is issued when the agency receives the application."},
	"documents.slip.notyet":   {"Hồ sơ chưa được cơ quan tiếp nhận, nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.", "The agency has not received the application yet, so there is no receipt slip."},
	"documents.preview":       {"Xem trước kết quả (PDF)", "Preview the result (PDF)"},
	"documents.preview.hint":  {"Bản xem trước chưa ký, không có giá trị pháp lý: kiểm tra nội dung trước khi phê duyệt.", "An unsigned preview with no legal value: check it before you approve."},
	"documents.result":        {"Kết quả giải quyết", "Result"},
	"documents.apology":       {"Phiếu xin lỗi và hẹn lại ngày trả kết quả", "Apology with a new result date"},
	"documents.number":        {"Số", "Number"},
	"documents.code":          {"Mã xác thực", "Verification code"},
	"documents.signed":        {"Ký số lúc", "Signed at"},
	"documents.verify":        {"Kiểm tra tính xác thực", "Check it is authentic"},
	"documents.pdf":           {"Tải văn bản (PDF)", "Download (PDF)"},
	"documents.receipt.title": {"Thông báo đã nộp hồ sơ trực tuyến", "Confirmation of online submission"},
}
