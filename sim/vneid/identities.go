package vneid

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// DemoPassword is the password of every demo identity that does not set its own.
// The login page shows it: this is a development simulator, not a real identity provider.
const DemoPassword = "Demo@2026"

// Levels of assurance, as VNeID account levels 1 and 2.
const (
	LoA1 = "LoA1"
	LoA2 = "LoA2"
)

//go:embed identities.json
var defaultIdentitiesJSON []byte

// Citizen is a person who signs in with their 12-digit personal identification number.
type Citizen struct {
	// Sub is the stable, opaque subject identifier; it is deliberately not the personal ID.
	Sub        string `json:"sub"`
	PersonalID string `json:"personal_id"`
	FamilyName string `json:"family_name"`
	MiddleName string `json:"middle_name,omitempty"`
	GivenName  string `json:"given_name"`
	Name       string `json:"name"`
	Birthdate  string `json:"birthdate"` // YYYY-MM-DD
	Gender     string `json:"gender"`    // "male" or "female"
	ACR        string `json:"acr"`       // LoA1 or LoA2
	Password   string `json:"password,omitempty"`
	// Email and Phone (+84…), when the identity has them, are sent as the standard claims email
	// and phone_number, with email_verified and phone_number_verified.
	Email         string `json:"email,omitempty"`
	EmailVerified bool   `json:"email_verified,omitempty"`
	Phone         string `json:"phone_number,omitempty"`
	PhoneVerified bool   `json:"phone_number_verified,omitempty"`
}

// StaffAccount is a civil servant's account at the government workforce IdP.
type StaffAccount struct {
	Username   string `json:"username"`
	Sub        string `json:"sub"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Agency     string `json:"agency"`      // short code of the agency they work for
	AgencyName string `json:"agency_name"` // its display name
	// RoleHint is informational only (officer, supervisor, helpdesk, admin);
	// authorization is decided by the portal, not by the IdP.
	RoleHint string `json:"role_hint"`
	Password string `json:"password,omitempty"`
}

// Identities is the validated, read-only set of accounts the simulator knows.
type Identities struct {
	citizens   []Citizen
	staff      []StaffAccount
	byPID      map[string]int
	byUsername map[string]int
	citizenSub map[string]int
	staffSub   map[string]int
}

type identitiesFile struct {
	Citizens []Citizen      `json:"citizens"`
	Staff    []StaffAccount `json:"staff"`
}

// DefaultIdentities returns the demo identities of the embedded data file.
// The file is validated by the tests, so a failure here is a programming error.
func DefaultIdentities() *Identities {
	ids, err := LoadIdentities(bytes.NewReader(defaultIdentitiesJSON))
	if err != nil {
		panic(fmt.Sprintf("vneid: embedded identities.json: %v", err))
	}
	return ids
}

// LoadIdentities parses and validates an identities file (same shape as identities.json).
func LoadIdentities(r io.Reader) (*Identities, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f identitiesFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("vneid: parse identities: %w", err)
	}
	ids := &Identities{
		citizens:   f.Citizens,
		staff:      f.Staff,
		byPID:      make(map[string]int, len(f.Citizens)),
		byUsername: make(map[string]int, len(f.Staff)),
		citizenSub: make(map[string]int, len(f.Citizens)),
		staffSub:   make(map[string]int, len(f.Staff)),
	}
	var errs []error
	for i := range ids.citizens {
		c := &ids.citizens[i]
		if c.Password == "" {
			c.Password = DemoPassword
		}
		if err := validateCitizen(*c); err != nil {
			errs = append(errs, fmt.Errorf("citizen %d (%s): %w", i, c.PersonalID, err))
			continue
		}
		if _, dup := ids.byPID[c.PersonalID]; dup {
			errs = append(errs, fmt.Errorf("citizen %d: duplicate personal_id %s", i, c.PersonalID))
		}
		if ids.subTaken(c.Sub) {
			errs = append(errs, fmt.Errorf("citizen %d: duplicate sub %s", i, c.Sub))
		}
		ids.byPID[c.PersonalID] = i
		ids.citizenSub[c.Sub] = i
	}
	for i := range ids.staff {
		s := &ids.staff[i]
		if s.Password == "" {
			s.Password = DemoPassword
		}
		if err := validateStaff(*s); err != nil {
			errs = append(errs, fmt.Errorf("staff %d (%s): %w", i, s.Username, err))
			continue
		}
		if _, dup := ids.byUsername[s.Username]; dup {
			errs = append(errs, fmt.Errorf("staff %d: duplicate username %s", i, s.Username))
		}
		if ids.subTaken(s.Sub) {
			errs = append(errs, fmt.Errorf("staff %d: duplicate sub %s", i, s.Sub))
		}
		ids.byUsername[s.Username] = i
		ids.staffSub[s.Sub] = i
	}
	if len(ids.citizens)+len(ids.staff) == 0 {
		errs = append(errs, errors.New("no identities"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("vneid: invalid identities: %w", err)
	}
	return ids, nil
}

func (ids *Identities) subTaken(sub string) bool {
	_, c := ids.citizenSub[sub]
	_, s := ids.staffSub[sub]
	return c || s
}

// Citizens returns a copy of the citizen accounts, in file order.
func (ids *Identities) Citizens() []Citizen {
	return append([]Citizen(nil), ids.citizens...)
}

// Staff returns a copy of the staff accounts, in file order.
func (ids *Identities) Staff() []StaffAccount {
	return append([]StaffAccount(nil), ids.staff...)
}

func (ids *Identities) citizenByPersonalID(pid string) (Citizen, bool) {
	i, ok := ids.byPID[pid]
	if !ok {
		return Citizen{}, false
	}
	return ids.citizens[i], true
}

func (ids *Identities) staffByUsername(username string) (StaffAccount, bool) {
	i, ok := ids.byUsername[username]
	if !ok {
		return StaffAccount{}, false
	}
	return ids.staff[i], true
}

func (ids *Identities) citizenBySub(sub string) (Citizen, bool) {
	i, ok := ids.citizenSub[sub]
	if !ok {
		return Citizen{}, false
	}
	return ids.citizens[i], true
}

func (ids *Identities) staffBySub(sub string) (StaffAccount, bool) {
	i, ok := ids.staffSub[sub]
	if !ok {
		return StaffAccount{}, false
	}
	return ids.staff[i], true
}

var (
	subPattern      = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)
	usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9._-]{2,63}$`)
)

