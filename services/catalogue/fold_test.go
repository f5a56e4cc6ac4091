package catalogue_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
)

func TestFold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Đăng ký khai sinh":             "dang ky khai sinh",
		"ĐĂNG KÝ KHAI SINH":             "dang ky khai sinh",
		"  Đăng   ký\tthường trú \n":    "dang ky thuong tru",
		"Nguyễn Thị Bích Ngọc":          "nguyen thi bich ngoc",
		"Phường Hoàn Kiếm":              "phuong hoan kiem",
		"Đắk Lắk":                       "dak lak",
		"Bảo hiểm xã hội một lần":       "bao hiem xa hoi mot lan",
		"Kết hôn":                       "ket hon",
		"Thửa đất số 345, tờ bản đồ 12": "thua dat so 345, to ban do 12",
		"Ưu tiên Ơn Ỹ":                  "uu tien on y",
		"Birth registration":            "birth registration",
		"dang ky khai sinh":             "dang ky khai sinh",
		// Decomposed input (a combining mark after the base letter) folds like composed input.
		"Ha\u0300 No\u0323\u0302i": "ha noi",
		"":                         "",
	} {
		require.Equal(t, want, catalogue.Fold(in), "Fold(%q)", in)
	}
}
