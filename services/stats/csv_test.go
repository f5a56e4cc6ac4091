package stats_test

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/stats"
)

func TestWriteCSV(t *testing.T) {
	t.Parallel()
	rows := []stats.Row{
		{Code: "UBND-00070-261117-0001", Procedure: "Đăng ký khai sinh", Applicant: "Nguyễn Thị Ánh, \"Bé\"", Status: "Đang xử lý",
			SubmittedAt: time.Date(2026, 11, 17, 17, 30, 0, 0, time.UTC), Due: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Overdue: true},
		{Code: "UBND-00070-261117-0002", Procedure: "+Thủ tục", Applicant: `=HYPERLINK("http://x.example","bấm")`, Status: "@Mới",
			SubmittedAt: time.Date(2026, 11, 17, 2, 0, 0, 0, time.UTC)},
		{Code: "-1", Procedure: "Đất đai", Applicant: "\t=1+1", Status: "Mới đăng ký"},
	}
	var b bytes.Buffer
	require.NoError(t, stats.WriteCSV(&b, rows))

	out := b.Bytes()
	require.True(t, bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}), "UTF-8 byte order mark first, for Excel")
	recs, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
	require.NoError(t, err)
	require.Equal(t, [][]string{
		{"Mã hồ sơ", "Thủ tục", "Người nộp", "Trạng thái", "Ngày nộp", "Hạn trả", "Quá hạn"},
		{"UBND-00070-261117-0001", "Đăng ký khai sinh", "Nguyễn Thị Ánh, \"Bé\"", "Đang xử lý", "18/11/2026 00:30", "20/11/2026", "Có"},
		{"UBND-00070-261117-0002", "'+Thủ tục", `'=HYPERLINK("http://x.example","bấm")`, "'@Mới", "17/11/2026 09:00", "", "Không"},
		{"'-1", "Đất đai", "'\t=1+1", "Mới đăng ký", "", "", "Không"},
	}, recs)
	require.Contains(t, string(out), "\r\n", "CRLF line ends")
}
