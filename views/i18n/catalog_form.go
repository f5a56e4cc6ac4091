package i18n

// formCatalog holds the texts of the form components (keys prefixed form.).
var formCatalog = map[string]text{
	// Choices
	"form.choose": {"— Chọn —", "— Choose —"},
	"form.yes":    {"Có", "Yes"},
	"form.no":     {"Không", "No"},
	"form.empty":  {"Không có", "None"},

	// Errors
	"form.error.title":  {"Có lỗi cần sửa", "There is a problem"},
	"form.error.prefix": {"Lỗi:", "Error:"},

	// Where a prefilled value came from
	"form.verified":          {"Đã xác thực", "Verified"},
	"form.selfdeclared":      {"Tự khai", "Self-declared"},
	"form.source":            {"Nguồn: %s, lúc %s", "Source: %s, as of %s"},
	"form.source.notime":     {"Nguồn: %s", "Source: %s"},
	"form.source.unknown":    {"Cơ sở dữ liệu quốc gia", "The national database"},
	"form.selfdeclared.note": {"%s không phản hồi; bạn tự nhập thông tin này.", "%s did not answer, so you entered this yourself."},

	// Money
	"form.currency":      {"₫", "₫"},
	"form.currency.unit": {"(đồng)", "(in đồng)"},

	// Address
	"form.address.province":            {"Tỉnh, thành phố", "Province or city"},
	"form.address.commune":             {"Xã, phường, đặc khu", "Commune, ward or special zone"},
	"form.address.commune.hint":        {"Chọn trong danh sách của tỉnh, thành phố đã chọn ở trên.", "Choose from the list under the province or city chosen above."},
	"form.address.province.first":      {"Chọn tỉnh, thành phố trước", "Choose the province or city first"},
	"form.address.communes.show":       {"Hiện danh sách xã, phường", "Show its communes and wards"},
	"form.address.commune.filter":      {"Tìm xã, phường", "Find a commune or ward"},
	"form.address.commune.filter.hint": {"Gõ vài chữ của tên, có dấu hoặc không dấu.", "Type part of the name, with or without diacritics."},
	"form.address.commune.matches":     {"Có %d xã, phường phù hợp", "%d communes or wards match"},
	"form.address.commune.loading":     {"Đang tải danh sách xã, phường…", "Loading the communes and wards…"},
	"form.address.commune.failed":      {"Không tải được danh sách xã, phường. Bấm “Hiện danh sách xã, phường”.", "The list of communes and wards could not be loaded. Press “Show its communes and wards”."},
	"form.address.line":                {"Số nhà, đường, thôn, tổ dân phố", "House number, street, village or residential group"},

	// Files
	"form.file.hint":             {"Tệp PDF, JPEG hoặc PNG, tối đa 10 MB.", "A PDF, JPEG or PNG file, up to 10 MB."},
	"form.file.uploaded":         {"Đã tải lên:", "Uploaded:"},
	"form.file.replace":          {"Nếu bạn chọn tệp mới, tệp mới sẽ thay thế tệp đã tải lên.", "Choosing a new file replaces the one already uploaded."},
	"form.evidence.required.any": {"Bạn cần tải lên giấy tờ chứng minh vì cơ sở dữ liệu quốc gia không phản hồi và thông tin liên quan do bạn tự khai.", "You need to upload proof because a national database did not answer and you entered the related information yourself."},
	"form.evidence.required":     {"Bạn cần tải lên giấy tờ chứng minh vì %s không phản hồi và thông tin liên quan do bạn tự khai.", "You need to upload proof because %s did not answer and you entered the related information yourself."},

	// Repeating groups
	"form.group.add":    {"Thêm %s", "Add another %s"},
	"form.group.remove": {"Xóa", "Remove"},
	"form.group.item":   {"Mục", "Item"},

	// Steps
	"form.step":         {"Bước %d/%d: %s", "Step %d of %d: %s"},
	"form.step.short":   {"Bước %d/%d", "Step %d of %d"},
	"form.steps":        {"Các bước", "Steps"},
	"form.step.done":    {"Đã xong", "Completed"},
	"form.step.current": {"Đang điền", "In progress"},
	"form.step.todo":    {"Chưa điền", "Not started"},

	// Reporting wrong data from a national database
	"form.report":              {"Thông tin này sai?", "Is this information wrong?"},
	"form.report.comment":      {"Mô tả sai sót", "Describe what is wrong"},
	"form.report.comment.hint": {"Cho biết thông tin nào sai và thông tin đúng là gì.", "Say what is wrong and what the correct information is."},
	"form.report.submit":       {"Báo sai dữ liệu", "Report wrong data"},
}
