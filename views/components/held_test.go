package components_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/components"
)

// TestHeldOffer: a file field with held documents offers them first, each with its provenance,
// and the upload as the alternative; without any it is a plain upload.
func TestHeldOffer(t *testing.T) {
	t.Parallel()
	f := field("proof", "file")
	f.Held = []components.HeldOption{
		{ID: "11", Title: "Giấy khai sinh", Number: "UBND-00070-261127-0001-KQ1", Issuer: "Ủy ban nhân dân phường Hoàn Kiếm",
			IssuedOn: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Verified: true},
		{ID: "12", Title: "Giấy khai sinh (bản chụp)", Number: "giay-khai-sinh.pdf", IssuedOn: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)},
	}
	f.HeldChosen = "11"
	doc, html := renderDoc(t, components.Field(f))
	require.Equal(t, 1, doc.Find("[data-testid=held-offer-proof]").Length(), html)
	opts := doc.Find("[data-testid=held-option]")
	require.Equal(t, 2, opts.Length())
	first := opts.Eq(0)
	assert.Equal(t, "proof__held", attr(first.Find("input"), "name"))
	_, checked := first.Find("input").Attr("checked")
	assert.True(t, checked, "the draft's choice")
	assert.Contains(t, first.Find("[data-testid=held-provenance]").Text(), "Đã xác thực")
	assert.Contains(t, first.Find("[data-testid=held-provenance]").Text(), "do Ủy ban nhân dân phường Hoàn Kiếm cấp ngày 27/11/2026")
	assert.Contains(t, opts.Eq(1).Find("[data-testid=held-provenance]").Text(), "Tự cung cấp")
	up := doc.Find("[data-testid=held-upload-choice]")
	assert.Equal(t, "upload", attr(up, "value"))
	_, upChecked := up.Attr("checked")
	assert.False(t, upChecked)
	assert.Equal(t, "proof", attr(doc.Find("input[type=file]"), "name"), "the upload keeps the field's name")
	assert.Contains(t, html, "Dùng giấy tờ đã có")

	plain, _ := renderDoc(t, components.Field(field("proof", "file")))
	assert.Zero(t, plain.Find("[data-testid=held-offer-proof]").Length())
}
