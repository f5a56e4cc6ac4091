package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadOrCreateKey(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "keys", "signing.pem")
	first, err := loadOrCreateKey(path)
	require.NoError(t, err)
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	again, err := loadOrCreateKey(path)
	require.NoError(t, err)
	require.True(t, first.Equal(again), "the same key after a restart")

	none, err := loadOrCreateKey("")
	require.NoError(t, err)
	require.Nil(t, none)

	require.NoError(t, os.WriteFile(path, []byte("garbage"), 0o600))
	_, err = loadOrCreateKey(path)
	require.Error(t, err)
}
