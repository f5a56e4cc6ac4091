package i18n

// dashboardCatalog holds the texts of the supervisor's dashboard and of the officer's case page.
var dashboardCatalog = map[string]text{
	"dashboard.nav":             {"Tổng quan", "Dashboard"},
	"dashboard.title":           {"Tình hình giải quyết hồ sơ", "Casework overview"},
	"dashboard.kpi.received":    {"Tiếp nhận trong tháng", "Received this month"},
	"dashboard.kpi.inprogress":  {"Đang giải quyết", "In progress"},
	"dashboard.kpi.overdue":     {"Quá hạn", "Overdue"},
	"dashboard.kpi.ontime":      {"Giải quyết đúng hạn trong tháng", "Decided on time this month"},
	"dashboard.kpi.ontime.of":   {"trong số %s hồ sơ đã giải quyết", "of %s cases decided"},
	"dashboard.kpi.ontime.none": {"Chưa có hồ sơ nào được giải quyết trong tháng", "No case decided this month yet"},
	"dashboard.means.title":     {"Thời gian giải quyết trung bình (90 ngày qua)", "Mean processing time (last 90 days)"},
	"dashboard.means.procedure": {"Thủ tục", "Procedure"},
	"dashboard.means.cases":     {"Số hồ sơ đã giải quyết", "Cases decided"},
	"dashboard.means.days":      {"Số ngày trung bình, từ tiếp nhận đến khi có kết quả", "Mean days from receipt to decision"},
	"dashboard.means.empty":     {"Chưa có hồ sơ nào được giải quyết trong 90 ngày qua.", "No case was decided in the last 90 days."},
	"dashboard.weekly.title":    {"Hồ sơ kết thúc theo tuần", "Cases finished per week"},
	"dashboard.weekly.desc":     {"Biểu đồ cột chồng số hồ sơ kết thúc mỗi tuần trong %d tuần gần nhất, theo kết quả. Tổng cộng %d hồ sơ: %d chấp thuận, %d từ chối, %d dừng hoặc không tiếp nhận. Số liệu từng tuần có trong bảng ngay sau biểu đồ.", "Stacked bar chart of the cases finished in each of the last %d weeks, by outcome. %d cases in all: %d approved, %d refused, %d stopped or not received. The figures of each week are in the table after the chart."},
	"dashboard.weekly.approved": {"Chấp thuận", "Approved"},
	"dashboard.weekly.refused":  {"Từ chối", "Refused"},
	"dashboard.weekly.other":    {"Dừng hoặc không tiếp nhận", "Stopped or not received"},
	"dashboard.weekly.week":     {"Tuần bắt đầu ngày", "Week starting"},
	"dashboard.weekly.cases":    {"Số hồ sơ", "Cases"},
	"dashboard.weekly.total":    {"Tổng", "Total"},
	"dashboard.weekly.table":    {"Số hồ sơ kết thúc theo tuần và kết quả", "Cases finished per week, by outcome"},
	"dashboard.csv":             {"Tải danh sách (CSV)", "Download the list (CSV)"},
	"dashboard.csv.hint":        {"Danh sách hồ sơ của cơ quan, mở được bằng Excel hoặc LibreOffice.", "The agency's cases, for a spreadsheet such as Excel or LibreOffice."},

	// The officer's case page: where the case went and why, who acts for whom.
	"staff.case.agency":     {"Cơ quan tiếp nhận", "Receiving agency"},
	"staff.case.authorised": {"Người nộp là người được ủy quyền — kiểm tra văn bản ủy quyền", "The applicant acts under an authorisation — check the letter of authorisation"},
}
