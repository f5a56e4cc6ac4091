package i18n

// The success banners that end an action (viewctx.Page.Done): every key starts with "done.",
// and the redirect that ends the action names one (viewctx.DoneURL). Areas add their own
// "done.…" keys to their catalogs.
const (
	MsgDoneTitle = "done.title"
	MsgDoneSaved = "done.saved"
)

var doneCatalog = map[string]text{
	MsgDoneTitle: {"Thành công", "Success"},
	MsgDoneSaved: {"Đã lưu thay đổi.", "Your changes have been saved."},
}
