package i18n

// The officer's request for payment with its items, the officer's view of a case's payments
// (items, gateway orders, refunds, e-receipts, waivers) and the supervisor's payments report
// (issue 16).
const (
	MsgPayReqReason       = "staff.payreq.error.reason"    // no reason
	MsgPayReqNone         = "staff.payreq.error.none"      // nothing ticked and nothing due
	MsgPayReqTick         = "staff.payreq.error.tick"      // an amount typed in a row not ticked
	MsgPayReqKind         = "staff.payreq.error.kind"      // a kind not in the list
	MsgPayReqName         = "staff.payreq.error.name"      // a blank or too long name
	MsgPayReqRecipient    = "staff.payreq.error.recipient" // a blank or too long recipient
	MsgPayReqAmount       = "staff.payreq.error.amount"    // not a positive whole number of đồng
	MsgPayReqAmountNone   = "staff.payreq.error.amountnone"
	MsgWaiveReason        = "staff.pay.waive.error.reason" // a waiver without its reason
	MsgDonePaymentWaived  = "done.payment.waived"
	MsgPayReportDateOrder = "staff.payreport.error.order" // "to" before "from"
	MsgPayReportRange     = "staff.payreport.error.range" // more than a year
)

var paymentStaffCatalog = map[string]text{
	// The request form.
	"staff.payreq.title":          {"Yêu cầu thực hiện nghĩa vụ tài chính", "Request the fees due"},
	"staff.payreq.lead":           {"Chọn các khoản phí, lệ phí, thuế công dân phải nộp. Công dân nộp trực tuyến từng khoản; hồ sơ tiếp tục được xử lý khi mọi khoản đã được nộp.", "Choose the fees, charges and taxes the citizen must pay. The citizen pays each item online; the case goes on once every item is paid."},
	"staff.payreq.case":           {"Hồ sơ", "Case"},
	"staff.payreq.applicant":      {"Người nộp hồ sơ", "Applicant"},
	"staff.payreq.due.title":      {"Các khoản đã yêu cầu, chưa nộp", "Items already requested, not yet paid"},
	"staff.payreq.due.tag":        {"Đã yêu cầu, chưa nộp", "Requested, not yet paid"},
	"staff.payreq.rows.title":     {"Các khoản yêu cầu nộp", "Items to request"},
	"staff.payreq.rows.hint":      {"Các khoản theo biểu phí của thủ tục tại tỉnh, nộp trực tuyến, đã được điền sẵn. Với thuế và khoản chưa có số tiền, nhập số tiền theo thông báo của cơ quan có thẩm quyền rồi đánh dấu chọn.", "The procedure's online fee schedule in the province is filled in. For a tax or an item without a known amount, enter the amount the competent authority notified and tick the item."},
	"staff.payreq.row":            {"Khoản %d", "Item %d"},
	"staff.payreq.row.schedule":   {"Theo biểu phí", "From the fee schedule"},
	"staff.payreq.row.other":      {"Khoản khác", "Another item"},
	"staff.payreq.on":             {"Yêu cầu nộp khoản này", "Request this item"},
	"staff.payreq.kind":           {"Loại khoản thu", "Kind"},
	"staff.payreq.name":           {"Tên khoản thu", "Name"},
	"staff.payreq.recipient":      {"Cơ quan thu", "Collected by"},
	"staff.payreq.amount":         {"Số tiền (đồng)", "Amount (đồng)"},
	"staff.payreq.amount.hint":    {"Chỉ nhập chữ số, ví dụ 50.000", "Digits only, for example 50.000"},
	"staff.payreq.reason":         {"Lý do, căn cứ yêu cầu nộp", "Reason and legal basis"},
	"staff.payreq.reason.hint":    {"Công dân sẽ thấy nội dung này cùng với các khoản phải nộp.", "The citizen sees this with the items to pay."},
	"staff.payreq.total.due":      {"Tổng số tiền các khoản đã yêu cầu, chưa nộp: %s", "Total of the items already requested: %s"},
	"staff.payreq.submit":         {"Gửi yêu cầu nộp phí, lệ phí", "Send the request"},
	"staff.payreq.back":           {"Quay lại hồ sơ", "Back to the case"},
	MsgPayReqReason:               {"Nhập lý do, căn cứ yêu cầu nộp", "Enter the reason and legal basis"},
	MsgPayReqNone:                 {"Chọn ít nhất một khoản phải nộp", "Choose at least one item to pay"},
	MsgPayReqTick:                 {"Đánh dấu chọn khoản này để yêu cầu nộp, hoặc xóa số tiền đã nhập", "Tick this item to request it, or clear the amount you entered"},
	MsgPayReqKind:                 {"Chọn loại khoản thu", "Choose the kind of charge"},
	MsgPayReqName:                 {"Nhập tên khoản thu (tối đa 200 ký tự)", "Enter the item's name (200 characters at most)"},
	MsgPayReqRecipient:            {"Nhập cơ quan thu (tối đa 200 ký tự)", "Enter who collects it (200 characters at most)"},
	MsgPayReqAmount:               {"Số tiền phải là số nguyên đồng lớn hơn 0, chỉ gồm chữ số, ví dụ 50.000", "The amount must be a whole number of đồng above 0, in digits, for example 50.000"},
	MsgPayReqAmountNone:           {"Nhập số tiền", "Enter the amount"},
	"staff.payreq.action.hint":    {"Chọn các khoản phải nộp trên trang tiếp theo.", "Choose the items to pay on the next page."},
	"staff.payreq.schedule.empty": {"Biểu phí của thủ tục không có khoản nào nộp trực tuyến tại tỉnh này. Nhập các khoản phải nộp bên dưới.", "The procedure's fee schedule has no online charge in this province. Enter the items below."},

	// The case page's section.
	"staff.pay.title":            {"Phí, lệ phí", "Fees and charges"},
	"staff.pay.name":             {"Khoản thu", "Item"},
	"staff.pay.recipient":        {"Cơ quan thu", "Collected by"},
	"staff.pay.amount":           {"Số tiền", "Amount"},
	"staff.pay.state":            {"Tình trạng", "State"},
	"staff.pay.state.due":        {"Chưa nộp", "Not paid"},
	"staff.pay.state.paid":       {"Đã nộp", "Paid"},
	"staff.pay.state.cancelled":  {"Không phải nộp", "Not due any more"},
	"staff.pay.state.waived":     {"Được miễn", "Waived"},
	"staff.pay.paid":             {"Nộp lúc %s", "Paid at %s"},
	"staff.pay.txn":              {"Mã giao dịch cổng thanh toán: %s", "Gateway transaction number: %s"},
	"staff.pay.confirmed.ipn":    {"Xác nhận qua thông báo của cổng thanh toán (IPN)", "Confirmed by the gateway's notification (IPN)"},
	"staff.pay.confirmed.query":  {"Xác nhận qua tra cứu giao dịch (đối soát)", "Confirmed by a transaction query (reconciliation)"},
	"staff.pay.refund.due":       {"Cần hoàn tiền", "To refund"},
	"staff.pay.refund.requested": {"Đã gửi yêu cầu hoàn tiền", "Refund requested"},
	"staff.pay.refund.failed":    {"Hoàn tiền không thành công — cần xử lý", "Refund refused — needs an operator"},
	"staff.pay.receipt":          {"Biên lai điện tử", "E-receipt"},
	"staff.pay.receipt.of":       {"Tải biên lai điện tử khoản %d (PDF)", "Download the e-receipt of item %d (PDF)"},
	"staff.pay.total.due":        {"Còn phải nộp: %s", "Still to pay: %s"},
	"staff.pay.reason":           {"Lý do, căn cứ", "Reason"},
	"staff.pay.source.schedule":  {"Theo biểu phí, nộp cùng hồ sơ", "From the fee schedule, due with the application"},
	"staff.pay.orders":           {"Các lần thanh toán qua cổng (%d)", "Payments through the gateway (%d)"},
	"staff.pay.orders.empty":     {"Công dân chưa thanh toán lần nào qua cổng.", "The citizen has not tried to pay through the gateway yet."},
	"staff.pay.order.ref":        {"Mã tham chiếu (vnp_TxnRef)", "Reference (vnp_TxnRef)"},
	"staff.pay.order.item":       {"Khoản", "Item"},
	"staff.pay.order.state":      {"Tình trạng", "State"},
	"staff.pay.order.created":    {"Tạo lúc", "Created"},
	"staff.pay.order.code":       {"Mã phản hồi", "Response code"},
	"staff.pay.order.pending":    {"Chờ xác nhận", "Pending"},
	"staff.pay.order.paid":       {"Thành công", "Paid"},
	"staff.pay.order.failed":     {"Không thành công", "Failed"},
	"staff.pay.order.expired":    {"Hết hạn", "Expired"},
	"staff.pay.waive":            {"Miễn", "Waive"},
	"staff.pay.waive.summary":    {"Miễn khoản %d", "Waive item %d"},
	"staff.pay.waive.reason":     {"Lý do miễn, căn cứ pháp lý", "Why it is waived, and the legal basis"},
	MsgWaiveReason:               {"Nhập lý do miễn", "Enter why the item is waived"},
	MsgDonePaymentWaived:         {"Đã miễn khoản thu.", "The item has been waived."},

	// The supervisor's report.
	"staff.payreport.nav":       {"Báo cáo thanh toán phí, lệ phí", "Payments report"},
	"staff.payreport.title":     {"Thanh toán phí, lệ phí trực tuyến", "Online payments of fees"},
	"staff.payreport.lead":      {"Số giao dịch theo ngày (giờ Việt Nam) trong khoảng đã chọn. Tệp CSV có cùng các cột với báo cáo đối soát của cổng thanh toán để so sánh.", "Transactions per day (Vietnam time) in the chosen range. The CSV file has the same columns as the gateway's reconciliation report, to compare them."},
	"staff.payreport.from":      {"Từ ngày", "From"},
	"staff.payreport.to":        {"Đến ngày", "To"},
	"staff.payreport.show":      {"Xem báo cáo", "Show the report"},
	"staff.payreport.day":       {"Ngày", "Day"},
	"staff.payreport.paid":      {"Đã thanh toán", "Paid"},
	"staff.payreport.paidvnd":   {"Số tiền đã thanh toán", "Amount paid"},
	"staff.payreport.pending":   {"Đang chờ", "Pending"},
	"staff.payreport.failed":    {"Không thành công", "Failed"},
	"staff.payreport.refund":    {"Cần hoàn hoặc đã hoàn", "To refund or refunded"},
	"staff.payreport.refundvnd": {"Số tiền hoàn", "Amount to refund"},
	"staff.payreport.total":     {"Tổng cộng", "Total"},
	"staff.payreport.empty":     {"Không có giao dịch nào trong khoảng thời gian này.", "No transaction in this range."},
	"staff.payreport.csv":       {"Tải tệp đối soát (CSV)", "Download the reconciliation file (CSV)"},
	"staff.payreport.csv.hint":  {"Các cột: txn_ref, transaction_no, amount_vnd, status, response_code, pay_date, bank_code, refunded_vnd — như báo cáo đối soát của cổng thanh toán.", "Columns: txn_ref, transaction_no, amount_vnd, status, response_code, pay_date, bank_code, refunded_vnd — as in the gateway's reconciliation report."},
	"staff.payreport.caption":   {"Giao dịch theo ngày, từ %s đến %s", "Transactions per day, %s to %s"},
	MsgPayReportDateOrder:       {"Ngày kết thúc phải từ ngày bắt đầu trở đi", "The end date must be on or after the start date"},
	MsgPayReportRange:           {"Chọn khoảng thời gian không quá 366 ngày", "Choose a range of 366 days at most"},
	"staff.payreport.back":      {"Về trang tổng quan", "Back to the dashboard"},
}
