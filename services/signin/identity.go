package signin

import (
	"regexp"
	"time"
)

// Identity is who signed in, as the provider asserts it.
type Identity struct {
	Issuer     string
	Subject    string
	Name       string
	GivenName  string
	FamilyName string
	Birthdate  string
	Gender     string
	PersonalID string // 12 digits, or "" when the provider does not assert one
	ACR        string // assurance level, e.g. LoA1 or LoA2; "" when not asserted
	Username   string // the staff login name (preferred_username)
	Email      string
	// EmailVerified and PhoneVerified: the provider says it has verified the address or number.
	EmailVerified bool
	Phone         string // as the provider writes it (phone_number, e.g. +84912345678)
	PhoneVerified bool
	IDToken       string // raw ID token, sent back as id_token_hint at sign-out
	AuthTime      time.Time
}

// HasPersonalID reports whether services that need a personal ID can be offered.
func (id Identity) HasPersonalID() bool { return id.PersonalID != "" }

var personalIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// identityFromClaims reads the configured claims; values of the wrong type are ignored.
func identityFromClaims(names ClaimNames, claims map[string]any) Identity {
	str := func(name string) string {
		if name == "" {
			return ""
		}
		s, _ := claims[name].(string)
		return s
	}
	id := Identity{
		Name:       str(names.Name),
		GivenName:  str(names.GivenName),
		FamilyName: str(names.FamilyName),
		Birthdate:  str(names.Birthdate),
		Gender:     str(names.Gender),
		PersonalID: str(names.PersonalID),
		ACR:        str(names.ACR),
		Username:   str(names.Username),
		Email:      str(names.Email),
		Phone:      str(names.Phone),

		EmailVerified: boolClaim(claims, names.EmailVerified),
		PhoneVerified: boolClaim(claims, names.PhoneVerified),
	}
	if !personalIDPattern.MatchString(id.PersonalID) {
		id.PersonalID = ""
	}
	if id.Name == "" {
		switch {
		case id.FamilyName != "" && id.GivenName != "":
			id.Name = id.FamilyName + " " + id.GivenName
		case id.GivenName != "":
			id.Name = id.GivenName
		}
	}
	return id
}

// boolClaim reads a boolean claim, which some providers send as the string "true".
func boolClaim(claims map[string]any, name string) bool {
	if name == "" {
		return false
	}
	switch v := claims[name].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}
