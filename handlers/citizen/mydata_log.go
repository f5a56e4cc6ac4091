package citizen

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/views/pages"
)

// ShowMyDataLog is the citizen's whole data-access log ("Nhật ký sử dụng dữ liệu"), newest
// first, a page at a time: ?before=<seq> is the last row of the page before (keyset, as
// "Hồ sơ của tôi" pages with after). A cursor that is not a positive number is the newest page.
// The subject is the session's citizen, never one named in the URL.
func (h *Handler) ShowMyDataLog(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	page := pages.MyDataLog{HasPersonalID: personalid.Valid(s.PersonalID)}
	if !page.HasPersonalID {
		return c.Render(http.StatusOK, "", pages.MyDataLogPage(page))
	}
	before, err := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	if err != nil || before <= 0 {
		before = 0
	}
	log, err := h.MyData.LogPage(c.Request().Context(), viewer(s), before)
	if err != nil {
		return err
	}
	page.Later = before > 0
	page.Log = accessEntries(log.Entries)
	if log.Next > 0 {
		page.NextURL = "/my-data/log?" + url.Values{"before": {strconv.FormatInt(log.Next, 10)}}.Encode()
	}
	return c.Render(http.StatusOK, "", pages.MyDataLogPage(page))
}
