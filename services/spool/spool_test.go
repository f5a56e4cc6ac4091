package spool_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/spool"
)

// TestWriteOnce: a message is written whole under its cleaned id, once: a second write of the
// same id leaves the first, and nothing is left aside.
func TestWriteOnce(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	d := spool.Dir(dir)
	require.NoError(t, d.WriteOnce("../<a@b>", ".txt", []byte("first")))
	require.NoError(t, d.WriteOnce("../<a@b>", ".txt", []byte("second")))

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "one file, no temporary left")
	require.Equal(t, "__a@b_.txt", entries[0].Name(), "the id cannot leave the folder")
	b, err := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	require.NoError(t, err)
	require.Equal(t, "first", string(b))
	require.Equal(t, "_", spool.FileName("..."))
}
