package vneid

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// Claim names beyond the OpenID Connect standard claims.
const (
	ClaimPersonalID = "personal_id"
	ClaimACR        = "acr"
)

// supportedClaims is advertised in the discovery document.
func supportedClaims() []string {
	return []string{
		"sub", "aud", "exp", "iat", "iss", "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "c_hash",
		"name", "given_name", "family_name", "middle_name", "birthdate", "gender", ClaimPersonalID,
		"preferred_username", "email", "email_verified", "phone_number", "phone_number_verified",
	}
}

// setUserinfo fills the claims of subject; the ID token and the userinfo endpoint share it,
// so both always carry the same claims.
func (s *storage) setUserinfo(info *oidc.UserInfo, subject string) error {
	if c, ok := s.ids.citizenBySub(subject); ok {
		info.Subject = c.Sub
		info.Name = c.Name
		info.GivenName = c.GivenName
		info.FamilyName = c.FamilyName
		info.MiddleName = c.MiddleName
		info.Birthdate = c.Birthdate
		info.Gender = oidc.Gender(c.Gender)
		info.AppendClaims(ClaimPersonalID, c.PersonalID)
		info.AppendClaims(ClaimACR, c.ACR)
		if c.Email != "" {
			info.Email, info.EmailVerified = c.Email, oidc.Bool(c.EmailVerified)
		}
		if c.Phone != "" {
			info.PhoneNumber, info.PhoneNumberVerified = c.Phone, oidc.Bool(c.PhoneVerified)
		}
		return nil
	}
	if st, ok := s.ids.staffBySub(subject); ok {
		info.Subject = st.Sub
		info.Name = st.Name
		info.PreferredUsername = st.Username
		info.Email = st.Email
		info.EmailVerified = true
		info.AppendClaims(ClaimACR, LoA2)
		return nil
	}
	return fmt.Errorf("subject %q: %w", subject, errNotFound)
}

// equalSecret compares secrets in constant time (hashing first hides their lengths).
func equalSecret(want, got string) bool {
	w, g := sha256.Sum256([]byte(want)), sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(w[:], g[:]) == 1
}
