package pdfdoc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Vietnamese needs fonts with the precomposed letters of Latin Extended Additional
// (U+1EA0–U+1EF9) plus ơ ư đ. The Go fonts (golang.org/x/image/font/gofont) lack 94 of them,
// ơ and ư included, so the documents embed subsets of DejaVu Sans, which Debian ships in
// fonts-dejavu-core.
const (
	fontRegular    = "DejaVuSans.ttf"
	fontBold       = "DejaVuSans-Bold.ttf"
	defaultFontDir = "/usr/share/fonts/truetype/dejavu"
	fontPackage    = "fonts-dejavu-core"

	// FontDirEnv names the folder FindFonts looks in before the system one. It keeps the name
	// it had when the receipt was the only PDF.
	FontDirEnv = "RECEIPT_FONT_DIR"
)

// Fonts are the regular and bold DejaVu Sans font programs a document embeds. They are only
// read, so one Fonts serves any number of documents drawn at once.
type Fonts struct {
	Regular, Bold []byte
}

// FindFonts reads the fonts from dir or, when dir is "", from $RECEIPT_FONT_DIR and then
// /usr/share/fonts/truetype/dejavu: the first folder that has both. It fails, naming the Debian
// package to install, when no folder has them, and when a font lacks Vietnamese letters or
// cannot be embedded, so a document can never come out with missing glyphs.
func FindFonts(dir string) (Fonts, error) {
	dirs := []string{dir}
	if dir == "" {
		dirs = nil
		if env := os.Getenv(FontDirEnv); env != "" {
			dirs = append(dirs, env)
		}
		dirs = append(dirs, defaultFontDir)
	}
	for _, dir := range dirs {
		folder := os.DirFS(dir)
		regular, err := fs.ReadFile(folder, fontRegular)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Fonts{}, fmt.Errorf("pdfdoc: read font: %w", err)
		}
		bold, err := fs.ReadFile(folder, fontBold)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Fonts{}, fmt.Errorf("pdfdoc: read font: %w", err)
		}
		for _, font := range []struct {
			name string
			ttf  []byte
		}{{fontRegular, regular}, {fontBold, bold}} {
			if err := checkVietnamese(font.ttf); err != nil {
				return Fonts{}, fmt.Errorf("pdfdoc: font %s: %w", filepath.Join(dir, font.name), err)
			}
		}
		fonts := Fonts{Regular: regular, Bold: bold}
		if err := fonts.embed(); err != nil {
			return Fonts{}, fmt.Errorf("pdfdoc: fonts in %s: %w", dir, err)
		}
		return fonts, nil
	}
	return Fonts{}, fmt.Errorf("pdfdoc: fonts %s and %s not found in %s; install the Debian package %s (apt-get install %s) or set %s to a folder that has them",
		fontRegular, fontBold, strings.Join(dirs, ", "), fontPackage, fontPackage, FontDirEnv)
}

// Check reports whether both fonts have every Vietnamese letter and can be embedded, for fonts
// that did not come from FindFonts.
func (ft Fonts) Check() error {
	for _, font := range []struct {
		name string
		ttf  []byte
	}{{"regular", ft.Regular}, {"bold", ft.Bold}} {
		if err := checkVietnamese(font.ttf); err != nil {
			return fmt.Errorf("pdfdoc: %s font: %w", font.name, err)
		}
	}
	if err := ft.embed(); err != nil {
		return fmt.Errorf("pdfdoc: %w", err)
	}
	return nil
}

// embed writes a small document in both fonts: fpdf prints a font it cannot parse to stdout and
// carries on, so this probe is what surfaces it.
func (ft Fonts) embed() error {
	d := New(ft)
	d.AddPage()
	for _, style := range []string{"", "B"} {
		d.Font(style, 10)
		d.CellFormat(0, 5, "Đăng ký kết quả", "", 1, "L", false, 0, "")
	}
	if err := d.Output(&bytes.Buffer{}); err != nil {
		return fmt.Errorf("the fonts cannot be embedded: %w", err)
	}
	return nil
}

