package results

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

var (
	reContents = regexp.MustCompile(`/Contents (\d+) 0 R`)
	reLength   = regexp.MustCompile(`/Length (\d+)`)
)

// pdfPages returns the text of each page of a PDF written by fpdf with UTF-8 fonts: every
// string shown (Tj), decoded from UTF-16BE, joined by spaces. It reads only what fpdf writes.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	var pages []string
	for _, m := range reContents.FindAllSubmatch(pdf, -1) {
		obj := append(append([]byte("\n"), m[1]...), " 0 obj\n"...)
		at := bytes.Index(pdf, obj)
		require.GreaterOrEqual(t, at, 0, "no content object %s", m[1])
		body := pdf[at+len(obj):]
		s := bytes.Index(body, []byte("stream\n"))
		require.GreaterOrEqual(t, s, 0)
		dict := string(body[:s])
		lm := reLength.FindStringSubmatch(dict)
		require.NotNil(t, lm, "stream without /Length")
		n, _ := strconv.Atoi(lm[1])
		stream := body[s+len("stream\n") : s+len("stream\n")+n]
		if strings.Contains(dict, "/FlateDecode") {
			zr, err := zlib.NewReader(bytes.NewReader(stream))
			require.NoError(t, err)
			stream, err = io.ReadAll(zr)
			require.NoError(t, err)
		}
		pages = append(pages, strings.Join(shownStrings(stream), " "))
	}
	return pages
}

// shownStrings returns the literal strings a content stream shows, with Tj or in a TJ array
// (fpdf's justified lines), in order.
func shownStrings(c []byte) []string {
	var out []string
	var inArray []string // the strings of the TJ array being read
	array := false
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '[':
			array, inArray = true, nil
			continue
		case ']':
			if array && bytes.HasPrefix(bytes.TrimLeft(c[i+1:], " "), []byte("TJ")) {
				out = append(out, strings.Join(inArray, ""))
			}
			array = false
			continue
		case '(':
		default:
			continue
		}
		var b []byte
		for i++; i < len(c) && c[i] != ')'; i++ {
			if c[i] != '\\' {
				b = append(b, c[i])
				continue
			}
			i++
			switch c[i] {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
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
		}
		u := make([]uint16, len(b)/2)
		for j := range u {
			u[j] = uint16(b[2*j])<<8 | uint16(b[2*j+1])
		}
		s := string(utf16.Decode(u))
		switch {
		case array:
			inArray = append(inArray, s)
		case bytes.HasPrefix(bytes.TrimLeft(c[min(i+1, len(c)):], " "), []byte("Tj")):
			out = append(out, s)
		}
	}
	return out
}

// pngData returns a PNG's image data (its IDAT chunks joined), which a PDF embeds as is.
func pngData(t *testing.T, b []byte) []byte {
	t.Helper()
	require.True(t, bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")))
	var data []byte
	for i := 8; i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		if string(b[i+4:i+8]) == "IDAT" {
			data = append(data, b[i+8:i+8+n]...)
		}
		i += 12 + n
	}
	require.NotEmpty(t, data)
	return data
}
