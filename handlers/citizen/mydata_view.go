package citizen

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/views/pages"
)

// dataGroups turns what the databases answered into the page's groups, in a fixed order.
func dataGroups(f registry.Fetched) []pages.DataGroup {
	var groups []pages.DataGroup
	if r := f.Population; r != nil {
		g := group(registry.Population, r.Err, r.Provenance)
		if r.Err == nil {
			g.Sections = populationSections(r.Record)
		}
		groups = append(groups, g)
	}
	if r := f.Land; r != nil {
		g := group(registry.Land, r.Err, r.Provenance)
		if r.Err == nil {
			g.Sections = landSections(r.Record)
		}
		groups = append(groups, g)
	}
	if r := f.Insurance; r != nil {
		g := group(registry.Insurance, r.Err, r.Provenance)
		if r.Err == nil {
			g.Sections = insuranceSections(r.Record)
		}
		groups = append(groups, g)
	}
	return groups
}

func group(db string, err error, p registry.Provenance) pages.DataGroup {
	g := pages.DataGroup{Database: db, Status: "ok", RecordRef: p.RecordRef, AsOf: p.RetrievedAt}
	switch {
	case err == nil:
	case errors.Is(err, registry.ErrNotFound):
		g.Status = "not_found"
	default:
		g.Status = "unavailable"
	}
	return g
}

func text(s string) pages.Value  { return pages.Value{Text: s} }
func key(k string) pages.Value   { return pages.Value{Text: k, Kind: pages.KindKey} }
func date(s string) pages.Value  { return pages.Value{Text: s, Kind: pages.KindDate} }
func month(s string) pages.Value { return pages.Value{Text: s, Kind: pages.KindMonth} }
func mono(s string) pages.Value  { return pages.Value{Text: s, Kind: pages.KindMono} }
func money(n int64) pages.Value {
	return pages.Value{Text: strconv.FormatInt(n, 10), Kind: pages.KindMoney}
}
func area(f float64) pages.Value {
	return pages.Value{Text: strconv.FormatFloat(f, 'f', -1, 64), Kind: pages.KindArea}
}

// keyed shows a coded value through the catalogue, or as it is when the code is unexpected.
func keyed(prefix, code string, known ...string) pages.Value {
	for _, k := range known {
		if code == k {
			return key(prefix + code)
		}
	}
	return text(code)
}

