package i18n

// Message keys of the rate limits (web/limits.go) and of the data-access log's rows they and the
// staff's exports and notes write.
const (
	MsgLimitedTitle = "limits.title"
	MsgLimitedBody  = "limits.toomany"
	MsgLimitedSoon  = "limits.toomany.soon"
)

// limitsCatalog holds the page of a request refused by a rate limit, and the purposes of the
// data-access log's rows of a supervisor's export and a helpdesk note.
var limitsCatalog = map[string]text{
	MsgLimitedTitle: {"Quá nhiều yêu cầu", "Too many requests"},
	MsgLimitedBody: {"Bạn đã gửi quá nhiều yêu cầu hoặc nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.",
		"You have sent too many requests or made too many wrong attempts. Please try again in %d minutes."},
	MsgLimitedSoon: {"Bạn đã gửi quá nhiều yêu cầu hoặc nhập sai quá nhiều lần. Vui lòng thử lại sau một phút.",
		"You have sent too many requests or made too many wrong attempts. Please try again in a minute."},
	"purpose.agency-export": {"Lãnh đạo cơ quan xuất danh sách hồ sơ", "Supervisor exported the agency's applications"},
	"purpose.helpdesk-note": {"Tổng đài ghi chú vào hồ sơ", "Helpdesk added a note to an application"},
}
