package receipt

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestReceiptSaysCountsFromNextWorkingDay: a case submitted after the cut-off or on a day off
// has a line under its expected date saying its time counts from the next working day; the
// others do not.
func TestReceiptSaysCountsFromNextWorkingDay(t *testing.T) {
	t.Parallel()
	fx := setup(t)
	const line = "Hồ sơ nộp sau 15 giờ hoặc vào ngày nghỉ được tính từ ngày làm việc tiếp theo."

	rc := sample()
	rc.CountsFromNextDay = true
	_, d := fx.render(t, rc)
	text := d.text()
	assert.Contains(t, text, "Ngày hẹn trả kết quả: 30/11/2026 "+line+" Ghi chú:")
	assertWithinMargins(t, fx.r, d)

	rc.CutOff = 16*time.Hour + 30*time.Minute
	_, d = fx.render(t, rc)
	assert.Contains(t, d.text(), "Hồ sơ nộp sau 16 giờ 30 hoặc vào ngày nghỉ được tính từ ngày làm việc tiếp theo.")

	_, d = fx.render(t, sample())
	assert.NotContains(t, d.text(), "ngày làm việc tiếp theo")
}
