package i18n

// The embedded (PAdES) signature of the portal's PDFs, as the public verification page shows
// it: whether the file is unchanged and who signed it, and the documents checked by their
// signature alone.
var signingCatalog = map[string]text{
	"signature.embedded":     {"Chữ ký số trong tệp", "Digital signature in the file"},
	"signature.valid":        {"Hợp lệ: tệp không bị thay đổi từ khi ký, chứng thư số do cơ quan chứng thực mà Cổng tin cậy cấp.", "Valid: the file is unchanged since it was signed, by a certificate from an authority the portal trusts."},
	"signature.signer":       {"Ký bởi", "Signed by"},
	"signature.none":         {"Không có (văn bản phát hành trước khi Cổng ký số trong tệp PDF); mã xác thực và chữ ký lưu tại Cổng vẫn hợp lệ.", "None (issued before the portal signed inside the PDF); its verification code and the signature the portal keeps are valid."},
	"signature.reader":       {"Bạn cũng có thể mở tệp bằng phần mềm đọc PDF (Adobe Acrobat Reader, pdfsig…) để xem chữ ký số.", "You can also open the file in a PDF reader (Adobe Acrobat Reader, pdfsig…) to see its digital signature."},
	"signature.broken":       {"Chữ ký số trong tệp không còn khớp: tệp đã bị thay đổi sau khi ký.", "The digital signature in the file no longer matches: the file was changed after it was signed."},
	"signature.untrusted":    {"Chữ ký số trong tệp không do cơ quan chứng thực mà Cổng tin cậy cấp, hoặc chứng thư số đã hết hạn khi ký.", "The file's digital signature is not from an authority the portal trusts, or its certificate had expired when it signed."},
	"signature.document":     {"Loại văn bản", "Document"},
	"signature.kind.slip":    {"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Receipt of the application and appointment for the result"},
	"signature.kind.receipt": {"Biên lai thu phí, lệ phí điện tử", "Electronic receipt of fees and charges"},
	"signature.kind.other":   {"Văn bản điện tử do Cổng ký số", "Electronic document signed by the portal"},
	"signature.ca":           {"Để phần mềm đọc PDF tự kiểm tra chữ ký số, thêm chứng thư số gốc của cơ quan chứng thực vào danh sách tin cậy:", "To have a PDF reader check the signature itself, add the certificate authority's root certificate to its trusted certificates:"},
	"signature.ca.link":      {"tải chứng thư số gốc", "download the root certificate"},
	"signature.ca.none":      {"Chưa có văn bản nào được ký số nên chưa có chứng thư số gốc.", "Nothing has been signed yet, so there is no root certificate."},
}
