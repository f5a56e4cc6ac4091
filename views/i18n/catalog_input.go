package i18n

// inputCatalog holds the texts of refused input: a post too large, unreadable or with
// characters no form sends, uploads past the portal's limits, a queue filter out of range.
var inputCatalog = map[string]text{
	"input.error.too_large": {"Nội dung gửi lên quá lớn nên chưa được lưu. Mỗi tệp tối đa 10 MB; nếu một bước có nhiều tệp, hãy tải lên từng tệp rồi bấm Lưu.",
		"What you sent is too large, so nothing was saved. Each file may be up to 10 MB; if a step asks for several files, upload them one at a time and save."},
	"input.error.unreadable": {"Không đọc được nội dung gửi lên nên chưa có gì được lưu; các câu trả lời đã lưu trước đó vẫn còn. Vui lòng quay lại trang trước và gửi lại.",
		"What was sent could not be read, so nothing was saved; the answers saved before are kept. Please go back and send it again."},
	"input.error.characters": {"Nội dung nhập có ký tự không hợp lệ. Vui lòng quay lại, kiểm tra và nhập lại.",
		"What you entered contains characters that are not allowed. Please go back, check it and enter it again."},
	"input.error.busy": {"Hệ thống đang nhận nhiều tệp cùng lúc nên chưa nhận được tệp của bạn. Vui lòng thử lại sau ít phút; những gì đã lưu trước đó vẫn còn.",
		"The portal is receiving many files at once and could not take yours. Please try again in a minute; what you saved before is kept."},
	"upload.error.quota": {"Tệp này vượt quá dung lượng còn lại để lưu tệp cho các hồ sơ chưa nộp. Hãy xóa hồ sơ nháp không dùng đến hoặc tải lên tệp nhỏ hơn.",
		"This file would exceed the space left for the files of your unsubmitted applications. Delete drafts you no longer need, or upload a smaller file."},
	"upload.error.case_files": {"Hồ sơ này đã có số tệp đính kèm tối đa nên không nhận thêm tệp. Câu trả lời chưa được gửi; vui lòng gửi lại không kèm tệp hoặc liên hệ cơ quan giải quyết.",
		"This case already holds the most files allowed, so no file can be added. Your answer was not sent; send it again without a file, or contact the agency."},
	"queue.error.filter": {"Bộ lọc không hợp lệ: chọn trạng thái trong danh sách và nhập số ngày từ 1 đến 365.",
		"This filter is not valid: choose a status from the list and enter a number of days from 1 to 365."},
}
