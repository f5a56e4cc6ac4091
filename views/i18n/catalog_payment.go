package i18n

// The citizen's fees paid online (issue 16): the "Phí, lệ phí" section of the case page, the
// page the payment gateway sends the payer back to, the e-receipts among the case's documents,
// and the messages of services/payment's faults (payment.Msg*).
var paymentCatalog = map[string]text{
	// The case page's section.
	"payment.title":            {"Phí, lệ phí", "Fees and charges"},
	"payment.item":             {"Khoản phải nộp", "Item"},
	"payment.recipient":        {"Nộp cho", "Paid to"},
	"payment.amount":           {"Số tiền", "Amount"},
	"payment.state":            {"Tình trạng", "Status"},
	"payment.state.due":        {"Chưa thanh toán", "Not paid"},
	"payment.state.paid":       {"Đã thanh toán", "Paid"},
	"payment.state.waived":     {"Được miễn", "Waived"},
	"payment.state.cancelled":  {"Không phải nộp", "Not payable"},
	"payment.paid.at":          {"lúc %s", "on %s"},
	"payment.paidat":           {"Thời gian thanh toán", "Paid on"},
	"payment.txn":              {"Mã giao dịch", "Transaction number"},
	"payment.case":             {"Hồ sơ", "Case"},
	"payment.pay":              {"Thanh toán", "Pay"},
	"payment.retry":            {"Thanh toán lại", "Pay again"},
	"payment.receipt":          {"Biên lai điện tử", "E-receipt"},
	"payment.receipt.download": {"Tải biên lai điện tử (PDF)", "Download the e-receipt (PDF)"},
	"payment.receipt.document": {"Biên lai thu phí, lệ phí", "Receipt of fees and charges"},
	"payment.due.total":        {"Tổng số tiền còn phải nộp:", "Total still to pay:"},
	"payment.now.pay":          {"Thanh toán trực tuyến từng khoản ở mục Phí, lệ phí bên dưới.", "Pay each item online under Fees and charges below."},

	// The return from the gateway.
	"payment.return.paid.title":      {"Đã thanh toán thành công", "Payment successful"},
	"payment.return.paid.body":       {"Cổng thanh toán đã xác nhận khoản thanh toán. Biên lai điện tử tải được tại đây và trong trang hồ sơ.", "The payment gateway confirmed the payment. The e-receipt can be downloaded here and from the case page."},
	"payment.return.pending.title":   {"Đang chờ cổng thanh toán xác nhận", "Waiting for the payment gateway to confirm"},
	"payment.return.pending.body":    {"Cổng Một Lần chỉ ghi nhận khoản thanh toán khi cổng thanh toán gửi xác nhận. Bạn không cần thanh toán lại.", "The portal records a payment only when the payment gateway confirms it. You do not need to pay again."},
	"payment.return.pending.check":   {"Xác nhận thường đến trong vài giây. Trang này tự kiểm tra lại trong ít phút; bạn cũng có thể bấm “Kiểm tra lại”.", "The confirmation usually comes within seconds. This page checks again by itself for a few minutes; you can also press “Check again”."},
	"payment.return.check":           {"Kiểm tra lại", "Check again"},
	"payment.return.pending.later":   {"Chưa nhận được xác nhận. Cổng Một Lần sẽ tự đối soát với cổng thanh toán; kết quả sẽ hiện ở trang hồ sơ.", "No confirmation yet. The portal will check with the payment gateway by itself; the result will show on the case page."},
	"payment.return.cancelled.title": {"Bạn đã hủy giao dịch", "You cancelled the payment"},
	"payment.return.cancelled.body":  {"Khoản này chưa được thanh toán. Bạn có thể thanh toán lại khi sẵn sàng.", "This item has not been paid. You can pay it when you are ready."},
	"payment.return.failed.title":    {"Thanh toán không thành công", "The payment did not go through"},
	"payment.return.failed.body":     {"Cổng thanh toán báo giao dịch không thành công; bạn chưa bị trừ tiền cho khoản này. Bạn có thể thanh toán lại.", "The payment gateway reported that the payment failed; you have not been charged for this item. You can pay again."},
	"payment.return.invalid.title":   {"Kết quả thanh toán không hợp lệ", "Invalid payment result"},
	"payment.return.invalid.body":    {"Thông tin cổng thanh toán gửi về không đúng chữ ký nên không được ghi nhận; hồ sơ của bạn không thay đổi. Tình trạng các khoản phí có trong trang hồ sơ.", "What came back from the payment gateway is not correctly signed, so it was not recorded; your case has not changed. The state of each fee is on the case page."},
	"payment.return.case":            {"Xem hồ sơ", "View the case"},
	"payment.return.cases":           {"Hồ sơ của tôi", "My cases"},

	// services/payment's faults.
	"payment.item.notdue":         {"Khoản này đã được thanh toán hoặc không còn phải nộp.", "This item is already paid or no longer payable."},
	"payment.items.none":          {"Chưa có khoản phải nộp nào.", "There is no item to pay."},
	"payment.item.invalid":        {"Khoản phải nộp cần có loại, tên, nơi nộp và số tiền lớn hơn 0.", "Each item needs a kind, a name, a recipient and an amount above 0."},
	"payment.gateway.down":        {"Cổng thanh toán đang không phản hồi. Vui lòng thử lại sau ít phút.", "The payment gateway is not answering. Please try again in a few minutes."},
	"payment.notfound":            {"Không tìm thấy khoản phải nộp này.", "This item could not be found."},
	"payment.case.closed":         {"Hồ sơ đã kết thúc nên không còn nộp phí, lệ phí cho hồ sơ này.", "The case has ended, so nothing more is paid for it."},
	"payment.reason.required":     {"Nhập lý do miễn nộp.", "Enter the reason for the exemption."},
	"payment.receipt.unavailable": {"Biên lai điện tử tạm thời chưa tải được. Vui lòng thử lại sau.", "The e-receipt cannot be downloaded right now. Please try again later."},
	"payment.report.range":        {"Khoảng thời gian báo cáo không hợp lệ: từ ngày phải trước đến ngày và không quá một năm.", "The report's dates are not valid: the start must come before the end, at most a year apart."},
}
