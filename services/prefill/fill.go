package prefill

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/registry"
)

// Value is one prefilled attribute with its provenance.
type Value struct {
	Binding     string    `json:"binding"`
	Value       any       `json:"value"` // string, forms.Address or []forms.Answers
	Database    string    `json:"database"`
	RecordRef   string    `json:"record_ref"`
	RetrievedAt time.Time `json:"retrieved_at"`
}

// ParcelOption is one parcel the applicant may choose, with the values its detail bindings take.
type ParcelOption struct {
	RecordID    string            `json:"record_id"`
	Label       string            `json:"label"`
	Details     map[string]string `json:"details"` // land.parcel.* binding → value
	RetrievedAt time.Time         `json:"retrieved_at"`
}

// Keys of a parcel's details that are not bindings: where it lies, for routing.
const (
	ParcelProvince = "_province_code"
	ParcelCommune  = "_commune_code"
)

// Result is what a prefill produced.
type Result struct {
	Values      map[string]Value // by binding name
	Parcels     []ParcelOption
	Unavailable []string // databases that did not answer: their fields are self-declared
	NotFound    []string // databases with no record of the person
}

// FromFetched reads the given bindings from what the databases answered.
func FromFetched(f registry.Fetched, names []string) Result {
	res := Result{Values: map[string]Value{}}
	note := func(db string, err error) bool {
		if err == nil {
			return true
		}
		if errors.Is(err, registry.ErrNotFound) {
			res.NotFound = append(res.NotFound, db)
		} else {
			res.Unavailable = append(res.Unavailable, db)
		}
		return false
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	put := func(name string, v any, p registry.Provenance) {
		if !want[name] {
			return
		}
		if s, ok := v.(string); ok && s == "" {
			return // nothing known: the citizen answers
		}
		res.Values[name] = Value{Binding: name, Value: v, Database: p.Database, RecordRef: p.RecordRef, RetrievedAt: p.RetrievedAt}
	}
	if r := f.Population; r != nil && note(registry.Population, r.Err) {
		rec, p := r.Record, r.Provenance
		put("population.full_name", rec.FullName, p)
		put("population.birth_date", rec.BirthDate, p)
		put("population.sex", rec.Sex, p)
		put("population.personal_id", rec.PersonalID, p)
		put("population.ethnicity", rec.Ethnicity, p)
		put("population.nationality", rec.Nationality, p)
		put("population.permanent_residence", forms.Address{
			Province: rec.PermanentResidence.ProvinceCode, Commune: rec.PermanentResidence.CommuneCode, Line: rec.PermanentResidence.AddressLine,
		}, p)
		put("population.marital_status", rec.MaritalStatus, p)
		if rec.Spouse != nil {
			put("population.spouse_full_name", rec.Spouse.FullName, p)
			put("population.spouse_personal_id", rec.Spouse.PersonalID, p)
		}
		put("population.household_id", rec.Household.ID, p)
		put("population.household_head", rec.Household.HeadName, p)
		if len(rec.Household.Members) > 0 {
			items := make([]forms.Answers, 0, len(rec.Household.Members))
			for _, m := range rec.Household.Members {
				items = append(items, forms.Answers{
					"full_name": m.FullName, "personal_id": m.PersonalID, "birth_date": m.BirthDate, "relationship": m.Relationship,
				})
			}
			put("population.household_members", items, p)
		}
	}
	if r := f.Land; r != nil && note(registry.Land, r.Err) && want["land.parcels"] {
		for _, pc := range r.Record.Parcels {
			uses := make([]string, 0, len(pc.LandUse))
			for _, u := range pc.LandUse {
				uses = append(uses, u.Code+" – "+u.Name)
			}
			res.Parcels = append(res.Parcels, ParcelOption{
				RecordID:    pc.RecordID,
				Label:       fmt.Sprintf("Thửa %s, tờ %s, %s — %s m²", pc.ParcelNumber, pc.MapSheet, pc.CommuneName, strconv.FormatFloat(pc.AreaM2, 'f', -1, 64)),
				RetrievedAt: r.Provenance.RetrievedAt,
				Details: map[string]string{
					"land.parcel.map_sheet":             pc.MapSheet,
					"land.parcel.parcel_number":         pc.ParcelNumber,
					"land.parcel.address":               pc.Address,
					"land.parcel.area_m2":               strconv.FormatFloat(pc.AreaM2, 'f', -1, 64),
					"land.parcel.land_use":              strings.Join(uses, "; "),
					"land.parcel.certificate_serial":    pc.Certificate.Serial,
					"land.parcel.certificate_issued_on": pc.Certificate.IssuedOn,
					"land.parcel.geohash_id":            pc.GeohashID,
					ParcelProvince:                      pc.ProvinceCode,
					ParcelCommune:                       pc.CommuneCode,
				},
			})
		}
	}
	if r := f.Insurance; r != nil && note(registry.Insurance, r.Err) {
		rec, p := r.Record, r.Provenance
		put("insurance.code", rec.InsuranceCode, p)
		put("insurance.health_card", rec.HealthCard.Number, p)
		put("insurance.participation_status", rec.ParticipationStatus, p)
		put("insurance.total_months", strconv.Itoa(rec.TotalMonths), p)
		if n := len(rec.Employers); n > 0 {
			put("insurance.last_employer", rec.Employers[n-1].Name, p)
		}
		if n := len(rec.Contributions); n > 0 {
			put("insurance.last_month", rec.Contributions[n-1].Month, p)
		}
	}
	return res
}
