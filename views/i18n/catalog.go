package i18n

// catalog holds every text of the portal. Keys name the page or component, then the text.
var catalog = map[string]text{
	// Layout
	"app.name":         {"Một Lần", "Một Lần"},
	"app.tagline":      {"Cổng dịch vụ công “chỉ nộp một lần”", "The “submit once” public service portal"},
	"app.skip":         {"Bỏ qua để đến nội dung chính", "Skip to main content"},
	"app.lang.switch":  {"English", "Tiếng Việt"},
	"app.lang.form":    {"Ngôn ngữ", "Language"},
	"app.lang.current": {"Tiếng Việt", "English"},
	"app.nav.label":    {"Điều hướng chính", "Main navigation"},
	"app.nav.home":     {"Trang chủ", "Home"},
	"app.nav.account":  {"Tài khoản của tôi", "My account"},
	"app.signin":       {"Đăng nhập", "Sign in"},
	"app.signout":      {"Đăng xuất", "Sign out"},
	"app.footer.about": {"Một Lần là cổng dịch vụ công trực tuyến kết nối các cơ sở dữ liệu quốc gia qua Nền tảng chia sẻ, điều phối dữ liệu (NDXP).", "Một Lần is an online public service portal connected to the national databases through the National Data Exchange Platform (NDXP)."},
	"app.footer.law":   {"Theo Nghị định 45/2020/NĐ-CP: người dân không phải cung cấp lại dữ liệu Nhà nước đã có.", "Under Decree 45/2020/ND-CP, citizens are never asked again for data the State already holds."},
	"app.requestid":    {"Mã yêu cầu", "Request ID"},

	// Home, signed out
	"home.title":        {"Nộp hồ sơ một lần, dùng cho mọi thủ tục", "Submit once, for every procedure"},
	"home.lead":         {"Đăng nhập bằng tài khoản định danh điện tử VNeID, chọn thủ tục hành chính và nhận biểu mẫu đã được điền sẵn từ các cơ sở dữ liệu quốc gia. Bạn chỉ bổ sung những gì Nhà nước chưa có.", "Sign in with your VNeID electronic identity, choose an administrative procedure and get a form already filled in from the national databases. You only add what the State does not know yet."},
	"home.signin":       {"Đăng nhập bằng VNeID", "Sign in with VNeID"},
	"home.how.title":    {"Cách hoạt động", "How it works"},
	"home.how.1":        {"Đăng nhập bằng VNeID.", "Sign in with VNeID."},
	"home.how.2":        {"Chọn thủ tục và đồng ý cho phép lấy dữ liệu của bạn từ cơ sở dữ liệu dân cư, đất đai, bảo hiểm.", "Choose a procedure and consent to fetching your data from the population, land and insurance databases."},
	"home.how.3":        {"Kiểm tra biểu mẫu đã điền sẵn, bổ sung phần còn thiếu và nộp một lần.", "Check the prefilled form, add what is missing and submit once."},
	"home.how.4":        {"Theo dõi hồ sơ đến khi nhận kết quả điện tử có chữ ký số.", "Follow your e-file until you receive a digitally signed electronic result."},
	"home.privacy":      {"Mọi lần truy cập dữ liệu cá nhân của bạn đều được ghi lại và bạn có thể xem.", "Every access to your personal data is recorded, and you can see it."},
	"home.welcome":      {"Xin chào, %s", "Welcome, %s"},
	"home.goto.account": {"Đến trang tài khoản của tôi", "Go to my account"},

	// Account (signed in)
	"account.title":           {"Tài khoản của tôi", "My account"},
	"account.name":            {"Họ và tên", "Full name"},
	"account.personalid":      {"Số định danh cá nhân", "Personal identification number"},
	"account.personalid.none": {"Không có", "None"},
	"account.acr":             {"Mức độ định danh", "Identity assurance level"},
	"account.acr.LoA1":        {"Mức 1", "Level 1"},
	"account.acr.LoA2":        {"Mức 2", "Level 2"},
	"account.acr.unknown":     {"Không xác định", "Not stated"},
	"account.loa1.hint":       {"Một số thủ tục yêu cầu tài khoản định danh điện tử mức 2. Để nâng mức, hãy kích hoạt tài khoản VNeID mức 2 tại công an cấp xã nơi cư trú, rồi đăng nhập lại.", "Some procedures need a level-2 electronic identity. To upgrade, activate a level-2 VNeID account at your commune police office, then sign in again."},
	"account.nopid.title":     {"Tài khoản chưa có số định danh cá nhân", "Your account has no personal identification number"},
	"account.nopid.body":      {"Nhà cung cấp định danh bạn đã dùng không cung cấp số định danh cá nhân. Bạn vẫn có thể xem thông tin, nhưng các dịch vụ cần số định danh cá nhân (nộp hồ sơ, lấy dữ liệu từ cơ sở dữ liệu quốc gia) chưa dùng được. Hãy đăng nhập bằng VNeID để sử dụng đầy đủ.", "The identity provider you used does not give a personal identification number. You can still browse, but services that need one (filing applications, fetching data from the national databases) are unavailable. Sign in with VNeID to use them."},
	"account.signedin.at":     {"Đăng nhập lúc", "Signed in at"},

	// Sign-in errors
	"signin.error.title":       {"Không thể đăng nhập", "We could not sign you in"},
	"signin.error.state":       {"Phiên đăng nhập đã hết hạn, đã được dùng hoặc không bắt đầu từ trình duyệt này. Vui lòng đăng nhập lại.", "The sign-in has expired, was already used, or was not started in this browser. Please sign in again."},
	"signin.error.cancelled":   {"Bạn đã hủy đăng nhập tại VNeID.", "You cancelled signing in at VNeID."},
	"signin.error.provider":    {"Nhà cung cấp định danh đã từ chối yêu cầu đăng nhập. Vui lòng thử lại.", "The identity provider refused the sign-in request. Please try again."},
	"signin.error.token":       {"Không xác minh được thông tin đăng nhập nhận từ nhà cung cấp định danh. Vì an toàn, bạn chưa được đăng nhập. Vui lòng thử lại.", "The sign-in response from the identity provider could not be verified. For your safety you have not been signed in. Please try again."},
	"signin.error.unavailable": {"Hiện không kết nối được với nhà cung cấp định danh. Vui lòng thử lại sau ít phút.", "The identity provider cannot be reached right now. Please try again in a few minutes."},
	"signin.error.retry":       {"Đăng nhập lại", "Sign in again"},
	"signin.error.home":        {"Về trang chủ", "Back to the home page"},

	// Generic errors
	"error.title":         {"Đã có lỗi xảy ra", "Something went wrong"},
	"error.internal":      {"Hệ thống gặp sự cố. Dữ liệu của bạn không bị mất. Vui lòng thử lại sau.", "The system ran into a problem. Nothing you entered was lost. Please try again later."},
	"error.unavailable":   {"Dịch vụ tạm thời gián đoạn. Vui lòng thử lại sau ít phút.", "The service is temporarily unavailable. Please try again in a few minutes."},
	"error.notfound":      {"Không tìm thấy trang", "Page not found"},
	"error.notfound.body": {"Địa chỉ bạn nhập không tồn tại hoặc đã thay đổi.", "The address you entered does not exist or has changed."},
	"error.forbidden":     {"Bạn không có quyền truy cập trang này.", "You do not have permission to see this page."},
	"error.csrf":          {"Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.", "The form has expired or is not valid. Please reload the page and try again."},
	"error.invalid":       {"Yêu cầu không hợp lệ.", "The request is not valid."},
	"error.method":        {"Thao tác này không được hỗ trợ.", "This action is not supported."},
	"error.signedout":     {"Phiên làm việc của bạn đã kết thúc. Vui lòng đăng nhập lại.", "Your session has ended. Please sign in again."},
	"error.toomany":       {"Bạn đã gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.", "You have sent too many requests. Please wait a moment and try again."},
}
