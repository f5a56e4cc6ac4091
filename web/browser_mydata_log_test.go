package web_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/mydata"
	"github.com/motlan/portal/web/browsertest"
)

// TestBrowserMyDataLog: An has 65 rows in his data-access log. My data shows the newest 10 and
// "Xem toàn bộ nhật ký"; the link opens the whole log's first page of 50, "Trang sau" the other
// 15 with no link further and one back to the newest; each page passes axe.
func TestBrowserMyDataLog(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	const n = 65
	giveLogRows(t, s, anPersonalID, n)
	id := browsertest.TestID
	b := browsertest.New(t)
	signInBrowser(t, b, s, anPersonalID, "/my-data")
	b.WaitVisible(id("access-log-all"))
	require.Equal(t, mydata.LogRows, b.Count(id("access-log-row")))
	refs := func() []string {
		return browsertest.Evaluate[[]string](b, `[...document.querySelectorAll('[data-testid=access-log-row]')].map(r => r.textContent.match(/HS-[0-9]{3}/)[0])`)
	}
	require.Equal(t, wantRefs(n-1, n-mydata.LogRows), refs())
	b.Screenshot("my-data")

	b.ClickNavigate(id("access-log-all"))
	b.WaitVisible(id("mydata-log"))
	require.Equal(t, "Nhật ký sử dụng dữ liệu", b.Text("h1"))
	require.Equal(t, wantRefs(n-1, n-mydata.LogPageSize), refs())
	require.Zero(t, b.Count(id("access-log-newest")))
	b.Screenshot("log-first-page")
	b.AssertAccessible(t)

	b.ClickNavigate(id("access-log-older"))
	b.WaitVisible(id("access-log-newest"))
	u, err := url.Parse(b.URL())
	require.NoError(t, err)
	require.Equal(t, "/my-data/log", u.Path)
	require.NotEmpty(t, u.Query().Get("before"))
	require.Equal(t, wantRefs(n-mydata.LogPageSize-1, 0), refs())
	require.Zero(t, b.Count(id("access-log-older")), "the last page")
	b.Screenshot("log-second-page")
	b.AssertAccessible(t)

	b.ClickNavigate(id("back-to-mydata"))
	b.WaitVisible(id("mydata"))
	require.Empty(t, b.ConsoleErrors())
}
