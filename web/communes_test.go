package web_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// The address field's script reads a province's communes from a public, cacheable URL that
// sets no cookie, so a shared cache may keep it.
func TestCommunesOfProvince(t *testing.T) {
	t.Parallel()
	s := startStack(t)
	b := newBrowser(t)

	p := b.get(s.portalURL + "/dia-ban/tinh/01/xa")
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Equal(t, "public, max-age=86400", p.header.Get("Cache-Control"))
	require.Contains(t, p.header.Get("Content-Type"), "application/json")
	require.Empty(t, p.header.Values("Set-Cookie"), "no session or CSRF cookie on a cacheable answer")
	var communes []struct{ Code, Name string }
	require.NoError(t, json.Unmarshal([]byte(p.body), &communes))
	require.Len(t, communes, 126, "every commune of Hà Nội")
	require.Contains(t, communes, struct{ Code, Name string }{"00070", "Phường Hoàn Kiếm"})

	for _, code := range []string{"02", "x", "0100"} {
		p := b.get(s.portalURL + "/dia-ban/tinh/" + code + "/xa")
		require.Equal(t, http.StatusNotFound, p.status, code)
	}
}
