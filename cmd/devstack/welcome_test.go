package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWriteStaff: the banner names the staff sign-in address and each demo account with the
// portal's agency code (the one the admin page accepts) and its name, not the identity
// provider's own codes.
func TestWriteStaff(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	require.NoError(t, writeStaff(&b, "http://localhost:8080", "Demo@2026", []staffLine{
		{Login: "canbo.ubnd.hoankiem", Name: "Đỗ Thị Hương", Roles: "officer", AgencyCode: "UBND-00070", AgencyName: "Ủy ban nhân dân phường Hoàn Kiếm"},
		{Login: "quantri.hethong", Name: "Trịnh Văn Khoa", Roles: "admin"},
	}))
	out := b.String()
	require.Contains(t, out, "Staff sign-in: http://localhost:8080/staff (password Demo@2026")
	lines := strings.Split(out, "\n")
	require.Regexp(t, `^  canbo\.ubnd\.hoankiem +Đỗ Thị Hương +officer +UBND-00070 +Ủy ban nhân dân phường Hoàn Kiếm$`, lines[2])
	require.Regexp(t, `^  quantri\.hethong +Trịnh Văn Khoa +admin +- +\(no agency\)$`, lines[3])
}
