package catalogue_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/catalogue"
)

// TestSearchForgives checks that the catalogue finds a procedure however a citizen spells it:
// with or without tones, kí or ký, abbreviations people use (data/abbreviations.json), and that
// the procedure the words name comes first.
func TestSearchForgives(t *testing.T) {
	t.Parallel()
	s, _ := setup(t)
	for _, tc := range []struct{ query, first string }{
		{"đăng ký khai sinh", "1.001193"},
		{"đăng kí khai sinh", "1.001193"},
		{"Đăng Kí Khai Sinh", "1.001193"},
		{"dang ky khai sinh", "1.001193"},
		{"dang ki khai sinh", "1.001193"},
		{"dkks", "1.001193"},
		{"DKKS", "1.001193"},
		{"đăng kí kết hôn", "1.000894"},
		{"dkkh", "1.000894"},
		{"bhxh", "1.014173"},
		{"rút bhxh một lần", "1.014173"},
		{"bhyt", "3.000722"},
		{"thẻ bhyt cho trẻ", "3.000722"},
		{"bhtn", "1.014748"},
		{"qsdd", "1.013831"},
		{"chuyển nhượng qsdđ", "1.013831"},
		{"gcn kết hôn", "1.000894"},
		{"đăng kí thường trú", "1.004222"},
		{"thuong tru", "1.004222"},
		{"hộ kinh doanh", "1.001612"},
		{"Birth registration", "1.001193"},
	} {
		ps, err := s.List(context.Background(), catalogue.Filter{Query: tc.query})
		require.NoError(t, err, tc.query)
		require.NotEmpty(t, ps, "query %q finds nothing", tc.query)
		require.Equal(t, tc.first, ps[0].Code, "query %q: %v", tc.query, codes(ps))
	}
	for _, q := range []string{"xyzw", "dkxx"} { // nothing made up matches
		ps, err := s.List(context.Background(), catalogue.Filter{Query: q})
		require.NoError(t, err)
		require.Empty(t, ps, "query %q: %v", q, codes(ps))
	}
	t.Run("AbbreviationsAreFolded", func(t *testing.T) {
		// A key that is not folded could never match a folded query word.
		for k := range catalogue.Abbreviations() {
			require.Equal(t, catalogue.Fold(k), k)
			require.NotContains(t, k, " ")
		}
		require.NotEmpty(t, catalogue.Abbreviations()["dkks"])
	})
}