func validateCitizen(c Citizen) error {
	var errs []error
	if !subPattern.MatchString(c.Sub) {
		errs = append(errs, fmt.Errorf("sub %q: want 8-64 characters of [A-Za-z0-9._-]", c.Sub))
	}
	if c.FamilyName == "" || c.GivenName == "" {
		errs = append(errs, errors.New("family_name and given_name are required"))
	}
	full := strings.Join(strings.Fields(c.FamilyName+" "+c.MiddleName+" "+c.GivenName), " ")
	if c.Name != full {
		errs = append(errs, fmt.Errorf("name %q does not match family, middle and given names %q", c.Name, full))
	}
	birth, err := time.Parse(time.DateOnly, c.Birthdate)
	if err != nil {
		errs = append(errs, fmt.Errorf("birthdate %q: want YYYY-MM-DD", c.Birthdate))
	}
	if c.Gender != "male" && c.Gender != "female" {
		errs = append(errs, fmt.Errorf("gender %q: want male or female", c.Gender))
	}
	if c.ACR != LoA1 && c.ACR != LoA2 {
		errs = append(errs, fmt.Errorf("acr %q: want %s or %s", c.ACR, LoA1, LoA2))
	}
	if err == nil && (c.Gender == "male" || c.Gender == "female") {
		if err := checkPersonalID(c.PersonalID, birth.Year(), c.Gender == "female"); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func validateStaff(s StaffAccount) error {
	var errs []error
	if !usernamePattern.MatchString(s.Username) {
		errs = append(errs, fmt.Errorf("username %q: want lower case letters, digits, '.', '_' or '-', starting with a letter", s.Username))
	}
	if !subPattern.MatchString(s.Sub) {
		errs = append(errs, fmt.Errorf("sub %q: want 8-64 characters of [A-Za-z0-9._-]", s.Sub))
	}
	if strings.TrimSpace(s.Name) == "" {
		errs = append(errs, errors.New("name is required"))
	}
	if at := strings.IndexByte(s.Email, '@'); at < 1 || at == len(s.Email)-1 {
		errs = append(errs, fmt.Errorf("email %q is not an address", s.Email))
	}
	if s.Agency == "" || s.AgencyName == "" {
		errs = append(errs, errors.New("agency and agency_name are required"))
	}
	switch s.RoleHint {
	case "officer", "supervisor", "helpdesk", "admin":
	default:
		errs = append(errs, fmt.Errorf("role_hint %q: want officer, supervisor, helpdesk or admin", s.RoleHint))
	}
	return errors.Join(errs...)
}
