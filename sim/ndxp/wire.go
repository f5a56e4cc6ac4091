package ndxp

import "time"

// The types below are the JSON the platform returns. Field names are the contract the
// portal's registry clients are written against; dates are "YYYY-MM-DD", months
// "YYYY-MM", times RFC 3339 in UTC. Lists are never null.

// Place is an address within the administrative map: a province or centrally run city,
// a commune, ward or special zone, and the rest of the address.
type Place struct {
	ProvinceCode string `json:"province_code"`
	ProvinceName string `json:"province_name"`
	CommuneCode  string `json:"commune_code"`
	CommuneName  string `json:"commune_name"`
	// DistrictName is set on an address recorded before 1 July 2025, when districts existed:
	// its province and commune are then those of the old map (the codes may be gone).
	DistrictName string `json:"district_name,omitempty"`
	AddressLine  string `json:"address_line"`
}

// PersonRef names another person of the population database.
type PersonRef struct {
	PersonalID string `json:"personal_id"`
	FullName   string `json:"full_name"`
}

// HouseholdMember is a person registered in a household, with their relationship to
// its head (chủ hộ, vợ, chồng, con, bố, mẹ, ông, bà, anh, chị, em, cháu, khác).
type HouseholdMember struct {
	PersonalID   string `json:"personal_id"`
	FullName     string `json:"full_name"`
	BirthDate    string `json:"birth_date"`
	Sex          string `json:"sex"`
	Relationship string `json:"relationship"`
}

// Household is a household registration (hộ khẩu); Members include the head.
type Household struct {
	HouseholdID    string            `json:"household_id"`
	HeadPersonalID string            `json:"head_personal_id"`
	HeadName       string            `json:"head_name"`
	Members        []HouseholdMember `json:"members"`
}

// Citizen is a record of the national population database.
type Citizen struct {
	RecordID               string     `json:"record_id"`
	PersonalID             string     `json:"personal_id"`
	FullName               string     `json:"full_name"`
	BirthDate              string     `json:"birth_date"`
	Sex                    string     `json:"sex"` // male or female
	Ethnicity              string     `json:"ethnicity"`
	Nationality            string     `json:"nationality"`
	BirthRegistrationPlace Place      `json:"birth_registration_place"`
	PermanentResidence     Place      `json:"permanent_residence"`
	TemporaryResidence     *Place     `json:"temporary_residence"`
	Household              Household  `json:"household"`
	MaritalStatus          string     `json:"marital_status"` // single, married, divorced, widowed
	Father                 *PersonRef `json:"father"`
	Mother                 *PersonRef `json:"mother"`
	Spouse                 *PersonRef `json:"spouse"`
	UpdatedAt              time.Time  `json:"updated_at"`
	// Sources name the facts another registry recorded through the exchange (update.go);
	// absent for a record nobody updated.
	Sources []FactSource `json:"sources,omitempty"`
}

// LandUse is one purpose of use of (part of) a parcel, by its code (ODT, ONT, LUC, …).
type LandUse struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	AreaM2 float64 `json:"area_m2"`
}

// Certificate is the land use right certificate (GCN) of a parcel.
type Certificate struct {
	Serial   string `json:"serial"`
	IssuedOn string `json:"issued_on"`
	Issuer   string `json:"issuer"`
}

// CoOwner is another holder of a parcel than the one asked about.
type CoOwner struct {
	PersonalID   string  `json:"personal_id"`
	FullName     string  `json:"full_name"`
	SharePercent float64 `json:"share_percent"`
}

// Mortgage is a registered security interest on a parcel.
type Mortgage struct {
	Lender       string `json:"lender"`
	RegisteredOn string `json:"registered_on"`
	AmountVND    int64  `json:"amount_vnd"`
}

// PendingTransaction is a filed change registration not yet recorded (transfer, gift,
// inheritance).
type PendingTransaction struct {
	Kind      string `json:"kind"`
	FiledOn   string `json:"filed_on"`
	Reference string `json:"reference"`
}

