package pdfdoc_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/pdfdoc"
)

func TestLine(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"  Nguyễn\tVăn\u00a0An \n":   "Nguyễn Văn An",
		"Nguye\u0302\u0303n":         "Nguyễn", // decomposed → NFC
		"a\x00b\x7fc\u0085d":         "abcd",
		"emoji 😀 here":               "emoji \ufffd here",
		"line one\r\nline   two\n\n": "line one line two",
	} {
		require.Equal(t, want, pdfdoc.Line(in), "%q", in)
	}
}

func TestLines(t *testing.T) {
	t.Parallel()
	require.Equal(t, "Dòng một\n\nDòng hai", pdfdoc.Lines("\n  Dòng một \r\n\nDòng \t hai\n\n"))
}
