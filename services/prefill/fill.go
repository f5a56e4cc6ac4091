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
	// Note qualifies the value: NoteMappedUnit when an address was recorded under the
	// administrative units before 1 July 2025 and is shown on the new map.
	Note string `json:"note,omitempty"`
	// Updated names the result issued from which another registry recorded the fact, if one did.
	Updated *Update `json:"updated,omitempty"`
}

// NoteMappedUnit marks an address the database holds under a pre-July-2025 commune whose code
// the new commune kept.
const NoteMappedUnit = "mapped_unit"

// Map places an address on the administrative map in force (services/catalogue.Units):
// exact when the pair is on it; else the new province and commune of a commune that kept its
// code, or "" when the old unit cannot be placed.
type Map interface {
	Resolve(provinceCode, communeCode string) (province, commune string, exact bool)
}

// OldAddress is an address the database holds under units that no longer exist and that the
// map cannot place: the citizen confirms the commune.
type OldAddress struct {
	Text string        `json:"text"` // as recorded: "Số 3, Phường Quang Trung, Quận Hà Đông, Hà Nội"
	Line forms.Address `json:"line"` // the address line, to start the answer from
}

// PersonOption is a member of the applicant's household who may be chosen as a party (a parent
// of the child a grandparent registers), with what the household record holds of them.
type PersonOption struct {
	PersonalID   string        `json:"personal_id"`
	FullName     string        `json:"full_name"`
	BirthDate    string        `json:"birth_date"`
	Sex          string        `json:"sex"`
	Relationship string        `json:"relationship"` // to the head of the household
	Residence    forms.Address `json:"residence"`    // the household's address
	RecordRef    string        `json:"record_ref"`   // the household record
	RetrievedAt  time.Time     `json:"retrieved_at"`
	// Updated names the result from which the member was recorded in the household (a birth).
	Updated *Update `json:"updated,omitempty"`
}

// Values a household member's entry gives, by binding.
func (o PersonOption) Values() map[string]any {
	out := map[string]any{
		"population.full_name":   o.FullName,
		"population.personal_id": o.PersonalID,
		"population.birth_date":  o.BirthDate,
		"population.sex":         o.Sex,
	}
	if o.Residence.Province != "" {
		out["population.permanent_residence"] = o.Residence
	}
	return out
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
	Old         map[string]OldAddress
	Parcels     []ParcelOption
	Unavailable []string // databases that did not answer: their fields are self-declared
	NotFound    []string // databases with no record of the person

	// Of the person's population record, when it was read: their verified sex, their spouse's
	// personal ID and the other members of their household.
	Sex       string
	SpouseID  string
	Household []PersonOption
}

// FromFetched reads the given bindings from what the databases answered; m places addresses on
// the map in force (nil: taken as they are).
func FromFetched(f registry.Fetched, names []string, m Map) Result {
	res := Result{Values: map[string]Value{}, Old: map[string]OldAddress{}}
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
		if want["population.permanent_residence"] {
			res.putAddress("population.permanent_residence", rec.PermanentResidence, p, m)
		}
		put("population.marital_status", rec.MaritalStatus, p)
		if rec.Spouse != nil {
			put("population.spouse_full_name", rec.Spouse.FullName, p)
			put("population.spouse_personal_id", rec.Spouse.PersonalID, p)
		}
		res.Sex = rec.Sex
		if rec.Spouse != nil {
			res.SpouseID = rec.Spouse.PersonalID
		}
		home, _, _ := place(rec.PermanentResidence, m)
		for _, mb := range rec.Household.Members {
			if mb.PersonalID == rec.PersonalID {
				continue
			}
			res.Household = append(res.Household, PersonOption{PersonalID: mb.PersonalID, FullName: mb.FullName,
				BirthDate: mb.BirthDate, Sex: mb.Sex, Relationship: mb.Relationship, Residence: home,
				RecordRef: rec.Household.ID, RetrievedAt: p.RetrievedAt})
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
		res.noteUpdates(rec.Sources)
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

// place puts a recorded place on the map in force: the address as recorded when it is on it, the
// new commune when the old one kept its code (mapped), or ok=false.
func place(pl registry.Place, m Map) (ad forms.Address, mapped, ok bool) {
	ad = forms.Address{Province: pl.ProvinceCode, Commune: pl.CommuneCode, Line: pl.AddressLine}
	if m == nil || pl.CommuneCode == "" {
		return ad, false, pl.CommuneCode != ""
	}
	province, commune, exact := m.Resolve(pl.ProvinceCode, pl.CommuneCode)
	switch {
	case exact:
		return ad, false, true
	case commune != "":
		ad.Province, ad.Commune = province, commune
		return ad, true, true
	}
	return forms.Address{Line: pl.AddressLine}, false, false
}

// putAddress records an address binding: placed on the map (noting a mapped old unit), or, when
// the old unit cannot be placed, the recorded text for the citizen to confirm the commune.
func (res *Result) putAddress(name string, pl registry.Place, p registry.Provenance, m Map) {
	ad, mapped, ok := place(pl, m)
	if !ok {
		if pl.CommuneCode == "" && pl.AddressLine == "" {
			return
		}
		parts := []string{}
		for _, s := range []string{pl.AddressLine, pl.CommuneName, pl.DistrictName, pl.ProvinceName} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		res.Old[name] = OldAddress{Text: strings.Join(parts, ", "), Line: ad}
		return
	}
	v := Value{Binding: name, Value: ad, Database: p.Database, RecordRef: p.RecordRef, RetrievedAt: p.RetrievedAt}
	if mapped {
		v.Note = NoteMappedUnit
	}
	res.Values[name] = v
}
