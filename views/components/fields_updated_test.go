package components_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/components"
)

// TestLockedFieldUpdatedFrom: a value another registry recorded from a result issued here says so
// beside its database.
func TestLockedFieldUpdatedFrom(t *testing.T) {
	t.Parallel()
	f := locked(field("members", "text"))
	f.Updated = components.Text{VI: "Cơ sở dữ liệu hộ tịch điện tử — cập nhật từ kết quả UBND-1-KQ1", EN: "Electronic civil status database — updated from result UBND-1-KQ1"}
	doc, html := renderDoc(t, components.Field(f))
	badge := doc.Find("[data-testid=source-members]")
	require.Equal(t, 1, badge.Length(), html)
	assert.Contains(t, badge.Text(), "Cơ sở dữ liệu hộ tịch điện tử — cập nhật từ kết quả UBND-1-KQ1")

	plain := locked(field("name", "text"))
	doc, _ = renderDoc(t, components.Field(plain))
	assert.NotContains(t, doc.Find("[data-testid=source-name]").Text(), "cập nhật từ kết quả")
}
