package receipt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const (
	fontFamily     = "dejavu"
	fontRegular    = "DejaVuSans.ttf"
	fontBold       = "DejaVuSans-Bold.ttf"
	defaultFontDir = "/usr/share/fonts/truetype/dejavu"
	fontDirEnv     = "RECEIPT_FONT_DIR"
	fontPackage    = "fonts-dejavu-core"
)

// Fonts returns the DejaVu Sans regular and bold font programs, found and checked exactly as
// NewRenderer finds and checks them, so the portal's other PDFs (the electronic result) write
// Vietnamese with the same fonts and fail the same way when they are missing.
func Fonts(fontDir string) (regular, bold []byte, err error) { return loadFonts(fontDir) }

// loadFonts reads the regular and bold fonts from the first folder that has both, and checks
// that they can write Vietnamese.
func loadFonts(fontDir string) (regular, bold []byte, err error) {
	dirs := []string{fontDir}
	if fontDir == "" {
		dirs = nil
		if env := os.Getenv(fontDirEnv); env != "" {
			dirs = append(dirs, env)
		}
		dirs = append(dirs, defaultFontDir)
	}
	for _, dir := range dirs {
		regular, err = os.ReadFile(filepath.Join(dir, fontRegular))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("receipt: read font: %w", err)
		}
		bold, err = os.ReadFile(filepath.Join(dir, fontBold))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("receipt: read font: %w", err)
		}
		for _, font := range []struct {
			name string
			ttf  []byte
		}{{fontRegular, regular}, {fontBold, bold}} {
			if err := checkVietnamese(font.ttf); err != nil {
				return nil, nil, fmt.Errorf("receipt: font %s: %w", filepath.Join(dir, font.name), err)
			}
		}
		return regular, bold, nil
	}
	return nil, nil, fmt.Errorf("receipt: fonts %s and %s not found in %s; install the Debian package %s (apt-get install %s) or set %s to a folder that has them",
		fontRegular, fontBold, strings.Join(dirs, ", "), fontPackage, fontPackage, fontDirEnv)
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
	var format4, format12 int = -1, -1
	for i := range int(be.Uint16(ttf[cmap+2:])) {
		rec := cmap + 4 + 8*i
		if !in(rec, 8) {
			return nil, errBadFont
		}
		platform, encoding := be.Uint16(ttf[rec:]), be.Uint16(ttf[rec+2:])
		sub := cmap + int(be.Uint32(ttf[rec+4:]))
		if !in(sub, 2) || (platform != 0 && !(platform == 3 && (encoding == 1 || encoding == 10))) {
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
			for g := range n {
				grp := format12 + 16 + 12*g
				start, end := be.Uint32(ttf[grp:]), be.Uint32(ttf[grp+4:])
				if uint32(r) >= start && uint32(r) <= end {
					return be.Uint32(ttf[grp+8:]) + uint32(r) - start
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
			if r > 0xFFFF {
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
