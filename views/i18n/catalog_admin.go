package i18n

// The administration pages (issue 15, point 13): the index of procedures, the staff directory's
// agency picker and roles, the form-schema editor's preview and diff; and the demo data marker.
const (
	MsgDoneStaffAdded      = "done.staff.added"
	MsgDoneStaffDisabled   = "done.staff.disabled"
	MsgDoneSchemaPublished = "done.schema.published"
)

var adminCatalog = map[string]text{
	// Roles as the staff directory names them.
	"admin.role.officer":    {"Cán bộ xử lý", "Case officer"},
	"admin.role.supervisor": {"Lãnh đạo/Giám sát", "Supervisor"},
	"admin.role.helpdesk":   {"Tổng đài hỗ trợ", "Helpdesk"},
	"admin.role.admin":      {"Quản trị hệ thống", "System administrator"},

	"admin.procedures.withdrawn": {"Đã bãi bỏ", "Withdrawn"},
	"admin.procedures.version":   {"biểu mẫu phiên bản %d", "form version %d"},

	"admin.staff.name":            {"Họ và tên", "Full name"},
	"admin.staff.agency.none":     {"Không thuộc cơ quan nào", "No agency"},
	"admin.staff.agency.legend":   {"Cơ quan công tác", "Agency"},
	"admin.staff.agency.hint":     {"Cán bộ xử lý và lãnh đạo phải thuộc một cơ quan. Chọn tỉnh, thành phố rồi bấm “Hiện danh sách cơ quan”.", "Case officers and supervisors must belong to an agency. Choose the province, then select “Show the agencies”."},
	"admin.staff.province":        {"Tỉnh, thành phố", "Province"},
	"admin.staff.province.choose": {"Chọn tỉnh, thành phố", "Choose a province"},
	"admin.staff.pick":            {"Hiện danh sách cơ quan", "Show the agencies"},
	"admin.staff.agency":          {"Cơ quan", "Agency"},
	"admin.staff.agency.choose":   {"Chọn cơ quan", "Choose an agency"},
	"admin.staff.level.province":  {"Cơ quan cấp tỉnh", "Province-level agencies"},
	"admin.staff.level.commune":   {"Cơ quan cấp xã", "Commune-level agencies"},
	"admin.staff.error.agency":    {"Chọn cơ quan công tác của cán bộ: chọn tỉnh, thành phố, bấm “Hiện danh sách cơ quan”, rồi chọn cơ quan trong danh sách", "Choose the staff member's agency: choose the province, select “Show the agencies”, then choose the agency from the list"},
	"admin.staff.error.login":     {"Nhập tên đăng nhập của cán bộ tại hệ thống định danh cán bộ (chữ thường, số, dấu chấm, từ 3 ký tự)", "Enter the staff member's login name at the workforce identity provider (lower-case letters, digits, dots, at least 3 characters)"},
	"admin.staff.error.name":      {"Nhập họ và tên của cán bộ", "Enter the staff member's full name"},
	"admin.staff.error.roles":     {"Chọn ít nhất một vai trò", "Choose at least one role"},
	"admin.staff.error.exists":    {"Tên đăng nhập này đã có trong danh sách cán bộ: nhập tên khác", "That login name is already in the directory: enter another"},

	"admin.schema.preview":       {"Xem trước thay đổi", "Preview the changes"},
	"admin.schema.preview.title": {"Thay đổi so với phiên bản %d", "Changes from version %d"},
	"admin.schema.preview.lead":  {"Kiểm tra các dòng thêm (+) và bớt (−) dưới đây. Nếu đúng, bấm “Xuất bản” để tạo phiên bản mới; nếu chưa đúng, sửa tiếp ở ô bên dưới rồi xem trước lại.", "Check the lines added (+) and removed (−) below. If they are right, select “Publish” to make a new version; if not, edit below and preview again."},
	"admin.schema.preview.same":  {"Biểu mẫu không có thay đổi nào so với phiên bản đang áp dụng: không có gì để xuất bản.", "The form is the same as the current version: there is nothing to publish."},
	"admin.schema.diff.added":    {"Thêm:", "Added:"},
	"admin.schema.diff.removed":  {"Bớt:", "Removed:"},
	"admin.schema.diff.skipped":  {"… (các dòng không đổi)", "… (unchanged lines)"},
	"admin.schema.diff.label":    {"Các dòng thay đổi của biểu mẫu", "The changed lines of the form"},
	"admin.schema.confirm":       {"Xuất bản", "Publish"},
	"admin.schema.edit":          {"Sửa biểu mẫu", "Edit the form"},
	"admin.schema.error.syntax":  {"Biểu mẫu không đúng cú pháp JSON ở dòng %d, cột %d: kiểm tra dấu ngoặc, dấu phẩy và dấu nháy quanh đó", "The form is not valid JSON at line %d, column %d: check the brackets, commas and quotes around it"},
	"admin.schema.error.json":    {"Biểu mẫu không đúng cấu trúc JSON: kiểm tra tên và kiểu của các mục", "The form's JSON does not have the expected structure: check the names and kinds of its entries"},
	"admin.schema.error.rule":    {"Biểu mẫu chưa hợp lệ, cần sửa trước khi xuất bản", "The form is not valid yet: correct it before publishing"},
	"admin.schema.error.detail":  {"Chi tiết kỹ thuật: %s", "Technical detail: %s"},
	"admin.schema.error.stale":   {"Biểu mẫu vừa được xuất bản phiên bản %d trong lúc bạn xem trước. Xem lại thay đổi so với phiên bản này rồi xuất bản lại", "Version %d of the form was published while you were previewing. Review the changes from that version, then publish again"},
	"admin.schema.version":       {"Phiên bản hiện hành: %d", "Current version: %d"},

	MsgDoneStaffAdded:      {"Đã thêm cán bộ vào danh sách.", "The staff member has been added."},
	MsgDoneStaffDisabled:   {"Đã vô hiệu hóa tài khoản cán bộ.", "The staff account has been disabled."},
	MsgDoneSchemaPublished: {"Đã xuất bản phiên bản mới của biểu mẫu.", "The new version of the form has been published."},

	// Demo data (portal seed demo): cases staff must not mistake for real ones.
	"demo.tag":  {"Dữ liệu mẫu", "Demo data"},
	"demo.hint": {"Hồ sơ mẫu tạo sẵn để thử hệ thống, không phải hồ sơ thật của công dân.", "A sample case made to try the system, not a real citizen's application."},
}
