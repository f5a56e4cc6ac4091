package receipt

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

// pdfDoc is just enough of a PDF reader to check what fpdf writes, with no external tool:
// the objects (found through the cross-reference table), the fonts with their CID-to-glyph
// maps, the text runs and the image placements of each page.
type pdfDoc struct {
	objs   map[int]pdfObj
	fonts  map[string]pdfFont // by resource name, e.g. "F1a2b…"
	images map[string]pdfObj  // by resource name, e.g. "I1"
	pages  []pdfPage
}

type pdfObj struct {
	dict   string
	stream []byte // decompressed, unless it is an image (kept as stored)
}

type pdfFont struct {
	baseFont   string
	cidToGID   []byte // two bytes per CID; CIDs are Unicode code points in fpdf's UTF-8 fonts
	fileLength int    // uncompressed size of the embedded font program
}

// gid returns the glyph that r is drawn with; 0 is the "missing glyph" box.
func (f pdfFont) gid(r rune) int {
	i := 2 * int(r)
	if i+1 >= len(f.cidToGID) {
		return 0
	}
	return int(f.cidToGID[i])<<8 | int(f.cidToGID[i+1])
}

type pdfPage struct {
	runs   []textRun
	images []imagePlacement
}

// textRun is one string shown at one place; x and y are in points from the bottom left.
type textRun struct {
	font string
	size float64
	x, y float64
	text string
}

type imagePlacement struct {
	name       string
	x, y, w, h float64 // points
}