// Parcel is a record of the land database.
type Parcel struct {
	RecordID            string               `json:"record_id"`
	MapSheet            string               `json:"map_sheet"`
	ParcelNumber        string               `json:"parcel_number"`
	ProvinceCode        string               `json:"province_code"`
	ProvinceName        string               `json:"province_name"`
	CommuneCode         string               `json:"commune_code"`
	CommuneName         string               `json:"commune_name"`
	GeohashID           string               `json:"geohash_id"`
	Address             string               `json:"address"`
	AreaM2              float64              `json:"area_m2"`
	LandUse             []LandUse            `json:"land_use"`
	Term                string               `json:"term"` // "Lâu dài" or "Đến YYYY-MM-DD"
	Certificate         Certificate          `json:"certificate"`
	CoOwners            []CoOwner            `json:"co_owners"`
	Mortgages           []Mortgage           `json:"mortgages"`
	PendingTransactions []PendingTransaction `json:"pending_transactions"`
}

// Parcels answers a land query by holder.
type Parcels struct {
	HolderPersonalID string   `json:"holder_personal_id"`
	Parcels          []Parcel `json:"parcels"`
}

// HealthCard is a health insurance card: 2-letter group, benefit digit, 2-digit province
// and the 10-digit insurance code.
type HealthCard struct {
	Number             string `json:"number"`
	ValidFrom          string `json:"valid_from"`
	ValidTo            string `json:"valid_to"`
	RegisteredHospital string `json:"registered_hospital"`
}

// Employer is an employment period that paid social insurance; To is nil while it lasts.
type Employer struct {
	Name    string  `json:"name"`
	TaxCode string  `json:"tax_code"`
	From    string  `json:"from"`
	To      *string `json:"to"`
}

// Contribution is one month of compulsory social insurance (the employee's share).
type Contribution struct {
	Month           string `json:"month"`
	EmployerTaxCode string `json:"employer_tax_code"`
	SalaryBaseVND   int64  `json:"salary_base_vnd"`
	AmountVND       int64  `json:"amount_vnd"`
}

// Benefit is a payment made to the participant (sickness, maternity, unemployment,
// pension, …).
type Benefit struct {
	Kind      string `json:"kind"`
	PaidOn    string `json:"paid_on"`
	AmountVND int64  `json:"amount_vnd"`
}

// Participant is a record of the social insurance database. Contributions run oldest
// first; TotalMonths counts them.
type Participant struct {
	RecordID            string         `json:"record_id"`
	PersonalID          string         `json:"personal_id"`
	InsuranceCode       string         `json:"insurance_code"`
	HealthCard          HealthCard     `json:"health_card"`
	ParticipationStatus string         `json:"participation_status"` // active, stopped, suspended
	Employers           []Employer     `json:"employers"`
	Contributions       []Contribution `json:"contributions"`
	TotalMonths         int            `json:"total_months"`
	Benefits            []Benefit      `json:"benefits"`
}

// Contribution rate of the employee's share: 8% pension, 1% unemployment, 1.5% health.
const employeeRatePerMille = 105

// validRelationship reports whether rel is a relationship to the head of household as
// the population database writes it.
func validRelationship(rel string) bool {
	switch rel {
	case "chủ hộ", "vợ", "chồng", "con", "bố", "mẹ", "ông", "bà", "anh", "chị", "em", "cháu", "con dâu", "con rể", "khác":
		return true
	}
	return false
}

func validMaritalStatus(s string) bool {
	switch s {
	case "single", "married", "divorced", "widowed":
		return true
	}
	return false
}

// landUseName is the name of a land use purpose the simulator knows, by code.
func landUseName(code string) string {
	switch code {
	case "ODT":
		return "Đất ở tại đô thị"
	case "ONT":
		return "Đất ở tại nông thôn"
	case "LUC":
		return "Đất chuyên trồng lúa"
	case "BHK":
		return "Đất bằng trồng cây hằng năm khác"
	case "CLN":
		return "Đất trồng cây lâu năm"
	case "NTS":
		return "Đất nuôi trồng thủy sản"
	case "RSX":
		return "Đất rừng sản xuất"
	}
	return ""
}
