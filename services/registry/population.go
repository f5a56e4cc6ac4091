package registry

import (
	"context"
	"fmt"
)

// Place is an administrative place on the 34-province map, with an optional address line.
type Place struct {
	ProvinceCode string `json:"province_code"`
	ProvinceName string `json:"province_name"`
	CommuneCode  string `json:"commune_code"`
	CommuneName  string `json:"commune_name"`
	// DistrictName is set on addresses recorded before 1 July 2025, when districts existed.
	DistrictName string `json:"district_name,omitempty"`
	AddressLine  string `json:"address_line"`
}

// PersonRef names another person.
type PersonRef struct {
	PersonalID string `json:"personal_id"`
	FullName   string `json:"full_name"`
}

// HouseholdMember is one person in a household, with their relationship to its head.
type HouseholdMember struct {
	PersonalID   string `json:"personal_id"`
	FullName     string `json:"full_name"`
	BirthDate    string `json:"birth_date"`
	Sex          string `json:"sex"`
	Relationship string `json:"relationship"`
}

// Household is a registered household.
type Household struct {
	ID             string            `json:"household_id"`
	HeadPersonalID string            `json:"head_personal_id"`
	HeadName       string            `json:"head_name"`
	Members        []HouseholdMember `json:"members"`
}

// PopulationRecord is what the population database holds about a person.
type PopulationRecord struct {
	RecordID               string     `json:"record_id"`
	PersonalID             string     `json:"personal_id"`
	FullName               string     `json:"full_name"`
	BirthDate              string     `json:"birth_date"`
	Sex                    string     `json:"sex"`
	Ethnicity              string     `json:"ethnicity"`
	Nationality            string     `json:"nationality"`
	BirthRegistrationPlace Place      `json:"birth_registration_place"`
	PermanentResidence     Place      `json:"permanent_residence"`
	TemporaryResidence     *Place     `json:"temporary_residence"`
	Household              Household  `json:"household"`
	MaritalStatus          string     `json:"marital_status"`
	Father                 *PersonRef `json:"father"`
	Mother                 *PersonRef `json:"mother"`
	Spouse                 *PersonRef `json:"spouse"`
	// Sources name the facts other registries recorded from results issued (update.go).
	Sources []FactSource `json:"sources,omitempty"`
}

// Population reads a person from the population database.
func (c *Client) Population(ctx context.Context, req Request) (PopulationRecord, Provenance, error) {
	var rec PopulationRecord
	if err := c.get(ctx, Population, "/population/v1/citizens/"+req.PersonalID, nil, req, &rec); err != nil {
		return PopulationRecord{}, Provenance{}, fmt.Errorf("registry: population: %w", err)
	}
	return rec, Provenance{Database: Population, RecordRef: rec.RecordID, RetrievedAt: c.cfg.Now()}, nil
}
