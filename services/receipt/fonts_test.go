package receipt

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/pdfdoc"
)

// The fonts are found and checked by pdfdoc (tested there); a receipt renderer fails as
// FindFonts does, saying it is the receipt's.
func TestNewRenderer(t *testing.T) {
	t.Parallel()
	r, err := NewRenderer("")
	require.NoError(t, err, "Debian's fonts-dejavu-core must be installed for receipts")
	require.NotEmpty(t, r.fonts.Regular)

	_, err = NewRenderer(t.TempDir())
	require.ErrorContains(t, err, "receipt: ")
	require.ErrorContains(t, err, "fonts-dejavu-core")
}

func TestFonts(t *testing.T) {
	t.Parallel()
	regular, bold, err := Fonts("")
	require.NoError(t, err)
	fonts, err := pdfdoc.FindFonts("")
	require.NoError(t, err)
	assert.Equal(t, fonts.Regular, regular)
	assert.Equal(t, fonts.Bold, bold)

	_, _, err = Fonts(t.TempDir())
	require.ErrorContains(t, err, "fonts-dejavu-core")
}
