package citizen

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/receipt"
)

// TestReceiptParties checks that the receipt masks every party's personal ID as the
// applicant's and says in Vietnamese where each identity came from.
func TestReceiptParties(t *testing.T) {
	t.Parallel()
	got := receiptParties([]cases.Party{
		{ID: cases.PartyApplicant, Kind: cases.PartyApplicant, Label: forms.Text{VI: "Người nộp hồ sơ", EN: "Applicant"},
			Role: forms.Text{VI: "Mẹ của trẻ", EN: "The child's mother"}, FullName: "Đặng Thị Mai", PersonalID: "001190023456", Source: cases.SourceIdentity},
		{ID: "child", Label: forms.Text{VI: "Trẻ được đăng ký khai sinh"}, FullName: "Nguyễn Ngọc Ánh", Source: cases.SourceCitizen},
		{ID: "father", Label: forms.Text{VI: "Cha của trẻ"}, FullName: "Nguyễn Văn An", PersonalID: "001088012345", Source: "population"},
		{ID: "mother", Label: forms.Text{VI: "Mẹ của trẻ"}, FullName: "Phạm Thị Dung", PersonalID: "038301009876", Source: cases.SourceSelfDeclared},
		{ID: "partner", Label: forms.Text{VI: "Người kết hôn"}, FullName: "Lê Văn Cường", Source: "unknown"},
	})
	require.Equal(t, []receipt.Party{
		{Label: "Người nộp hồ sơ", Role: "Mẹ của trẻ", FullName: "Đặng Thị Mai", IDMasked: "********3456", Source: "Tài khoản định danh điện tử (VNeID) của người nộp"},
		{Label: "Trẻ được đăng ký khai sinh", FullName: "Nguyễn Ngọc Ánh", Source: "Người nộp hồ sơ khai"},
		{Label: "Cha của trẻ", FullName: "Nguyễn Văn An", IDMasked: "********2345", Source: "Cơ sở dữ liệu quốc gia về dân cư"},
		{Label: "Mẹ của trẻ", FullName: "Phạm Thị Dung", IDMasked: "********9876", Source: "Người nộp tự khai (cơ sở dữ liệu không phản hồi)"},
		{Label: "Người kết hôn", FullName: "Lê Văn Cường"}, // an unknown source is not named
	}, got)
}
