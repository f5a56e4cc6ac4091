package receipt

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/color"
	"image/png"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQRPNG(t *testing.T) {
	t.Parallel()
	const url = "https://motlan.gov.vn/ho-so/UBND-00070-261127-0001"

	for _, size := range []int{256, 200, 123} {
		t.Run(fmt.Sprintf("OK%dpx", size), func(t *testing.T) {
			t.Parallel()
			b, err := QRPNG(url, size)
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			require.Equal(t, size, img.Bounds().Dx())
			require.Equal(t, size, img.Bounds().Dy())

			// No pure-Go QR decoder is a dependency, so compare with the symbol itself: the
			// centre of every module has the module's colour.
			q, err := qrcode.New(url, qrLevel)
			require.NoError(t, err)
			modules := q.Bitmap()
			scale := size / len(modules)
			offset := (size - scale*len(modules)) / 2
			var dark int
			for y, row := range modules {
				for x, want := range row {
					c := color.GrayModel.Convert(img.At(offset+x*scale+scale/2, offset+y*scale+scale/2)).(color.Gray)
					require.True(t, c.Y == 0 || c.Y == 255, "grey pixel %d", c.Y)
					require.Equal(t, want, c.Y == 0, "module (%d,%d) at size %d", x, y, size)
					if want {
						dark++
					}
				}
			}
			require.Greater(t, dark, 100)
			// The leftover pixels are white border.
			assert.Equal(t, color.Gray{Y: 255}, color.GrayModel.Convert(img.At(size-1, size-1)))
		})
	}

	t.Run("ErrTooSmall", func(t *testing.T) {
		t.Parallel()
		_, err := QRPNG(url, 20)
		require.ErrorContains(t, err, "too small")
	})

	t.Run("ErrEmpty", func(t *testing.T) {
		t.Parallel()
		_, err := QRPNG("", 200)
		require.Error(t, err)
	})
}

// pngDataOf returns a PNG's width and its image data (the IDAT chunks, joined), which is what
// a PDF embeds.
func pngDataOf(t *testing.T, b []byte) (int, []byte) {
	t.Helper()
	require.True(t, bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")))
	var width int
	var data []byte
	for i := 8; i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		kind, body := string(b[i+4:i+8]), b[i+8:i+8+n]
		switch kind {
		case "IHDR":
			width = int(binary.BigEndian.Uint32(body))
		case "IDAT":
			data = append(data, body...)
		}
		i += 12 + n
	}
	return width, data
}

func TestPrintQR(t *testing.T) {
	t.Parallel()
	const url = "https://motlan.gov.vn/verify?code=K7QX-3MPA-9TRD"
	got, err := PrintQR(url)
	require.NoError(t, err)
	want, err := qrForPDF(url)
	require.NoError(t, err)
	assert.Equal(t, want, got, "the same image the receipt embeds")
	img, err := png.Decode(bytes.NewReader(got))
	require.NoError(t, err)
	q, err := qrcode.New(url, qrLevel)
	require.NoError(t, err)
	assert.Equal(t, len(q.Bitmap())*qrPixelsPerModule, img.Bounds().Dx())

	_, err = PrintQR("")
	require.Error(t, err)
}
