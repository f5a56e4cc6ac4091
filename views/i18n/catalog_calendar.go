package i18n

// calendarCatalog holds the texts of working time: the office hours on the administrator's
// calendar page, and the receipt's line on a case that counts from the next working day.
var calendarCatalog = map[string]text{
	"admin.hours.title": {"Giờ làm việc", "Office hours"},
	"admin.hours.lead": {"Mỗi ngày làm việc có 8 giờ; tỉnh, thành phố quy định giờ bắt đầu và kết thúc. Giờ làm việc của tỉnh nơi cơ quan tiếp nhận hồ sơ được dùng để tính 8 giờ làm việc tiếp nhận hồ sơ trực tuyến; hồ sơ nộp sau giờ chốt hoặc vào ngày nghỉ được tính từ ngày làm việc tiếp theo. Tỉnh không có giờ riêng dùng giờ mặc định toàn quốc.",
		"A working day has 8 hours; each province sets when they start and end. The hours of the receiving agency's province time the 8 working hours to receive an online application; an application submitted after the cut-off or on a day off counts from the next working day. A province without hours of its own uses the national default."},
	"admin.hours.caption":     {"Giờ làm việc đang áp dụng", "Office hours in force"},
	"admin.hours.province":    {"Tỉnh, thành phố", "Province"},
	"admin.hours.national":    {"Mặc định toàn quốc", "National default"},
	"admin.hours.morning":     {"Buổi sáng", "Morning"},
	"admin.hours.afternoon":   {"Buổi chiều", "Afternoon"},
	"admin.hours.from":        {"Từ", "From"},
	"admin.hours.to":          {"Đến", "To"},
	"admin.hours.cutoff":      {"Giờ chốt trong ngày", "Same-day cut-off"},
	"admin.hours.cutoff.hint": {"Hồ sơ nộp sau giờ này được tính từ ngày làm việc tiếp theo, thường là 15:00.", "An application submitted later counts from the next working day; usually 15:00."},
	"admin.hours.basis":       {"Căn cứ", "Basis"},
	"admin.hours.basis.label": {"Căn cứ (văn bản quy định giờ làm việc, không bắt buộc)", "Basis (the decision that sets the hours, optional)"},
	"admin.hours.format":      {"Nhập giờ theo dạng 24 giờ, ví dụ 08:00, 13:30.", "Enter 24-hour times, for example 08:00, 13:30."},
	"admin.hours.set":         {"Đặt giờ làm việc", "Set office hours"},
	"admin.hours.save":        {"Lưu giờ làm việc", "Save office hours"},
	"admin.hours.reset":       {"Dùng giờ mặc định", "Use the national default"},
	"admin.hours.saved":       {"Đã lưu giờ làm việc của %s. Giờ mới áp dụng cho hồ sơ nộp từ bây giờ.", "Office hours of %s saved. They apply to applications submitted from now on."},
	"admin.hours.removed":     {"%s dùng lại giờ làm việc mặc định toàn quốc.", "%s uses the national default office hours again."},
	"admin.hours.error.invalid": {"Giờ làm việc chưa hợp lệ: nhập giờ theo dạng 08:00; buổi sáng phải kết thúc trước khi buổi chiều bắt đầu, hai buổi cộng lại đúng 8 giờ, và giờ chốt phải nằm trong giờ làm việc.",
		"These office hours are not valid: enter times like 08:00; the morning must end before the afternoon starts, the two sessions must add up to exactly 8 hours, and the cut-off must fall within office hours."},
	"admin.hours.error.national": {"Không thể xóa giờ mặc định toàn quốc; hãy sửa giờ đó.", "The national default cannot be removed; change it instead."},
	"receipt.countsfrom":         {"Hồ sơ nộp sau %s hoặc vào ngày nghỉ được tính từ ngày làm việc tiếp theo.", "An application submitted after %s or on a day off counts from the next working day."},
}
