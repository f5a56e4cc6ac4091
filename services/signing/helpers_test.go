package signing_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// flipInText changes one byte of the page's content stream, well inside the signed range.
func flipInText(t *testing.T, signed []byte) []byte {
	t.Helper()
	i := bytes.Index(signed, []byte("stream\n"))
	require.Positive(t, i, "a content stream")
	out := append([]byte{}, signed...)
	out[i+len("stream\n")+5] ^= 0x01
	return out
}