func place(p registry.Place) string {
	s := ""
	for _, part := range []string{p.AddressLine, p.CommuneName, p.ProvinceName} {
		if part == "" {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += part
	}
	return s
}

func person(p *registry.PersonRef) pages.Value {
	if p == nil {
		return text("")
	}
	return text(fmt.Sprintf("%s (%s)", p.FullName, citizens.MaskPersonalID(p.PersonalID)))
}

func populationSections(r registry.PopulationRecord) []pages.DataSection {
	temp := text("")
	if r.TemporaryResidence != nil {
		temp = text(place(*r.TemporaryResidence))
	}
	identity := pages.DataSection{Fields: []pages.DataField{
		{Label: "pop.name", Value: text(r.FullName)},
		{Label: "pop.birthdate", Value: date(r.BirthDate)},
		{Label: "pop.sex", Value: keyed("sex.", r.Sex, "male", "female")},
		{Label: "pop.ethnicity", Value: text(r.Ethnicity)},
		{Label: "pop.nationality", Value: text(r.Nationality)},
		{Label: "pop.birthplace", Value: text(place(r.BirthRegistrationPlace))},
		{Label: "pop.permanent", Value: text(place(r.PermanentResidence))},
		{Label: "pop.temporary", Value: temp},
		{Label: "pop.marital", Value: keyed("marital.", r.MaritalStatus, "single", "married", "divorced", "widowed")},
		{Label: "pop.father", Value: person(r.Father)},
		{Label: "pop.mother", Value: person(r.Mother)},
		{Label: "pop.spouse", Value: person(r.Spouse)},
	}}
	members := pages.DataTable{
		Caption: "pop.household.members",
		Head:    []string{"pop.name", "pop.relationship", "pop.birthdate", "pop.personalid"},
		Empty:   "mydata.none",
	}
	for _, m := range r.Household.Members {
		members.Rows = append(members.Rows, []pages.Value{text(m.FullName), text(m.Relationship), date(m.BirthDate), mono(citizens.MaskPersonalID(m.PersonalID))})
	}
	addUpdatedMembers(&members, r)
	identity.Fields = append(identity.Fields, updatedFacts(r)...)
	household := pages.DataSection{
		Title:     "pop.household.title",
		TitleArgs: []any{r.Household.ID},
		Fields:    []pages.DataField{{Label: "pop.household.head", Value: text(r.Household.HeadName)}},
		Tables:    []pages.DataTable{members},
	}
	return []pages.DataSection{identity, household}
}

func landSections(r registry.LandRecord) []pages.DataSection {
	if len(r.Parcels) == 0 {
		return []pages.DataSection{{Fields: []pages.DataField{{Label: "land.parcels", Value: key("land.none")}}}}
	}
	var out []pages.DataSection
	for _, p := range r.Parcels {
		uses := ""
		for i, u := range p.LandUse {
			if i > 0 {
				uses += "; "
			}
			uses += fmt.Sprintf("%s – %s", u.Code, u.Name)
		}
		s := pages.DataSection{
			Title:     "land.parcel.title",
			TitleArgs: []any{p.ParcelNumber, p.MapSheet, p.CommuneName},
			Fields: []pages.DataField{
				{Label: "land.address", Value: text(p.Address)},
				{Label: "land.area", Value: area(p.AreaM2)},
				{Label: "land.use", Value: text(uses)},
				{Label: "land.term", Value: text(p.Term)},
				{Label: "land.geohash", Value: mono(p.GeohashID)},
				{Label: "land.certificate", Value: text(p.Certificate.Serial)},
				{Label: "land.certificate.date", Value: date(p.Certificate.IssuedOn)},
			},
		}
		co := pages.DataTable{Caption: "land.coowners", Head: []string{"pop.name", "pop.personalid", "land.share"}, Empty: "mydata.none"}
		for _, o := range p.CoOwners {
			co.Rows = append(co.Rows, []pages.Value{text(o.FullName), mono(citizens.MaskPersonalID(o.PersonalID)), text(strconv.FormatFloat(o.SharePercent, 'f', -1, 64) + "%")})
		}
		mort := pages.DataTable{Caption: "land.mortgages", Head: []string{"land.lender", "land.registered", "land.amount"}, Empty: "mydata.none"}
		for _, m := range p.Mortgages {
			mort.Rows = append(mort.Rows, []pages.Value{text(m.Lender), date(m.RegisteredOn), money(m.AmountVND)})
		}
		pend := pages.DataTable{Caption: "land.pending", Head: []string{"land.kind", "land.filed", "land.reference"}, Empty: "mydata.none"}
		for _, t := range p.PendingTransactions {
			pend.Rows = append(pend.Rows, []pages.Value{keyed("land.kind.", t.Kind, "transfer", "inheritance", "gift", "mortgage"), date(t.FiledOn), mono(t.Reference)})
		}
		s.Tables = []pages.DataTable{co, mort, pend}
		out = append(out, s)
	}
	return out
}

func insuranceSections(r registry.InsuranceRecord) []pages.DataSection {
	summary := pages.DataSection{Fields: []pages.DataField{
		{Label: "ins.code", Value: mono(r.InsuranceCode)},
		{Label: "ins.card", Value: mono(r.HealthCard.Number)},
		{Label: "ins.card.valid", Value: date(r.HealthCard.ValidTo)},
		{Label: "ins.hospital", Value: text(r.HealthCard.RegisteredHospital)},
		{Label: "ins.status", Value: keyed("ins.status.", r.ParticipationStatus, "active", "stopped", "suspended")},
		{Label: "ins.months", Value: pages.Value{Text: strconv.Itoa(r.TotalMonths), Kind: pages.KindNumber}},
	}}
	emp := pages.DataTable{Caption: "ins.employers", Head: []string{"ins.employer", "ins.taxcode", "ins.from", "ins.to"}, Empty: "mydata.none"}
	for _, e := range r.Employers {
		to := text("")
		if e.To != nil {
			to = month(*e.To)
		}
		emp.Rows = append(emp.Rows, []pages.Value{text(e.Name), mono(e.TaxCode), month(e.From), to})
	}
	contrib := pages.DataTable{Caption: "ins.contributions", Head: []string{"ins.month", "ins.salary", "ins.amount"}, Empty: "mydata.none"}
	// The newest twelve months; the total above counts them all.
	cs := r.Contributions
	if len(cs) > 12 {
		cs = cs[len(cs)-12:]
	}
	for i := len(cs) - 1; i >= 0; i-- {
		contrib.Rows = append(contrib.Rows, []pages.Value{month(cs[i].Month), money(cs[i].SalaryBaseVND), money(cs[i].AmountVND)})
	}
	ben := pages.DataTable{Caption: "ins.benefits", Head: []string{"ins.benefit", "ins.paid", "ins.amount"}, Empty: "mydata.none"}
	for _, b := range r.Benefits {
		ben.Rows = append(ben.Rows, []pages.Value{keyed("ins.benefit.", b.Kind, "maternity", "sickness", "unemployment", "one-time", "retirement"), date(b.PaidOn), money(b.AmountVND)})
	}
	summary.Tables = []pages.DataTable{emp, contrib, ben}
	return []pages.DataSection{summary}
}
