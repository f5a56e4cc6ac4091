package pdfdoc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newDoc returns a document on its first page, in the body font.
func newDoc(t *testing.T) *Doc {
	t.Helper()
	fonts, err := FindFonts("")
	require.NoError(t, err, "Debian's fonts-dejavu-core must be installed")
	d := New(fonts)
	d.AddPage()
	d.Font("", BodySize)
	return d
}

func TestWrap(t *testing.T) {
	t.Parallel()
	const long = "Giấytờchứngminhnơicưtrú" // one word, wider than the line below

	t.Run("LongWordIsCutOnlyWhereItMustBe", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		const w = 30.0
		require.Greater(t, d.GetStringWidth(long), w)
		lines := d.Wrap("Số "+long+" cấp", w)

		// "Số" keeps its line rather than the long word being cut right after it; the long
		// word is cut where the line is full, and the next word follows its end.
		require.Equal(t, []string{"Số", "Giấytờchứngmi", "nhnơicưtrú cấp"}, lines)
		for _, l := range lines {
			assert.LessOrEqual(t, d.GetStringWidth(l), w, "%q is wider than the line", l)
		}
		assert.Equal(t, long, lines[1]+strings.TrimSuffix(lines[2], " cấp"), "no letter is lost")
	})

	t.Run("WordsMoveWhole", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		const text = "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
		lines := d.Wrap(text, 40)
		require.Greater(t, len(lines), 2)
		words := map[string]bool{}
		for _, w := range strings.Fields(text) {
			words[w] = true
		}
		for _, l := range lines {
			for _, w := range strings.Fields(l) {
				assert.True(t, words[w], "%q is not a whole word of the text", w)
			}
			assert.LessOrEqual(t, d.GetStringWidth(l), 40.0)
		}
		assert.Equal(t, text, strings.Join(lines, " "))
	})

	t.Run("FullLineBeforeALineBreak", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		// A line filled exactly, then a space and a line break: fpdf's SplitText, given the
		// whole text, would draw an empty line between the two.
		const first = "Giấytờchứngminh"
		w := d.GetStringWidth(first)
		assert.Equal(t, []string{first, "nơi cư trú"}, d.Wrap(first+" \nnơi cư trú", w))
	})

	t.Run("ParagraphsKeepTheirBlankLines", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		assert.Equal(t, []string{"Dòng một", "", "Dòng ba"}, d.Wrap("Dòng một\n\nDòng ba", 100))
	})

	t.Run("Empty", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		assert.Equal(t, []string{""}, d.Wrap("", 100))
	})
}

func TestParagraph(t *testing.T) {
	t.Parallel()
	d := newDoc(t)
	bottom := PageHeight - MarginBottom
	y := d.Paragraph(MarginLeft, bottom-2*BodyLine, 30, BodyLine, "một hai ba bốn năm sáu bảy tám chín mười", "L")
	require.Equal(t, 2, d.PageNo(), "the lines that do not fit go overleaf")
	lines := len(d.Wrap("một hai ba bốn năm sáu bảy tám chín mười", 30))
	assert.InDelta(t, MarginTop+float64(lines-2)*BodyLine, y, 0.001, "it returns the y below the last line")
}

func TestField(t *testing.T) {
	t.Parallel()

	t.Run("EmptyValueLeftOut", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		y := d.GetY()
		d.Field("Ghi chú:", "", false)
		assert.Equal(t, y, d.GetY())
	})

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		y := d.GetY()
		d.Field("Người nộp hồ sơ:", "Nguyễn Văn An", true)
		assert.InDelta(t, y+BodyLine+RowGap, d.GetY(), 0.001)
	})

	t.Run("WrappedLabelStaysWithItsValue", func(t *testing.T) {
		t.Parallel()
		d := newDoc(t)
		const label = "Số định danh cá nhân của người được đăng ký khai sinh:"
		require.Len(t, d.Wrap(label, LabelWidth-2), 3)
		d.SetY(PageHeight - MarginBottom - 2*BodyLine) // room for two lines
		d.Field(label, "001326012345", false)
		assert.Equal(t, 2, d.PageNo(), "the row starts overleaf rather than splitting its label")
		assert.InDelta(t, MarginTop+3*BodyLine+RowGap, d.GetY(), 0.001)
	})
}

func TestHeading(t *testing.T) {
	t.Parallel()
	d := newDoc(t)
	top := d.GetY()
	plain := d.Heading("Ủy ban nhân dân phường Hoàn Kiếm", 70, "", "")
	assert.Greater(t, plain, top)

	d = newDoc(t)
	noted := d.Heading("Ủy ban nhân dân phường Hoàn Kiếm", 70, "Số: UBND-00070-261127-0001-KQ1", "Ngày 27 tháng 11 năm 2026")
	assert.InDelta(t, plain+3+5, noted, 0.001, "each note is one line under its rule")
}

func TestBytes(t *testing.T) {
	t.Parallel()
	d := newDoc(t)
	d.Paragraph(MarginLeft, MarginTop, ContentWidth, BodyLine, "Đăng ký khai sinh", "L")
	pdf, err := d.Bytes()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(pdf), "%PDF-"))
}
