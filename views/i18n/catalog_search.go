package i18n

// Catalogue search that forgives, dates in three boxes, public tracking from the receipt's QR
// code and the links to it, and retrying a registry from a draft (issue 15, points 4, 5, 7).
const (
	// The footer's links to the public pages anyone may use without signing in.
	MsgFooterLinks  = "footer.links"
	MsgFooterTrack  = "footer.track"
	MsgFooterVerify = "footer.verify"
)

var searchCatalog = map[string]text{
	MsgFooterLinks:  {"Dịch vụ không cần đăng nhập", "Services without signing in"},
	MsgFooterTrack:  {"Tra cứu hồ sơ", "Track an application"},
	MsgFooterVerify: {"Kiểm tra kết quả", "Check a result document"},
}
