// Package prefill fills a draft from the national databases: it knows which registry attribute
// each prefill binding names, which database holds it, and how to read it from a fetched record.
package prefill

import (
	"sort"
	"strings"
)

// Binding describes one registry attribute a form field can be bound to.
type Binding struct {
	Name     string // e.g. population.full_name
	Database string // population, land, insurance
	// FieldType is the form field type the value fits (text, date, select, address, group, parcel…).
	FieldType string
}

// bindings is every attribute the schemas may bind, by name.
var bindings = map[string]Binding{
	"population.full_name":              {Name: "population.full_name", Database: "population", FieldType: "text"},
	"population.birth_date":             {Name: "population.birth_date", Database: "population", FieldType: "date"},
	"population.sex":                    {Name: "population.sex", Database: "population", FieldType: "select"},
	"population.personal_id":            {Name: "population.personal_id", Database: "population", FieldType: "personal_id"},
	"population.ethnicity":              {Name: "population.ethnicity", Database: "population", FieldType: "text"},
	"population.nationality":            {Name: "population.nationality", Database: "population", FieldType: "text"},
	"population.permanent_residence":    {Name: "population.permanent_residence", Database: "population", FieldType: "address"},
	"population.marital_status":         {Name: "population.marital_status", Database: "population", FieldType: "select"},
	"population.spouse_full_name":       {Name: "population.spouse_full_name", Database: "population", FieldType: "text"},
	"population.spouse_personal_id":     {Name: "population.spouse_personal_id", Database: "population", FieldType: "personal_id"},
	"population.household_id":           {Name: "population.household_id", Database: "population", FieldType: "text"},
	"population.household_head":         {Name: "population.household_head", Database: "population", FieldType: "text"},
	"population.household_members":      {Name: "population.household_members", Database: "population", FieldType: "group"},
	"land.parcels":                      {Name: "land.parcels", Database: "land", FieldType: "parcel"},
	"land.parcel.map_sheet":             {Name: "land.parcel.map_sheet", Database: "land", FieldType: "text"},
	"land.parcel.parcel_number":         {Name: "land.parcel.parcel_number", Database: "land", FieldType: "text"},
	"land.parcel.address":               {Name: "land.parcel.address", Database: "land", FieldType: "text"},
	"land.parcel.area_m2":               {Name: "land.parcel.area_m2", Database: "land", FieldType: "number"},
	"land.parcel.land_use":              {Name: "land.parcel.land_use", Database: "land", FieldType: "text"},
	"land.parcel.certificate_serial":    {Name: "land.parcel.certificate_serial", Database: "land", FieldType: "text"},
	"land.parcel.certificate_issued_on": {Name: "land.parcel.certificate_issued_on", Database: "land", FieldType: "date"},
	"land.parcel.geohash_id":            {Name: "land.parcel.geohash_id", Database: "land", FieldType: "text"},
	"insurance.code":                    {Name: "insurance.code", Database: "insurance", FieldType: "text"},
	"insurance.health_card":             {Name: "insurance.health_card", Database: "insurance", FieldType: "text"},
	"insurance.participation_status":    {Name: "insurance.participation_status", Database: "insurance", FieldType: "select"},
	"insurance.total_months":            {Name: "insurance.total_months", Database: "insurance", FieldType: "number"},
	"insurance.last_employer":           {Name: "insurance.last_employer", Database: "insurance", FieldType: "text"},
	"insurance.last_month":              {Name: "insurance.last_month", Database: "insurance", FieldType: "text"},
}

// Lookup returns the binding named name.
func Lookup(name string) (Binding, bool) {
	b, ok := bindings[name]
	return b, ok
}

// Names lists every binding name, sorted.
func Names() []string {
	out := make([]string, 0, len(bindings))
	for n := range bindings {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Databases returns the databases holding the given bindings, in the portal's order.
func Databases(names []string) []string {
	has := map[string]bool{}
	for _, n := range names {
		if b, ok := bindings[n]; ok {
			has[b.Database] = true
		}
	}
	var out []string
	for _, db := range []string{"population", "land", "insurance"} {
		if has[db] {
			out = append(out, db)
		}
	}
	return out
}

// IsParcelDetail reports whether a binding reads the chosen parcel (land.parcel.*).
func IsParcelDetail(name string) bool { return strings.HasPrefix(name, "land.parcel.") }
