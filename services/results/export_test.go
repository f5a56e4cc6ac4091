package results

import (
	"strings"
	"testing"
)

// PDFText is every string a PDF shows, page after page, for the database tests in
// results_test.
func PDFText(t *testing.T, pdf []byte) string { return strings.Join(pdfPages(t, pdf), " ") }
