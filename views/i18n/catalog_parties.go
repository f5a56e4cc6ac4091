package i18n

// partiesCatalog holds the texts of who applies for whom (roles, parties) and of where a case
// goes (routing).
var partiesCatalog = map[string]text{
	"role.title":            {"Bạn nộp hồ sơ với tư cách nào?", "In what capacity are you applying?"},
	"role.hint":             {"Cổng lấy thông tin của những người liên quan từ Cơ sở dữ liệu quốc gia về dân cư theo lựa chọn này. Muốn đổi, bạn bắt đầu lại hồ sơ.", "The portal reads the people concerned from the national population database according to this choice. To change it, start the application again."},
	"role.reads.spouse":     {"thông tin của bạn và của vợ hoặc chồng bạn", "your details and your spouse's"},
	"role.reads.household":  {"thông tin của bạn và của các thành viên trong hộ gia đình bạn (họ tên, ngày sinh, giới tính, số định danh)", "your details and those of your household members (name, date of birth, sex, personal ID)"},
	"role.reads.self":       {"thông tin của bạn", "your details"},
	"role.reads.none":       {"thông tin của bạn; thông tin của người ủy quyền do bạn khai", "your details; you enter the details of the person who authorised you"},
	"role.reads.lead":       {"Nếu bạn chọn:", "If you choose:"},
	"role.error.choose":     {"Chọn bạn nộp hồ sơ với tư cách nào", "Choose in what capacity you are applying"},
	"role.error.sex.male":   {"Theo Cơ sở dữ liệu quốc gia về dân cư, giới tính của bạn là nam, nên bạn không thể khai là mẹ. Hãy chọn đúng tư cách của bạn; nếu dữ liệu sai, hãy phản ánh với Công an cấp xã nơi cư trú.", "The national population database records you as male, so you cannot apply as the mother. Choose your capacity; if the record is wrong, ask your commune police to correct it."},
	"role.error.sex.female": {"Theo Cơ sở dữ liệu quốc gia về dân cư, giới tính của bạn là nữ, nên bạn không thể khai là cha. Hãy chọn đúng tư cách của bạn; nếu dữ liệu sai, hãy phản ánh với Công an cấp xã nơi cư trú.", "The national population database records you as female, so you cannot apply as the father. Choose your capacity; if the record is wrong, ask your commune police to correct it."},
	"role.yours":            {"Tư cách của bạn", "Your capacity"},
	"role.restart":          {"Đổi tư cách (bắt đầu lại)", "Change capacity (start again)"},
	"apply.notice.nospouse": {"Cơ sở dữ liệu quốc gia về dân cư không ghi nhận vợ hoặc chồng của bạn, nên thông tin của người còn lại (cha hoặc mẹ) do bạn khai.", "The national population database records no spouse for you, so you enter the other parent's details yourself."},

	"parties.title":                {"Những người liên quan", "People concerned"},
	"parties.personal_id":          {"Số định danh cá nhân", "Personal ID"},
	"parties.source":               {"Nguồn thông tin", "Source"},
	"parties.source.vneid":         {"Tài khoản định danh điện tử (VNeID) của người nộp", "The applicant's electronic identity (VNeID)"},
	"parties.source.citizen":       {"Người nộp hồ sơ khai", "Entered by the applicant"},
	"parties.source.self_declared": {"Người nộp tự khai (cơ sở dữ liệu không phản hồi)", "Self-declared (the database did not answer)"},
	"parties.role":                 {"với tư cách: %s", "as: %s"},
	"parties.record":               {"bản ghi %s", "record %s"},

	"routing.why":           {"Lý do: %s.", "Why: %s."},
	"routing.error.noplace": {"Chưa xác định được nơi giải quyết hồ sơ. Vui lòng kiểm tra địa chỉ bạn đã khai.", "We cannot yet tell where your application goes. Check the address you gave."},

	"cases.for":             {"cho %s", "for %s"},
	"cases.aboutme.title":   {"Hồ sơ người khác nộp về bạn", "Applications others filed about you"},
	"cases.aboutme.lead":    {"Những hồ sơ mà người khác (cha mẹ, người thân, người được ủy quyền) đã nộp, trong đó có thông tin của bạn.", "Applications that someone else (a parent, a relative, an authorised person) filed and that name you."},
	"cases.aboutme.filedby": {"Người nộp", "Filed by"},
	"cases.aboutme.as":      {"Bạn là", "You are"},
}