var (
	reRef       = func(key string) *regexp.Regexp { return regexp.MustCompile(key + ` (\d+) 0 R`) }
	reLength    = regexp.MustCompile(`/Length (\d+)`)
	reLength1   = regexp.MustCompile(`/Length1 (\d+)`)
	reBaseFont  = regexp.MustCompile(`/BaseFont /(\S+)`)
	reDescFonts = regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`)
	reResource  = regexp.MustCompile(`/([FI]\w+) (\d+) 0 R`)
)

func parsePDF(t *testing.T, b []byte) *pdfDoc {
	t.Helper()
	d := &pdfDoc{objs: map[int]pdfObj{}, fonts: map[string]pdfFont{}, images: map[string]pdfObj{}}

	at := bytes.LastIndex(b, []byte("startxref"))
	require.GreaterOrEqual(t, at, 0, "no startxref")
	xref, err := strconv.Atoi(strings.Fields(string(b[at+len("startxref"):]))[0])
	require.NoError(t, err)
	head := strings.Fields(string(b[xref : xref+40]))
	require.Equal(t, "xref", head[0])
	count, err := strconv.Atoi(head[2])
	require.NoError(t, err)
	entries := xref + bytes.Index(b[xref:], []byte("0000000000"))
	for n := 1; n < count; n++ {
		e := string(b[entries+20*n : entries+20*n+18])
		off, err := strconv.Atoi(e[:10])
		require.NoError(t, err, "xref entry %d", n)
		d.objs[n] = readObj(t, b, n, off)
	}

	for _, o := range d.objs {
		if !strings.Contains(o.dict, "/Font <<") {
			continue
		}
		for _, m := range reResource.FindAllStringSubmatch(o.dict, -1) {
			n, _ := strconv.Atoi(m[2])
			if strings.HasPrefix(m[1], "I") {
				d.images[m[1]] = d.objs[n]
				continue
			}
			d.fonts[m[1]] = d.font(t, n)
		}
	}
	for n := 1; n < count; n++ {
		o := d.objs[n]
		if !strings.Contains(o.dict, "/Type /Page\n") {
			continue
		}
		d.pages = append(d.pages, parseContent(t, d.objs[ref(t, o.dict, "/Contents")].stream))
	}
	return d
}

func readObj(t *testing.T, b []byte, n, off int) pdfObj {
	t.Helper()
	prefix := strconv.Itoa(n) + " 0 obj"
	require.True(t, bytes.HasPrefix(b[off:], []byte(prefix)), "object %d is not at offset %d", n, off)
	body := b[off+len(prefix):]
	end := bytes.Index(body, []byte("endobj"))
	s := bytes.Index(body, []byte("stream\n"))
	if s < 0 || s > end {
		return pdfObj{dict: string(body[:end])}
	}
	o := pdfObj{dict: string(body[:s])}
	m := reLength.FindStringSubmatch(o.dict)
	require.NotNil(t, m, "object %d: stream without /Length", n)
	length, _ := strconv.Atoi(m[1])
	o.stream = body[s+len("stream\n") : s+len("stream\n")+length]
	if strings.Contains(o.dict, "/FlateDecode") && !strings.Contains(o.dict, "/Subtype /Image") {
		zr, err := zlib.NewReader(bytes.NewReader(o.stream))
		require.NoError(t, err, "object %d", n)
		o.stream, err = io.ReadAll(zr)
		require.NoError(t, err, "object %d", n)
	}
	return o
}

func ref(t *testing.T, dict, key string) int {
	t.Helper()
	m := reRef(key).FindStringSubmatch(dict)
	require.NotNil(t, m, "no %s in %q", key, dict)
	n, _ := strconv.Atoi(m[1])
	return n
}

func (d *pdfDoc) font(t *testing.T, n int) pdfFont {
	t.Helper()
	top := d.objs[n].dict
	f := pdfFont{}
	if m := reBaseFont.FindStringSubmatch(top); m != nil {
		f.baseFont = m[1]
	}
	m := reDescFonts.FindStringSubmatch(top)
	require.NotNil(t, m, "font %d is not a Type0 font with a descendant: %q", n, top)
	desc, _ := strconv.Atoi(m[1])
	f.cidToGID = d.objs[ref(t, d.objs[desc].dict, "/CIDToGIDMap")].stream
	descriptor := d.objs[ref(t, d.objs[desc].dict, "/FontDescriptor")].dict
	file := d.objs[ref(t, descriptor, "/FontFile2")]
	if m := reLength1.FindStringSubmatch(file.dict); m != nil {
		f.fileLength, _ = strconv.Atoi(m[1])
	}
	return f
}

// parseContent reads the text and image operators of a page's content stream.
func parseContent(t *testing.T, c []byte) pdfPage {
	t.Helper()
	var (
		page     pdfPage
		operands []string
		font     string
		size     float64
		x, y     float64
	)
	num := func(i int) float64 {
		v, err := strconv.ParseFloat(operands[len(operands)-i], 64)
		require.NoError(t, err)
		return v
	}
	for i := 0; i < len(c); {
		switch c[i] {
		case ' ', '\n', '\r', '\t':
			i++
		case '(':
			s, next := literal(c, i+1)
			operands = append(operands, s)
			i = next
		case '[', ']':
			i++
		default:
			j := i + 1
			for j < len(c) && !strings.ContainsRune(" \n\r\t()[]/", rune(c[j])) {
				j++
			}
			tok := string(c[i:j])
			i = j
			if tok[0] == '/' || tok[0] == '-' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9') {
				operands = append(operands, tok)
				continue
			}
			switch tok {
			case "Tf":
				font, size = strings.TrimPrefix(operands[len(operands)-2], "/"), num(1)
			case "Td":
				x, y = num(2), num(1)
			case "Tj":
				page.runs = append(page.runs, textRun{font: font, size: size, x: x, y: y, text: utf16BE(operands[len(operands)-1])})
			case "cm":
				x, y = num(2), num(1)
				page.images = append(page.images, imagePlacement{x: x, y: y, w: num(6), h: num(3)})
			case "Do":
				if n := len(page.images); n > 0 {
					page.images[n-1].name = strings.TrimPrefix(operands[len(operands)-1], "/")
				}
			}
			operands = operands[:0]
		}
	}
	return page
}

// literal reads a PDF literal string that starts at c[i], after its "(".
func literal(c []byte, i int) (string, int) {
	var b []byte
	for ; i < len(c); i++ {
		switch c[i] {
		case ')':
			return string(b), i + 1
		case '\\':
			i++
			switch c[i] {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			default:
				if c[i] >= '0' && c[i] <= '7' {
					v, n := 0, 0
					for ; n < 3 && c[i] >= '0' && c[i] <= '7'; n++ {
						v = v*8 + int(c[i]-'0')
						i++
					}
					i--
					b = append(b, byte(v))
				} else {
					b = append(b, c[i])
				}
			}
		default:
			b = append(b, c[i])
		}
	}
	return string(b), i
}

func utf16BE(s string) string {
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// text is every run of every page, joined by spaces.
func (d *pdfDoc) text() string {
	var parts []string
	for _, p := range d.pages {
		for _, r := range p.runs {
			parts = append(parts, r.text)
		}
	}
	return strings.Join(parts, " ")
}
