package signin

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSafeReturnTo(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                      "/",
		"/account":              "/account",
		"/account?tab=1":        "/account?tab=1",
		"//evil.example/x":      "/",
		"/\\evil.example":       "/",
		"https://evil.example/": "/",
		"account":               "/",
		"/a\nLocation: x":       "/",
	} {
		require.Equal(t, want, SafeReturnTo(in), "input %q", in)
	}
}

func TestIdentityFromClaims(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		id := identityFromClaims(DefaultClaimNames(), map[string]any{
			"name": "Nguyễn Văn An", "personal_id": "001088012345", "acr": "LoA2", "gender": "male",
		})
		require.Equal(t, "Nguyễn Văn An", id.Name)
		require.True(t, id.HasPersonalID())
		require.Equal(t, "LoA2", id.ACR)
	})
	t.Run("ConfiguredNames", func(t *testing.T) {
		names := DefaultClaimNames()
		names.PersonalID = "cccd"
		names.Name = ""
		id := identityFromClaims(names, map[string]any{"cccd": "079175001234", "given_name": "Bình", "family_name": "Trần Thị"})
		require.Equal(t, "079175001234", id.PersonalID)
		require.Equal(t, "Trần Thị Bình", id.Name)
	})
	t.Run("ContactClaims", func(t *testing.T) {
		id := identityFromClaims(DefaultClaimNames(), map[string]any{"email": "an@example.vn", "email_verified": true,
			"phone_number": "+84912345678", "phone_number_verified": "true"})
		require.Equal(t, "an@example.vn", id.Email)
		require.True(t, id.EmailVerified)
		require.Equal(t, "+84912345678", id.Phone)
		require.True(t, id.PhoneVerified, "some providers send the boolean as a string")
		names := DefaultClaimNames()
		names.Phone, names.PhoneVerified = "mobile", ""
		id = identityFromClaims(names, map[string]any{"mobile": "0912345678", "phone_number_verified": true})
		require.Equal(t, "0912345678", id.Phone)
		require.False(t, id.PhoneVerified, "no claim name configured: not verified")
	})
	t.Run("ErrMalformedPersonalIDDropped", func(t *testing.T) {
		for _, v := range []any{"12345", "00108801234X", 1088012345.0} {
			id := identityFromClaims(DefaultClaimNames(), map[string]any{"personal_id": v})
			require.False(t, id.HasPersonalID(), "value %v", v)
		}
	})
}
