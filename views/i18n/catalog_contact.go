package i18n

// The contact details page (/account/contact): the citizen's e-mail address and mobile number,
// verified by a code, to which case notifications go; and the paused state of a case.
const (
	MsgDoneContactEmail = "done.contact.email"
	MsgDoneContactPhone = "done.contact.phone"
)

var contactCatalog = map[string]text{
	"contact.title":               {"Thông tin liên hệ", "Contact details"},
	"contact.lead":                {"Cổng Một Lần gửi thư điện tử và tin nhắn SMS khi hồ sơ của bạn cần bổ sung giấy tờ, cần thực hiện nghĩa vụ tài chính, đã có kết quả, hoặc khi cơ quan hẹn lại ngày trả kết quả. Thông báo chỉ được gửi tới địa chỉ và số điện thoại đã xác nhận.", "Một Lần sends an e-mail and a text message when your application needs more documents, needs a payment, has a result, or when the agency sets a new result date. Notifications go only to an address and number that have been confirmed."},
	"contact.email":               {"Thư điện tử", "E-mail"},
	"contact.phone":               {"Số điện thoại di động", "Mobile phone number"},
	"contact.none":                {"Chưa có", "None"},
	"contact.verified":            {"Đã xác nhận", "Confirmed"},
	"contact.unverified":          {"Chưa xác nhận", "Not confirmed"},
	"contact.source.vneid":        {"Lấy từ tài khoản VNeID", "From your VNeID account"},
	"contact.source.citizen":      {"Do bạn cung cấp", "Given by you"},
	"contact.unverified.hint":     {"Chưa nhận được thông báo cho tới khi bạn xác nhận bằng mã.", "No notifications until you confirm it with a code."},
	"contact.change":              {"Thay đổi", "Change"},
	"contact.add":                 {"Thêm", "Add"},
	"contact.pending":             {"Đang chờ xác nhận %s.", "Waiting for confirmation of %s."},
	"contact.pending.enter":       {"Nhập mã xác nhận", "Enter the confirmation code"},
	"contact.pending.expired":     {"Mã xác nhận gửi tới %s đã hết hạn. Hãy yêu cầu mã mới.", "The code sent to %s has expired. Ask for a new one."},
	"contact.email.heading":       {"Thêm hoặc đổi địa chỉ thư điện tử", "Add or change your e-mail address"},
	"contact.email.label":         {"Địa chỉ thư điện tử", "E-mail address"},
	"contact.email.hint":          {"Chúng tôi sẽ gửi mã xác nhận gồm 6 chữ số tới địa chỉ này. Ví dụ: ten.ban@example.vn", "We will send a 6-digit confirmation code to this address. For example: your.name@example.vn"},
	"contact.phone.heading":       {"Thêm hoặc đổi số điện thoại di động", "Add or change your mobile number"},
	"contact.phone.label":         {"Số điện thoại di động", "Mobile phone number"},
	"contact.phone.hint":          {"Số di động Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678. Chúng tôi sẽ gửi mã xác nhận bằng tin nhắn SMS.", "A Vietnamese mobile number, for example 0912 345 678 or +84 912 345 678. We will send a confirmation code by text message."},
	"contact.send":                {"Gửi mã xác nhận", "Send confirmation code"},
	"contact.confirm.title":       {"Nhập mã xác nhận", "Enter the confirmation code"},
	"contact.confirm.email":       {"Chúng tôi đã gửi mã xác nhận gồm 6 chữ số tới địa chỉ %s. Mã có hiệu lực trong 10 phút.", "We have sent a 6-digit confirmation code to %s. It is valid for 10 minutes."},
	"contact.confirm.phone":       {"Chúng tôi đã gửi mã xác nhận gồm 6 chữ số bằng tin nhắn SMS tới số %s. Mã có hiệu lực trong 10 phút.", "We have sent a 6-digit confirmation code by text message to %s. It is valid for 10 minutes."},
	"contact.confirm.label":       {"Mã xác nhận", "Confirmation code"},
	"contact.confirm.hint":        {"Gồm 6 chữ số, ví dụ 123456.", "6 digits, for example 123456."},
	"contact.confirm.submit":      {"Xác nhận", "Confirm"},
	"contact.confirm.resend":      {"Chưa nhận được mã? Gửi lại mã", "Did not get the code? Send it again"},
	"contact.confirm.back":        {"Quay lại thông tin liên hệ", "Back to contact details"},
	"contact.confirm.none":        {"Không có thay đổi nào đang chờ xác nhận. Hãy nhập địa chỉ hoặc số điện thoại mới.", "Nothing is waiting for confirmation. Enter a new address or number."},
	"contact.goto":                {"Thông tin liên hệ (thư điện tử, số điện thoại)", "Contact details (e-mail, phone)"},
	"contact.error.email.empty":   {"Nhập địa chỉ thư điện tử", "Enter an e-mail address"},
	"contact.error.email.invalid": {"Nhập địa chỉ thư điện tử đúng định dạng, ví dụ ten.ban@example.vn", "Enter an e-mail address in the correct format, like your.name@example.vn"},
	"contact.error.phone.empty":   {"Nhập số điện thoại di động", "Enter a mobile phone number"},
	"contact.error.phone.invalid": {"Nhập số điện thoại di động Việt Nam gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678, hoặc dạng +84 912 345 678", "Enter a Vietnamese mobile number of 10 digits starting 03, 05, 07, 08 or 09, like 0912 345 678, or as +84 912 345 678"},
	"contact.error.code.format":   {"Nhập mã xác nhận gồm đúng 6 chữ số", "Enter the confirmation code of exactly 6 digits"},
	"contact.error.code.wrong":    {"Mã xác nhận không đúng. Kiểm tra lại mã trong tin nhắn hoặc thư mới nhất", "The confirmation code is wrong. Check the code in the latest message"},
	"contact.error.code.expired":  {"Mã xác nhận đã hết hạn. Bấm “Gửi lại mã” để nhận mã mới", "The confirmation code has expired. Press “Send it again” for a new code"},
	"contact.error.code.locked":   {"Bạn đã nhập sai mã quá 5 lần. Bấm “Gửi lại mã” để nhận mã mới", "You have entered a wrong code too many times. Press “Send it again” for a new code"},
	"contact.error.code.none":     {"Không có mã nào đang chờ xác nhận. Hãy nhập lại địa chỉ hoặc số điện thoại", "No code is waiting for confirmation. Enter the address or number again"},
	MsgDoneContactEmail:           {"Đã xác nhận địa chỉ thư điện tử. Thông báo về hồ sơ sẽ được gửi tới địa chỉ này.", "Your e-mail address is confirmed. Notifications about your applications will be sent to it."},
	MsgDoneContactPhone:           {"Đã xác nhận số điện thoại. Tin nhắn SMS về hồ sơ sẽ được gửi tới số này.", "Your mobile number is confirmed. Text messages about your applications will be sent to it."},

	// A paused case (the citizen's case page).
	"cases.paused":            {"Tạm dừng", "Paused"},
	"cases.paused.supplement": {"Hồ sơ tạm dừng chờ bạn bổ sung giấy tờ. Thời hạn giải quyết không tính trong thời gian tạm dừng; ngày hẹn trả kết quả sẽ được lùi lại khi bạn bổ sung.", "Your application is paused until you provide more documents. The time limit does not run while it is paused; the result date moves back once you provide them."},
	"cases.paused.payment":    {"Hồ sơ tạm dừng chờ bạn thực hiện nghĩa vụ tài chính. Cơ quan tiếp tục giải quyết khi bạn đã nộp.", "Your application is paused until you pay what is due. The agency continues once you have paid."},
	"cases.paused.since":      {"Tạm dừng từ %s", "Paused since %s"},
	"cases.paused.reason":     {"Lý do cơ quan đưa ra", "Reason given by the agency"},
	"cases.resumed":           {"Hồ sơ được tiếp tục giải quyết từ %s. Ngày hẹn trả kết quả mới: %s.", "Processing resumed on %s. New result date: %s."},
}
