package i18n

// Catalogue search that forgives, dates in three boxes, public tracking from the receipt's QR
// code and the links to it, and retrying a registry from a draft (issue 15, points 4, 5, 7).
const (
	// The footer's links to the public pages anyone may use without signing in.
	MsgFooterLinks  = "footer.links"
	MsgFooterTrack  = "footer.track"
	MsgFooterVerify = "footer.verify"

	// A catalogue search that finds nothing: what to try, and the most used procedures.
	MsgSearchNone         = "search.none"
	MsgSearchNoneTry      = "search.none.try"
	MsgSearchNoneSpelling = "search.none.spelling"
	MsgSearchNoneFewer    = "search.none.fewer"
	MsgSearchNoneTopics   = "search.none.topics"
	MsgSearchPopular      = "search.popular"

	// A date in three boxes (components.DateInput; the validation keys are services/forms').
	MsgDateDay   = "date.day"
	MsgDateMonth = "date.month"
	MsgDateYear  = "date.year"
	MsgDateHint  = "date.hint"
)

var searchCatalog = map[string]text{
	MsgFooterLinks:  {"Dịch vụ không cần đăng nhập", "Services without signing in"},
	MsgFooterTrack:  {"Tra cứu hồ sơ", "Track an application"},
	MsgFooterVerify: {"Kiểm tra kết quả", "Check a result document"},

	MsgSearchNone:    {"Không tìm thấy thủ tục nào khớp với “%s”.", "No procedure matches “%s”."},
	MsgSearchNoneTry: {"Bạn có thể:", "You can:"},
	MsgSearchNoneSpelling: {"Kiểm tra lại chính tả. Có thể gõ không dấu hoặc viết tắt, ví dụ “dang ky khai sinh” hoặc “dkks”.",
		"Check the spelling. You can type without tones or use an abbreviation, for example “dang ky khai sinh” or “dkks”."},
	MsgSearchNoneFewer:  {"Tìm với ít từ hơn, ví dụ “khai sinh” thay vì “đăng ký khai sinh cho con”.", "Try fewer words, for example “khai sinh” instead of “đăng ký khai sinh cho con”."},
	MsgSearchNoneTopics: {"Xem các thủ tục theo chủ đề:", "Browse procedures by topic:"},
	MsgSearchPopular:    {"Thủ tục được sử dụng nhiều nhất", "Most used procedures"},

	MsgDateDay:   {"Ngày", "Day"},
	MsgDateMonth: {"Tháng", "Month"},
	MsgDateYear:  {"Năm", "Year"},
	MsgDateHint:  {"Ví dụ: 27 3 2007", "For example, 27 3 2007"},

	"validation.date.day":        {"Ngày tháng năm phải có ngày.", "The date must include a day."},
	"validation.date.month":      {"Ngày tháng năm phải có tháng.", "The date must include a month."},
	"validation.date.year":       {"Ngày tháng năm phải có năm.", "The date must include a year."},
	"validation.date.day_month":  {"Ngày tháng năm phải có ngày và tháng.", "The date must include a day and month."},
	"validation.date.day_year":   {"Ngày tháng năm phải có ngày và năm.", "The date must include a day and year."},
	"validation.date.month_year": {"Ngày tháng năm phải có tháng và năm.", "The date must include a month and year."},
	"validation.date.real":       {"Ngày tháng năm phải là một ngày có thật, ví dụ 27 3 2007.", "The date must be a real date, for example 27 3 2007."},
	"validation.date.year4":      {"Năm phải có 4 chữ số, ví dụ 2007.", "The year must include 4 numbers, for example 2007."},
}
