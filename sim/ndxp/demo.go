package ndxp

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

//go:embed demo.json
var demoJSON []byte

// demo holds the hand-written records of the demo citizens and the people around them,
// already rendered; they take precedence over synthetic records.
type demo struct {
	citizens     map[string]*Citizen
	parcels      map[string][]*demoParcel // by each owner's personal ID
	participants map[string]*Participant
}

type demoPlace struct {
	ProvinceCode string `json:"province_code"`
	CommuneCode  string `json:"commune_code"`
	AddressLine  string `json:"address_line"`
}

type demoPerson struct {
	PersonalID             string     `json:"personal_id"`
	FullName               string     `json:"full_name"`
	BirthDate              string     `json:"birth_date"`
	Sex                    string     `json:"sex"`
	Ethnicity              string     `json:"ethnicity"`
	Nationality            string     `json:"nationality"` // "" = Việt Nam
	BirthRegistrationPlace demoPlace  `json:"birth_registration_place"`
	PermanentResidence     demoPlace  `json:"permanent_residence"`
	TemporaryResidence     *demoPlace `json:"temporary_residence"`
	HouseholdID            string     `json:"household_id"`
	Relationship           string     `json:"relationship"`
	MaritalStatus          string     `json:"marital_status"`
	FatherID               string     `json:"father_id"`
	MotherID               string     `json:"mother_id"`
	SpouseID               string     `json:"spouse_id"`
	UpdatedAt              *time.Time `json:"updated_at"` // nil = the file's
}

type demoOwner struct {
	PersonalID   string  `json:"personal_id"`
	SharePercent float64 `json:"share_percent"`
}

type demoParcel struct {
	Parcel
	Owners []demoOwner `json:"owners"`
	names  map[string]string
}

type demoPeriod struct {
	EmployerTaxCode string `json:"employer_tax_code"`
	From            string `json:"from"`
	To              string `json:"to"`
	SalaryBaseVND   int64  `json:"salary_base_vnd"`
}

type demoParticipant struct {
	PersonalID          string       `json:"personal_id"`
	InsuranceCode       string       `json:"insurance_code"`
	HealthCard          HealthCard   `json:"health_card"`
	ParticipationStatus string       `json:"participation_status"`
	Employers           []Employer   `json:"employers"`
	ContributionPeriods []demoPeriod `json:"contribution_periods"`
	Benefits            []Benefit    `json:"benefits"`
}

type demoFile struct {
	Comment      string            `json:"_comment"`
	UpdatedAt    time.Time         `json:"updated_at"`
	People       []demoPerson      `json:"people"`
	Parcels      []demoParcel      `json:"parcels"`
	Participants []demoParticipant `json:"participants"`
}

