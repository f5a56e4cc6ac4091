package registry

import (
	"context"
	"fmt"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/motlan/portal/services/personalid"
)

// Answers the exchange gave that are not a record of the person asked. Both are
// ErrUnavailable: the page shows the database as unavailable and the citizen types the values,
// nothing is locked as verified; both count as failures of the database's breaker.
var (
	ErrWrongSubject = fmt.Errorf("%w: answered for another subject", ErrUnavailable)
	ErrMalformed    = fmt.Errorf("%w: malformed answer", ErrUnavailable)
)

// A record says whose it is and which of the fields the portal relies on it lacks.
type record interface {
	subject() string
	missing() []string
}

// accept decodes an answer into out and trusts it only if it is a whole record of the person
// asked; otherwise it logs an alert, with masked IDs and the names of the missing fields but
// none of the data, and says why it refused the answer.
//
// The answer is decoded by the JSON v2 engine (the module that became encoding/json/v2, still
// behind GOEXPERIMENT=jsonv2 in Go 1.26): an insurance record with years of monthly
// contributions decodes in less than half encoding/json's time, and every My data view and
// prefill decodes three of them. Its defaults are also the stricter reading of an answer the
// exchange's contract fixes: member names as written, no member twice, valid UTF-8.
func (c *Client) accept(ctx context.Context, db, asked string, body []byte, out record) error {
	if err := jsonv2.Unmarshal(body, out); err != nil {
		c.log.ErrorContext(ctx, "registry answered a malformed record", "database", db, "asked", mask(asked), "error", "not JSON")
		return fmt.Errorf("%w: %s: not JSON", ErrMalformed, db)
	}
	if got := out.subject(); got != asked {
		c.log.ErrorContext(ctx, "registry answered for another subject", "database", db, "asked", mask(asked), "answered", mask(got))
		return fmt.Errorf("%w: %s", ErrWrongSubject, db)
	}
	if m := out.missing(); len(m) > 0 {
		c.log.ErrorContext(ctx, "registry answered a malformed record", "database", db, "asked", mask(asked), "missing", strings.Join(m, ","))
		return fmt.Errorf("%w: %s lacks %s", ErrMalformed, db, strings.Join(m, ", "))
	}
	return nil
}

// mask keeps of a personal ID its province of birth registration and its last two digits.
func mask(pid string) string {
	if len(pid) != 12 {
		return fmt.Sprintf("(%d characters)", len(pid))
	}
	return pid[:3] + "*******" + pid[10:]
}

// fields collects the names of the fields a record lacks.
type fields []string

func (f *fields) need(name string, ok bool) {
	if !ok {
		*f = append(*f, name)
	}
}

func (f *fields) text(name, v string) { f.need(name, strings.TrimSpace(v) != "") }

func (f *fields) date(name, v string) {
	_, err := time.Parse(time.DateOnly, v)
	f.need(name, err == nil)
}

func (f *fields) person(name, pid, fullName string) {
	f.need(name+".personal_id", personalid.Valid(pid))
	f.text(name+".full_name", fullName)
}

func (r *PopulationRecord) subject() string { return r.PersonalID }

// missing: the identity, birth date, sex and permanent residence every form binds, the household
// registration, and whoever the record names.
func (r *PopulationRecord) missing() []string {
	var f fields
	f.text("record_id", r.RecordID)
	f.text("full_name", r.FullName)
	f.date("birth_date", r.BirthDate)
	f.need("sex", r.Sex == "male" || r.Sex == "female")
	f.text("permanent_residence.province_code", r.PermanentResidence.ProvinceCode)
	f.text("permanent_residence.commune_code", r.PermanentResidence.CommuneCode)
	f.text("permanent_residence.address_line", r.PermanentResidence.AddressLine)
	f.text("household.household_id", r.Household.ID)
	for i, m := range r.Household.Members {
		f.person(fmt.Sprintf("household.members[%d]", i), m.PersonalID, m.FullName)
	}
	for _, p := range []struct {
		name string
		ref  *PersonRef
	}{{"father", r.Father}, {"mother", r.Mother}, {"spouse", r.Spouse}} {
		if p.ref != nil {
			f.person(p.name, p.ref.PersonalID, p.ref.FullName)
		}
	}
	return f
}

func (r *LandRecord) subject() string { return r.HolderPersonalID }

// missing: the list of parcels (empty for a person holding none), and of each parcel what the
// parcel picker and the land forms bind.
func (r *LandRecord) missing() []string {
	var f fields
	f.need("parcels", r.Parcels != nil)
	for i, p := range r.Parcels {
		at := fmt.Sprintf("parcels[%d].", i)
		f.text(at+"record_id", p.RecordID)
		f.text(at+"map_sheet", p.MapSheet)
		f.text(at+"parcel_number", p.ParcelNumber)
		f.text(at+"province_code", p.ProvinceCode)
		f.text(at+"commune_code", p.CommuneCode)
		f.text(at+"address", p.Address)
		f.need(at+"area_m2", p.AreaM2 > 0)
		for j, o := range p.CoOwners {
			f.need(fmt.Sprintf("%sco_owners[%d].personal_id", at, j), personalid.Valid(o.PersonalID))
		}
	}
	return f
}

func (r *InsuranceRecord) subject() string { return r.PersonalID }

// missing: the insurance code, health card and participation the insurance forms bind, and the
// employers and months they count.
func (r *InsuranceRecord) missing() []string {
	var f fields
	f.text("record_id", r.RecordID)
	f.text("insurance_code", r.InsuranceCode)
	f.text("health_card.number", r.HealthCard.Number)
	switch r.ParticipationStatus {
	case "active", "stopped", "suspended":
	default:
		f.need("participation_status", false)
	}
	f.need("total_months", r.TotalMonths >= 0)
	for i, e := range r.Employers {
		f.text(fmt.Sprintf("employers[%d].name", i), e.Name)
	}
	for i, m := range r.Contributions {
		f.text(fmt.Sprintf("contributions[%d].month", i), m.Month)
	}
	return f
}
