package results

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var reVerificationCode = regexp.MustCompile(`^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`)

func TestVerificationCode(t *testing.T) {
	t.Parallel()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		require.Len(t, codeAlphabet, 32)
		seen := map[string]bool{}
		used := map[rune]bool{}
		for range 2000 {
			c, err := newVerificationCode()
			require.NoError(t, err)
			require.Regexp(t, reVerificationCode, c)
			require.False(t, seen[c], "repeated %s", c)
			seen[c] = true
			for _, r := range strings.ReplaceAll(c, "-", "") {
				used[r] = true
			}
		}
		assert.Len(t, used, 32, "every symbol of the alphabet turns up")
		for _, ambiguous := range "01OI" {
			assert.False(t, used[ambiguous], "%c", ambiguous)
		}
	})

	t.Run("Normalize", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string]string{
			"K7QX-3MPA-9TRD":   "K7QX-3MPA-9TRD",
			"k7qx-3mpa-9trd":   "K7QX-3MPA-9TRD",
			"K7QX3MPA9TRD":     "K7QX-3MPA-9TRD",
			" k7qx 3mpa 9trd ": "K7QX-3MPA-9TRD",
			"K7-QX3M-PA9T-RD":  "K7QX-3MPA-9TRD",
		} {
			got, ok := normalizeCode(in)
			assert.True(t, ok, in)
			assert.Equal(t, want, got, in)
		}
		for _, bad := range []string{"", "K7QX-3MPA-9TR", "K7QX-3MPA-9TRDD", "K7QX-3MPA-9TR0", "K7QX-3MPA-9TRO", "K7QX-3MPA-9TRĐ", "K7QX-3MPA-9TR'"} {
			_, ok := normalizeCode(bad)
			assert.False(t, ok, bad)
		}
	})
}
