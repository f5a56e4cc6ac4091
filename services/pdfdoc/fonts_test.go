package pdfdoc

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindFonts(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		fonts, err := FindFonts(defaultFontDir)
		require.NoError(t, err, "Debian's fonts-dejavu-core must be installed")
		require.NotEmpty(t, fonts.Regular)
		require.NotEmpty(t, fonts.Bold)
		require.NoError(t, fonts.Check())
	})

	t.Run("EnvFolderFirst", func(t *testing.T) {
		// Not parallel: it sets the environment. A font without Vietnamese in the folder
		// named by the environment shows that folder is read before the system one.
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, fontRegular), asciiOnlyFont(), 0o644))
		copyFont(t, dir, fontBold)
		t.Setenv(FontDirEnv, dir)
		_, err := FindFonts("")
		require.ErrorContains(t, err, dir)
	})

	t.Run("EnvFolderEmptyFallsBack", func(t *testing.T) {
		t.Setenv(FontDirEnv, t.TempDir())
		_, err := FindFonts("")
		require.NoError(t, err)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		dir := t.TempDir()
		copyFont(t, dir, fontRegular) // bold missing
		_, err := FindFonts(dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "fonts-dejavu-core")
		assert.Contains(t, err.Error(), dir)
		assert.Contains(t, err.Error(), FontDirEnv)
	})

	t.Run("ErrNoVietnamese", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, fontRegular), asciiOnlyFont(), 0o644))
		copyFont(t, dir, fontBold)
		_, err := FindFonts(dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Vietnamese")
		assert.Contains(t, err.Error(), "ơ")
		assert.Contains(t, err.Error(), filepath.Join(dir, fontRegular))
	})

	t.Run("ErrNotAFont", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, fontRegular), []byte("not a font"), 0o644))
		copyFont(t, dir, fontBold)
		_, err := FindFonts(dir)
		require.ErrorIs(t, err, errBadFont)
	})
}

func TestCheckVietnamese(t *testing.T) {
	t.Parallel()
	for _, name := range []string{fontRegular, fontBold} {
		ttf, err := os.ReadFile(filepath.Join(defaultFontDir, name))
		require.NoError(t, err)
		assert.NoError(t, checkVietnamese(ttf), name)
		lookup, err := cmapLookup(ttf)
		require.NoError(t, err)
		assert.NotZero(t, lookup('ệ'))
		assert.Zero(t, lookup(0x10FFFD), "a private-use rune has no glyph")
	}
	lookup, err := cmapLookup(asciiOnlyFont())
	require.NoError(t, err)
	assert.Equal(t, uint32('A'-0x1D), lookup('A'))
	assert.Zero(t, lookup('ơ'))
}

func copyFont(t *testing.T, dir, name string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(defaultFontDir, name))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
}

// asciiOnlyFont is the smallest sfnt with a Unicode cmap (format 4) that maps only ' '–'~',
// like a font without Vietnamese.
func asciiOnlyFont() []byte {
	be := binary.BigEndian
	u16 := func(b []byte, v int) []byte { return be.AppendUint16(b, uint16(v)) }
	// format 4 subtable: two segments, 0x20–0x7E (delta -0x1D) and the closing 0xFFFF
	var sub []byte
	sub = u16(sub, 4)
	sub = u16(sub, 16+2*4*2) // length
	sub = u16(sub, 0)        // language
	sub = u16(sub, 4)        // segCountX2
	sub = u16(sub, 4)        // searchRange
	sub = u16(sub, 1)        // entrySelector
	sub = u16(sub, 0)        // rangeShift
	sub = u16(u16(sub, 0x7E), 0xFFFF)
	sub = u16(sub, 0) // reservedPad
	sub = u16(u16(sub, 0x20), 0xFFFF)
	sub = u16(u16(sub, 0x10000-0x1D), 1)
	sub = u16(u16(sub, 0), 0)

	var cmap []byte
	cmap = u16(u16(cmap, 0), 1)      // version, one encoding record
	cmap = u16(u16(cmap, 3), 1)      // Windows, Unicode BMP
	cmap = be.AppendUint32(cmap, 12) // offset of the subtable
	cmap = append(cmap, sub...)

	var font []byte
	font = be.AppendUint32(font, 0x00010000)
	font = u16(u16(u16(u16(font, 1), 16), 0), 0)
	font = append(font, "cmap"...)
	font = be.AppendUint32(font, 0)     // checksum, unchecked
	font = be.AppendUint32(font, 12+16) // offset
	font = be.AppendUint32(font, uint32(len(cmap)))
	return append(font, cmap...)
}

func TestCheck(t *testing.T) {
	t.Parallel()
	fonts, err := FindFonts(defaultFontDir)
	require.NoError(t, err)
	require.NoError(t, fonts.Check())

	noVietnamese := Fonts{Regular: fonts.Regular, Bold: asciiOnlyFont()}
	require.ErrorContains(t, noVietnamese.Check(), "bold font: no glyphs for")
	notAFont := Fonts{Regular: []byte("not a font"), Bold: fonts.Bold}
	require.ErrorIs(t, notAFont.Check(), errBadFont)
}
