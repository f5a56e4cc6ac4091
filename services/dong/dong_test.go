package dong

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		vnd    int64
		vi, en string
	}{
		{0, "0 đồng", "VND 0"},
		{5, "5 đồng", "VND 5"},
		{999, "999 đồng", "VND 999"},
		{1000, "1.000 đồng", "VND 1,000"},
		{10_000, "10.000 đồng", "VND 10,000"},
		{50_000, "50.000 đồng", "VND 50,000"},
		{215_000, "215.000 đồng", "VND 215,000"},
		{1_250_000, "1.250.000 đồng", "VND 1,250,000"},
		{1_000_000_000_000, "1.000.000.000.000 đồng", "VND 1,000,000,000,000"},
		{-500_000, "-500.000 đồng", "VND -500,000"},
		{math.MaxInt64, "9.223.372.036.854.775.807 đồng", "VND 9,223,372,036,854,775,807"},
		{math.MinInt64, "-9.223.372.036.854.775.808 đồng", "VND -9,223,372,036,854,775,808"},
	} {
		assert.Equal(t, tc.vi, Format(tc.vnd), "Format(%d)", tc.vnd)
		assert.Equal(t, tc.en, FormatEN(tc.vnd), "FormatEN(%d)", tc.vnd)
	}
}

// wordsCases are amounts with their words as a receipt writes them, each rule of the package
// documentation and each group boundary among them.
var wordsCases = []struct {
	vnd   int64
	words string
}{
	// one group
	{0, "Không đồng"},
	{1, "Một đồng"},
	{4, "Bốn đồng"},
	{5, "Năm đồng"},
	{10, "Mười đồng"},
	{11, "Mười một đồng"},
	{14, "Mười bốn đồng"},
	{15, "Mười lăm đồng"},
	{20, "Hai mươi đồng"},
	{21, "Hai mươi mốt đồng"},
	{24, "Hai mươi bốn đồng"},
	{25, "Hai mươi lăm đồng"},
	{55, "Năm mươi lăm đồng"},
	{91, "Chín mươi mốt đồng"},
	{99, "Chín mươi chín đồng"},
	{100, "Một trăm đồng"},
	{101, "Một trăm linh một đồng"},
	{105, "Một trăm linh năm đồng"},
	{110, "Một trăm mười đồng"},
	{111, "Một trăm mười một đồng"},
	{115, "Một trăm mười lăm đồng"},
	{121, "Một trăm hai mươi mốt đồng"},
	{555, "Năm trăm năm mươi lăm đồng"},
	{999, "Chín trăm chín mươi chín đồng"},
	// thousands: the group after the first reads its hundreds, "linh" for a zero ten
	{1000, "Một nghìn đồng"},
	{1001, "Một nghìn không trăm linh một đồng"},
	{1005, "Một nghìn không trăm linh năm đồng"},
	{1010, "Một nghìn không trăm mười đồng"},
	{1015, "Một nghìn không trăm mười lăm đồng"},
	{1021, "Một nghìn không trăm hai mươi mốt đồng"},
	{1100, "Một nghìn một trăm đồng"},
	{2026, "Hai nghìn không trăm hai mươi sáu đồng"},
	{10_000, "Mười nghìn đồng"},
	{15_000, "Mười lăm nghìn đồng"},
	{21_000, "Hai mươi mốt nghìn đồng"},
	{50_000, "Năm mươi nghìn đồng"},
	{55_555, "Năm mươi lăm nghìn năm trăm năm mươi lăm đồng"},
	{100_000, "Một trăm nghìn đồng"},
	{101_000, "Một trăm linh một nghìn đồng"},
	{215_000, "Hai trăm mười lăm nghìn đồng"},
	{999_999, "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng"},
	// millions: a group of zeros is skipped, the next one still reads its hundreds
	{1_000_000, "Một triệu đồng"},
	{1_000_001, "Một triệu không trăm linh một đồng"},
	{1_000_100, "Một triệu một trăm đồng"},
	{1_001_000, "Một triệu không trăm linh một nghìn đồng"},
	{1_005_000, "Một triệu không trăm linh năm nghìn đồng"},
	{1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"},
	{2_000_005, "Hai triệu không trăm linh năm đồng"},
	{20_000_000, "Hai mươi triệu đồng"},
	{25_000_000, "Hai mươi lăm triệu đồng"},
	{123_456_789, "Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng"},
	{215_321_500, "Hai trăm mười lăm triệu ba trăm hai mươi mốt nghìn năm trăm đồng"},
	// tỷ and above
	{1_000_000_000, "Một tỷ đồng"},
	{1_000_000_001, "Một tỷ không trăm linh một đồng"},
	{1_000_005_000, "Một tỷ không trăm linh năm nghìn đồng"},
	{1_200_000_000, "Một tỷ hai trăm triệu đồng"},
	{21_000_000_000, "Hai mươi mốt tỷ đồng"},
	{1_000_000_000_000, "Một nghìn tỷ đồng"},
	{1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"},
	{1_000_000_000_000_000_000, "Một tỷ tỷ đồng"},
	{math.MaxInt64, "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ " +
		"tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng"},
	// negative amounts: never in the portal, written as accounting software writes them
	{-50_000, "Âm năm mươi nghìn đồng"},
	{math.MinInt64, "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ " +
		"tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám đồng"},
}

func TestWords(t *testing.T) {
	t.Parallel()
	require.GreaterOrEqual(t, len(wordsCases), 40)
	for _, tc := range wordsCases {
		assert.Equal(t, tc.words, Words(tc.vnd), "Words(%d)", tc.vnd)
	}
}

// TestWordsReadBack reads the words of random amounts back into a number, so every amount's
// words say that amount, and checks the conventions hold in each.
func TestWordsReadBack(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(16, 2026))
	amounts := []int64{}
	for _, tc := range wordsCases {
		if tc.vnd >= 0 && tc.vnd < 1e18 {
			amounts = append(amounts, tc.vnd)
		}
	}
	for range 5000 {
		// Amounts of every size, with many zeros, so empty groups and zero tens come up.
		digits := rng.IntN(18) + 1
		var n int64
		for range digits {
			d := int64(0)
			if rng.IntN(3) > 0 {
				d = rng.Int64N(10)
			}
			n = n*10 + d
		}
		amounts = append(amounts, n)
	}
	for _, n := range amounts {
		words := Words(n)
		require.True(t, strings.HasSuffix(words, " đồng"), "%d: %q", n, words)
		text := strings.TrimSuffix(words, " đồng")
		assert.Equal(t, n, readBack(t, text), "%d: %q", n, words)

		fields := strings.Fields(strings.ToLower(text))
		assert.Equal(t, strings.Join(fields, " "), strings.ToLower(text), "%d: spacing of %q", n, words)
		for i, w := range fields {
			prev := ""
			if i > 0 {
				prev = fields[i-1]
			}
			assert.NotContains(t, []string{"lẻ", "ngàn", "tư", "nhăm"}, w, "%d: %q", n, words)
			switch w {
			case "mốt":
				assert.Equal(t, "mươi", prev, "%d: mốt only after mươi: %q", n, words)
			case "lăm":
				assert.Contains(t, []string{"mươi", "mười"}, prev, "%d: lăm only after a ten: %q", n, words)
			case "linh":
				assert.Equal(t, "trăm", prev, "%d: linh only after the hundreds: %q", n, words)
			case "một":
				assert.NotEqual(t, "mươi", prev, "%d: một after mươi: %q", n, words)
			case "năm":
				assert.NotContains(t, []string{"mươi", "mười"}, prev, "%d: năm after a ten: %q", n, words)
			}
		}
	}
}

var digitValue = map[string]int64{"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}

// readBack reads Vietnamese number words (below 10^18, so "tỷ" comes at most once) back into
// a number. It is written apart from Words, the other way round: each scale word multiplies
// what was read since the last larger scale.
func readBack(t *testing.T, text string) int64 {
	t.Helper()
	type term struct{ value, scale int64 }
	var terms []term
	var small, pending int64
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if d, ok := digitValue[w]; ok {
			pending = d
			continue
		}
		switch w {
		case "mười":
			small += 10
		case "mươi":
			small, pending = small+pending*10, 0
		case "trăm":
			small, pending = small+pending*100, 0
		case "linh":
		case "nghìn", "triệu", "tỷ":
			scale := map[string]int64{"nghìn": 1e3, "triệu": 1e6, "tỷ": 1e9}[w]
			x := small + pending
			for len(terms) > 0 && terms[len(terms)-1].scale < scale {
				x += terms[len(terms)-1].value
				terms = terms[:len(terms)-1]
			}
			terms = append(terms, term{x * scale, scale})
			small, pending = 0, 0
		default:
			t.Fatalf("unknown word %q in %q", w, text)
		}
	}
	total := small + pending
	for _, tm := range terms {
		total += tm.value
	}
	return total
}
