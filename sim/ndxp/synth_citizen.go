package ndxp

import (
	"fmt"
	"strconv"
)

// address is the street address of the household's residence.
func (hh *household) address(u *units, v *vocab) string {
	p := &u.provinces[hh.prov]
	if communeKind(p.Communes[hh.commune].Name) != "Phường" {
		return hamlet(p.Code, hh.hamlet)
	}
	if hh.alley > 0 {
		return fmt.Sprintf("Số %d, ngõ %d đường %s", hh.house, hh.alley, v.Streets[hh.street])
	}
	return fmt.Sprintf("Số %d đường %s", hh.house, v.Streets[hh.street])
}

// hamlet names a village: thôn in the north and centre, ấp in the south.
func hamlet(provinceCode string, n int) string {
	if provinceCode >= "75" {
		return "Ấp " + strconv.Itoa(n)
	}
	return "Thôn " + strconv.Itoa(n)
}

func (hh *household) householdID(u *units) string {
	p := &u.provinces[hh.prov]
	return fmt.Sprintf("HK-%s-%s-%06d", p.Code, p.Communes[hh.commune].Code, 100000+hh.h)
}

// citizen renders member j of the household as a population record.
func (s *synth) citizen(hh *household, j int) *Citizen {
	u := s.units
	m := &hh.m[j]
	pid := formatPID(s.ids[hh.start+j])
	c := &Citizen{
		RecordID:               "POP-" + pid,
		PersonalID:             pid,
		FullName:               m.fullName(),
		BirthDate:              dateString(m.birthDate()),
		Sex:                    sexName(m.female),
		Ethnicity:              hh.ethnicity,
		Nationality:            "Việt Nam",
		BirthRegistrationPlace: u.placeAt(m.birthProv, m.birthCommune, ""),
		PermanentResidence:     s.residence(hh),
		MaritalStatus:          m.marital,
		UpdatedAt:              hh.updated,
	}
	if m.temp {
		line := hamlet(u.provinces[m.tempProv].Code, m.tempHouse%14+1)
		if communeKind(u.provinces[m.tempProv].Communes[m.tempCommune].Name) == "Phường" {
			line = fmt.Sprintf("Phòng %d, số %d đường %s", m.tempRoom, m.tempHouse, s.vocab.Streets[m.tempStreet])
		}
		t := u.placeAt(m.tempProv, m.tempCommune, line)
		c.TemporaryResidence = &t
	}
	c.Father, c.Mother, c.Spouse = s.ref(hh, m.father), s.ref(hh, m.mother), s.ref(hh, m.spouse)
	c.Household = Household{
		HouseholdID:    hh.householdID(u),
		HeadPersonalID: formatPID(s.ids[hh.start]),
		HeadName:       hh.m[0].fullName(),
		Members:        make([]HouseholdMember, hh.n),
	}
	for k := 0; k < hh.n; k++ {
		o := &hh.m[k]
		c.Household.Members[k] = HouseholdMember{
			PersonalID:   formatPID(s.ids[hh.start+k]),
			FullName:     o.fullName(),
			BirthDate:    dateString(o.birthDate()),
			Sex:          sexName(o.female),
			Relationship: o.rel,
		}
	}
	return c
}

// ref names household member k, if there is one (the last household may be cut short).
func (s *synth) ref(hh *household, k int) *PersonRef {
	if k < 0 || k >= hh.n {
		return nil
	}
	return &PersonRef{PersonalID: formatPID(s.ids[hh.start+k]), FullName: hh.m[k].fullName()}
}