// vietnameseLetters are the letters of Vietnamese beyond ASCII, and the đồng sign.
func vietnameseLetters() []rune {
	rs := []rune("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư₫")
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		rs = append(rs, r)
	}
	return rs
}

// checkVietnamese reports the Vietnamese letters the TrueType font ttf has no glyph for.
func checkVietnamese(ttf []byte) error {
	lookup, err := cmapLookup(ttf)
	if err != nil {
		return err
	}
	var missing []rune
	for _, r := range vietnameseLetters() {
		if lookup(r) == 0 {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no glyphs for %d Vietnamese letters (%s); use DejaVu Sans from %s", len(missing), string(missing), fontPackage)
	}
	return nil
}

var errBadFont = errors.New("not a TrueType font with a Unicode cmap")

// cmapLookup returns the rune-to-glyph function of the font's Unicode cmap (format 12 or 4).
// A glyph of 0 means the font has none for that rune.
func cmapLookup(ttf []byte) (func(rune) uint32, error) {
	be := binary.BigEndian
	in := func(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(ttf) }
	if !in(0, 12) {
		return nil, errBadFont
	}
	numTables := int(be.Uint16(ttf[4:]))
	cmap := -1
	for i := range numTables {
		rec := 12 + 16*i
		if !in(rec, 16) {
			return nil, errBadFont
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = int(be.Uint32(ttf[rec+8:]))
		}
	}
	if !in(cmap, 4) {
		return nil, errBadFont
	}
	format4, format12 := -1, -1
	for i := range int(be.Uint16(ttf[cmap+2:])) {
		rec := cmap + 4 + 8*i
		if !in(rec, 8) {
			return nil, errBadFont
		}
		platform, encoding := be.Uint16(ttf[rec:]), be.Uint16(ttf[rec+2:])
		sub := cmap + int(be.Uint32(ttf[rec+4:]))
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !in(sub, 2) || !unicode {
			continue
		}
		switch be.Uint16(ttf[sub:]) {
		case 4:
			format4 = sub
		case 12:
			format12 = sub
		}
	}
	switch {
	case format12 >= 0 && in(format12, 16):
		n := int(be.Uint32(ttf[format12+12:]))
		if !in(format12+16, 12*n) {
			return nil, errBadFont
		}
		return func(r rune) uint32 {
			if r < 0 {
				return 0
			}
			c := uint32(r)
			for g := range n {
				grp := format12 + 16 + 12*g
				start, end := be.Uint32(ttf[grp:]), be.Uint32(ttf[grp+4:])
				if c >= start && c <= end {
					return be.Uint32(ttf[grp+8:]) + c - start
				}
			}
			return 0
		}, nil
	case format4 >= 0 && in(format4, 14):
		segs := int(be.Uint16(ttf[format4+6:])) / 2
		ends := format4 + 14
		starts := ends + 2*segs + 2
		deltas := starts + 2*segs
		ranges := deltas + 2*segs
		if !in(ends, 8*segs+2) {
			return nil, errBadFont
		}
		return func(r rune) uint32 {
			if r < 0 || r > 0xFFFF {
				return 0
			}
			c := uint16(r)
			for s := range segs {
				end, start := be.Uint16(ttf[ends+2*s:]), be.Uint16(ttf[starts+2*s:])
				if c > end || c < start {
					continue
				}
				delta, rangeOff := be.Uint16(ttf[deltas+2*s:]), int(be.Uint16(ttf[ranges+2*s:]))
				if rangeOff == 0 {
					return uint32(c + delta)
				}
				at := ranges + 2*s + rangeOff + 2*int(c-start)
				if !in(at, 2) || be.Uint16(ttf[at:]) == 0 {
					return 0
				}
				return uint32(be.Uint16(ttf[at:]) + delta)
			}
			return 0
		}, nil
	}
	return nil, errBadFont
}
