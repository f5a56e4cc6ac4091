package ndxp

import "time"

// The exchange's update endpoint: a civil-status or residence authority that issued a result
// sends the facts it changes, and the population database records them, as the real platform
// synchronises the electronic civil status database and the residence database with it.

// Kinds of an update.
const (
	UpdateBirth     = "birth"               // a birth registration: a new person, in a parent's household
	UpdateResidence = "permanent_residence" // a permanent residence registration: a new address
	UpdateMarriage  = "marriage"            // a marriage registration: both partners married to each other
)

// Registries a fact can come from.
const (
	RegistryCivilStatus = "civil_status" // Cơ sở dữ liệu hộ tịch điện tử
	RegistryResidence   = "residence"    // Cơ sở dữ liệu về cư trú
)

// PlaceRef is a place by its codes on the map in force, and the rest of the address.
type PlaceRef struct {
	ProvinceCode string `json:"province_code"`
	CommuneCode  string `json:"commune_code"`
	AddressLine  string `json:"address_line,omitempty"`
}

// BirthFact is what a birth registration records.
type BirthFact struct {
	FullName          string   `json:"full_name"`
	BirthDate         string   `json:"birth_date"`
	Sex               string   `json:"sex"`
	Ethnicity         string   `json:"ethnicity"`
	RegistrationPlace PlaceRef `json:"registration_place"` // the commune that registered the birth
	FatherPersonalID  string   `json:"father_personal_id,omitempty"`
	MotherPersonalID  string   `json:"mother_personal_id,omitempty"`
	// HouseholdOf is the parent whose household the child joins; "" = the mother's, else the father's.
	HouseholdOf string `json:"household_of,omitempty"`
}

// ResidenceFact is what a permanent residence registration records.
type ResidenceFact struct {
	PersonalID string   `json:"personal_id"`
	Residence  PlaceRef `json:"residence"`
}

// MarriageFact is what a marriage registration records.
type MarriageFact struct {
	PersonalID        string `json:"personal_id"`
	PartnerPersonalID string `json:"partner_personal_id"`
}

// PopulationUpdate is one issued result's change to the population database. ResultCode makes
// it idempotent: the same update sent again is answered as the first time, another one under
// the same code is refused.
type PopulationUpdate struct {
	ResultCode    string         `json:"result_code"`
	ProcedureCode string         `json:"procedure_code"`
	Issuer        string         `json:"issuer"`
	IssuedAt      time.Time      `json:"issued_at"`
	Kind          string         `json:"kind"`
	Birth         *BirthFact     `json:"birth,omitempty"`
	Residence     *ResidenceFact `json:"residence,omitempty"`
	Marriage      *MarriageFact  `json:"marriage,omitempty"`
}

// UpdateReceipt answers an update: who it concerns (for a birth, the personal ID the database
// assigned to the child) and when it was applied.
type UpdateReceipt struct {
	ResultCode string    `json:"result_code"`
	Kind       string    `json:"kind"`
	PersonalID string    `json:"personal_id"`
	AppliedAt  time.Time `json:"applied_at"`
}

// FactSource says which registry recorded a fact of a record, from which issued result.
// Attribute is "record" (the person's record, made by a birth), "household.members" (with
// PersonalID, the member added), "permanent_residence" or "marital_status".
type FactSource struct {
	Attribute  string    `json:"attribute"`
	PersonalID string    `json:"personal_id,omitempty"`
	Registry   string    `json:"registry"`
	ResultCode string    `json:"result_code"`
	Issuer     string    `json:"issuer"`
	RecordedAt time.Time `json:"recorded_at"`
}
