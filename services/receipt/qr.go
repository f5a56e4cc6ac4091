package receipt

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"

	qrcode "github.com/skip2/go-qrcode"
)

// qrLevel is error correction level M (15%): enough for a printed page, and it keeps a case URL
// in a small symbol.
const qrLevel = qrcode.Medium

// qrPixelsPerModule is how finely the PDF's QR image is drawn; whole pixels keep edges sharp.
const qrPixelsPerModule = 8

// QRPNG returns content as a QR code in a size×size pixel PNG, black on white, with the
// standard 4-module quiet zone. Each module is a whole number of pixels, so the code stays
// crisp; leftover pixels widen the white border. It fails when size cannot give each module a
// pixel.
func QRPNG(content string, size int) ([]byte, error) {
	modules, err := qrModules(content)
	if err != nil {
		return nil, err
	}
	if size < len(modules) {
		return nil, fmt.Errorf("receipt: QR code of %d pixels is too small: this content needs at least %d", size, len(modules))
	}
	return qrPNG(modules, size)
}

// PrintQR returns content as the QR code PNG the receipt embeds: whole pixels per module and
// the quiet zone, sharp at any size a PDF places it at. Other PDFs of the portal use it too.
func PrintQR(content string) ([]byte, error) { return qrForPDF(content) }

// qrForPDF returns the PNG the PDF embeds for content.
func qrForPDF(content string) ([]byte, error) {
	modules, err := qrModules(content)
	if err != nil {
		return nil, err
	}
	return qrPNG(modules, len(modules)*qrPixelsPerModule)
}

// qrModules encodes content; the result includes the quiet zone, true is dark.
func qrModules(content string) ([][]bool, error) {
	if content == "" {
		return nil, errors.New("receipt: QR code of empty content")
	}
	q, err := qrcode.New(content, qrLevel)
	if err != nil {
		return nil, fmt.Errorf("receipt: QR code: %w", err)
	}
	return q.Bitmap(), nil
}

// qrPNG draws modules centred in a size×size two-colour image.
func qrPNG(modules [][]bool, size int) ([]byte, error) {
	n := len(modules)
	scale := size / n
	offset := (size - scale*n) / 2
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	for y, row := range modules {
		for x, dark := range row {
			if !dark {
				continue
			}
			for py := offset + y*scale; py < offset+(y+1)*scale; py++ {
				for px := offset + x*scale; px < offset+(x+1)*scale; px++ {
					img.SetColorIndex(px, py, 1)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("receipt: QR code PNG: %w", err)
	}
	return buf.Bytes(), nil
}