func loadDemo(u *units) (*demo, error) {
	var f demoFile
	dec := json.NewDecoder(bytes.NewReader(demoJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse demo data: %w", err)
	}
	d := &demo{
		citizens:     make(map[string]*Citizen, len(f.People)),
		parcels:      make(map[string][]*demoParcel),
		participants: make(map[string]*Participant, len(f.Participants)),
	}
	byID := make(map[string]*demoPerson, len(f.People))
	for i := range f.People {
		p := &f.People[i]
		if _, dup := byID[p.PersonalID]; dup {
			return nil, fmt.Errorf("demo person %s: duplicate", p.PersonalID)
		}
		byID[p.PersonalID] = p
	}
	var errs []error
	for i := range f.People {
		c, err := demoCitizen(u, &f.People[i], byID, f.People, f.UpdatedAt)
		if err != nil {
			errs = append(errs, fmt.Errorf("demo person %s: %w", f.People[i].PersonalID, err))
			continue
		}
		d.citizens[c.PersonalID] = c
	}
	for i := range f.Parcels {
		p := &f.Parcels[i]
		if err := p.resolve(u, byID); err != nil {
			errs = append(errs, fmt.Errorf("demo parcel %s: %w", p.RecordID, err))
			continue
		}
		for _, o := range p.Owners {
			d.parcels[o.PersonalID] = append(d.parcels[o.PersonalID], p)
		}
	}
	for i := range f.Participants {
		p, err := f.Participants[i].participant(byID)
		if err != nil {
			errs = append(errs, fmt.Errorf("demo participant %s: %w", f.Participants[i].PersonalID, err))
			continue
		}
		if _, dup := d.participants[p.PersonalID]; dup {
			errs = append(errs, fmt.Errorf("demo participant %s: duplicate", p.PersonalID))
		}
		d.participants[p.PersonalID] = p
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return d, nil
}

func demoCitizen(u *units, p *demoPerson, byID map[string]*demoPerson, all []demoPerson, updated time.Time) (*Citizen, error) {
	birth, err := parseDate(p.BirthDate)
	if err != nil {
		return nil, err
	}
	if p.Sex != "male" && p.Sex != "female" {
		return nil, fmt.Errorf("sex %q: want male or female", p.Sex)
	}
	if err := checkPersonalID(p.PersonalID, p.BirthRegistrationPlace.ProvinceCode, birth.Year(), p.Sex == "female"); err != nil {
		return nil, err
	}
	if p.FullName == "" || p.Ethnicity == "" || p.HouseholdID == "" {
		return nil, errors.New("full_name, ethnicity and household_id are required")
	}
	if !validRelationship(p.Relationship) || !validMaritalStatus(p.MaritalStatus) {
		return nil, fmt.Errorf("relationship %q or marital_status %q not allowed", p.Relationship, p.MaritalStatus)
	}
	c := &Citizen{
		RecordID:      "POP-" + p.PersonalID,
		PersonalID:    p.PersonalID,
		FullName:      p.FullName,
		BirthDate:     p.BirthDate,
		Sex:           p.Sex,
		Ethnicity:     p.Ethnicity,
		Nationality:   p.Nationality,
		MaritalStatus: p.MaritalStatus,
		UpdatedAt:     updated.UTC(),
	}
	if c.Nationality == "" {
		c.Nationality = "Việt Nam"
	}
	if p.UpdatedAt != nil {
		c.UpdatedAt = p.UpdatedAt.UTC()
	}
	if c.BirthRegistrationPlace, err = u.place(p.BirthRegistrationPlace.ProvinceCode, p.BirthRegistrationPlace.CommuneCode, p.BirthRegistrationPlace.AddressLine); err != nil {
		return nil, fmt.Errorf("birth registration place: %w", err)
	}
	if c.PermanentResidence, err = u.place(p.PermanentResidence.ProvinceCode, p.PermanentResidence.CommuneCode, p.PermanentResidence.AddressLine); err != nil {
		return nil, fmt.Errorf("permanent residence: %w", err)
	}
	if t := p.TemporaryResidence; t != nil {
		tmp, err := u.place(t.ProvinceCode, t.CommuneCode, t.AddressLine)
		if err != nil {
			return nil, fmt.Errorf("temporary residence: %w", err)
		}
		c.TemporaryResidence = &tmp
	}
	for _, ref := range []struct {
		id   string
		dst  **PersonRef
		what string
	}{{p.FatherID, &c.Father, "father"}, {p.MotherID, &c.Mother, "mother"}, {p.SpouseID, &c.Spouse, "spouse"}} {
		if ref.id == "" {
			continue
		}
		other, ok := byID[ref.id]
		if !ok {
			return nil, fmt.Errorf("%s %s: no such person", ref.what, ref.id)
		}
		*ref.dst = &PersonRef{PersonalID: other.PersonalID, FullName: other.FullName}
	}
	if p.SpouseID != "" && (byID[p.SpouseID].SpouseID != p.PersonalID || p.MaritalStatus != "married") {
		return nil, fmt.Errorf("spouse %s: both must be married to each other", p.SpouseID)
	}
	c.Household = Household{HouseholdID: p.HouseholdID, Members: []HouseholdMember{}}
	for _, m := range all {
		if m.HouseholdID != p.HouseholdID {
			continue
		}
		if m.Relationship == "chủ hộ" {
			if c.Household.HeadPersonalID != "" {
				return nil, fmt.Errorf("household %s: two heads", p.HouseholdID)
			}
			c.Household.HeadPersonalID, c.Household.HeadName = m.PersonalID, m.FullName
		}
		c.Household.Members = append(c.Household.Members, HouseholdMember{
			PersonalID: m.PersonalID, FullName: m.FullName, BirthDate: m.BirthDate, Sex: m.Sex, Relationship: m.Relationship,
		})
	}
	if c.Household.HeadPersonalID == "" {
		return nil, fmt.Errorf("household %s: no head (chủ hộ)", p.HouseholdID)
	}
	return c, nil
}

// ids returns the personal IDs of every demo person as numbers, so synthetic citizens
// never take them.
func (d *demo) ids() map[uint64]bool {
	out := make(map[uint64]bool, len(d.citizens))
	for pid := range d.citizens {
		n, _ := strconv.ParseUint(pid, 10, 64)
		out[n] = true
	}
	return out
}
