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
	// A required date left empty (the officers' and administrators' forms).
	MsgDateRequired = "date.error.required"

	// "Thử lại": a database that did not answer when the draft started, asked again from the
	// draft (apply.retry.consent is services/drafts' MsgRetryConsent).
	MsgRetryHint           = "apply.retry.hint"
	MsgRetryButton         = "apply.retry.button"
	MsgRetryStill          = "apply.retry.still"
	MsgDoneRegistryRetried = "done.registry.retried"
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

	MsgDateDay:      {"Ngày", "Day"},
	MsgDateMonth:    {"Tháng", "Month"},
	MsgDateYear:     {"Năm", "Year"},
	MsgDateHint:     {"Ví dụ: 27 3 2007", "For example, 27 3 2007"},
	MsgDateRequired: {"Nhập ngày, tháng, năm, ví dụ 27 3 2007.", "Enter a day, month and year, for example 27 3 2007."},

	MsgRetryHint: {"Nếu cơ sở dữ liệu đã hoạt động trở lại, chọn “Thử lại” để lấy thông tin từ đó. Thông tin bạn đã lưu được giữ nguyên; những gì vừa nhập trên trang này mà chưa lưu sẽ không được giữ.",
		"If the database is working again, choose “Try again” to fetch the information from it. What you have saved is kept; anything typed on this page and not yet saved is not."},
	MsgRetryButton: {"Thử lại", "Try again"},
	MsgRetryStill: {"Đã thử lại nhưng cơ sở dữ liệu vẫn chưa phản hồi. Bạn có thể tiếp tục tự nhập thông tin, hoặc thử lại sau ít phút.",
		"We tried again but the database is still not answering. You can carry on entering the information yourself, or try again in a few minutes."},
	"apply.retry.consent": {"Không thể lấy lại thông tin vì sự đồng ý bạn đã cho khi bắt đầu hồ sơ này đã bị rút lại hoặc đã hết hạn. Hãy tiếp tục tự nhập thông tin, hoặc bắt đầu lại thủ tục để đồng ý lại.",
		"The information cannot be fetched because the consent you gave when you started this application was withdrawn or has expired. Carry on entering the information yourself, or start the procedure again to give consent again."},
	MsgDoneRegistryRetried: {"Đã lấy được thông tin từ cơ sở dữ liệu quốc gia. Các thông tin đó đã được điền sẵn và xác thực.",
		"The information has been fetched from the national database. It has been filled in and verified."},

	"validation.date.day":        {"Ngày tháng năm phải có ngày.", "The date must include a day."},
	"validation.date.month":      {"Ngày tháng năm phải có tháng.", "The date must include a month."},
	"validation.date.year":       {"Ngày tháng năm phải có năm.", "The date must include a year."},
	"validation.date.day_month":  {"Ngày tháng năm phải có ngày và tháng.", "The date must include a day and month."},
	"validation.date.day_year":   {"Ngày tháng năm phải có ngày và năm.", "The date must include a day and year."},
	"validation.date.month_year": {"Ngày tháng năm phải có tháng và năm.", "The date must include a month and year."},
	"validation.date.real":       {"Ngày tháng năm phải là một ngày có thật, ví dụ 27 3 2007.", "The date must be a real date, for example 27 3 2007."},
	"validation.date.year4":      {"Năm phải có 4 chữ số, ví dụ 2007.", "The year must include 4 numbers, for example 2007."},
}
