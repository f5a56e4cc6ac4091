package i18n

// signoutCatalog holds the texts of the page that ends a sign-out at the identity provider.
var signoutCatalog = map[string]text{
	"signout.title":          {"Đang đăng xuất", "Signing out"},
	"signout.lead":           {"Bạn đã đăng xuất khỏi Cổng Một Lần. Để kết thúc cả phiên đăng nhập VNeID, trang này đang chuyển bạn sang trang đăng xuất của VNeID.", "You have signed out of Một Lần. To end your VNeID session too, this page is taking you to VNeID's sign-out page."},
	"signout.continue":       {"Tiếp tục đăng xuất khỏi VNeID", "Continue signing out of VNeID"},
	"signout.staff.lead":     {"Bạn đã đăng xuất khỏi Cổng Một Lần. Để kết thúc cả phiên đăng nhập tài khoản công vụ, trang này đang chuyển bạn sang trang đăng xuất của hệ thống định danh.", "You have signed out of Một Lần. To end your staff account's session too, this page is taking you to the identity provider's sign-out page."},
	"signout.staff.continue": {"Tiếp tục đăng xuất khỏi tài khoản công vụ", "Continue signing out of your staff account"},
	"signout.shared":         {"Nếu trang không tự chuyển, hãy bấm nút trên. Trên máy tính dùng chung, chỉ rời máy khi đã trở lại trang của Cổng Một Lần.", "If the page does not move on by itself, press the button above. On a shared computer, leave only once you are back on the Một Lần page."},
}
