package i18n

// outageCatalog holds the texts of the page shown while the database cannot be reached.
var outageCatalog = map[string]text{
	"error.outage.title": {"Hệ thống đang bảo trì", "The system is under maintenance"},
	"error.outage.body": {"Hệ thống đang bảo trì hoặc tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít phút. Nếu cần hỗ trợ, hãy cho tổng đài biết mã yêu cầu dưới đây.",
		"The system is under maintenance or cannot reach its database right now. Please try again in a few minutes. If you need help, quote the request ID below to the helpdesk."},
}
