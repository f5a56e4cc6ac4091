package ndxp

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// resolve fills in place names and owners' names and checks the parcel.
func (p *demoParcel) resolve(u *units, byID map[string]*demoPerson) error {
	place, err := u.place(p.ProvinceCode, p.CommuneCode, "")
	if err != nil {
		return err
	}
	p.ProvinceName, p.CommuneName = place.ProvinceName, place.CommuneName
	if len(p.GeohashID) != 12 || !isGeohash(p.GeohashID) {
		return fmt.Errorf("geohash_id %q: want 12 geohash characters", p.GeohashID)
	}
	var area float64
	for _, lu := range p.LandUse {
		if landUseName(lu.Code) != lu.Name || lu.AreaM2 <= 0 {
			return fmt.Errorf("land use %s %q: unknown code or name, or no area", lu.Code, lu.Name)
		}
		area += lu.AreaM2
	}
	if len(p.LandUse) == 0 || math.Abs(area-p.AreaM2) > 0.05 {
		return fmt.Errorf("land use areas add up to %.1f, parcel has %.1f", area, p.AreaM2)
	}
	if _, err := parseDate(p.Certificate.IssuedOn); err != nil || p.Certificate.Serial == "" || p.Certificate.Issuer == "" {
		return fmt.Errorf("certificate: serial, issuer and issued_on are required")
	}
	p.names = make(map[string]string, len(p.Owners))
	var share float64
	for _, o := range p.Owners {
		person, ok := byID[o.PersonalID]
		if !ok {
			return fmt.Errorf("owner %s: no such person", o.PersonalID)
		}
		p.names[o.PersonalID] = person.FullName
		share += o.SharePercent
	}
	if len(p.Owners) == 0 || math.Abs(share-100) > 0.01 {
		return fmt.Errorf("owners' shares add up to %v%%, want 100%%", share)
	}
	if p.Mortgages == nil {
		p.Mortgages = []Mortgage{}
	}
	if p.PendingTransactions == nil {
		p.PendingTransactions = []PendingTransaction{}
	}
	return nil
}

// forHolder is the parcel as seen from one of its owners: the others are co-owners.
func (p *demoParcel) forHolder(pid string) Parcel {
	out := p.Parcel
	out.CoOwners = []CoOwner{}
	for _, o := range p.Owners {
		if o.PersonalID != pid {
			out.CoOwners = append(out.CoOwners, CoOwner{PersonalID: o.PersonalID, FullName: p.names[o.PersonalID], SharePercent: o.SharePercent})
		}
	}
	return out
}

func (d *demo) parcelsOf(pid string) []Parcel {
	out := []Parcel{}
	for _, p := range d.parcels[pid] {
		out = append(out, p.forHolder(pid))
	}
	return out
}

// participant expands the contribution periods month by month and checks the record.
func (dp *demoParticipant) participant(byID map[string]*demoPerson) (*Participant, error) {
	if _, ok := byID[dp.PersonalID]; !ok {
		return nil, errors.New("no such person")
	}
	if !isDigits(dp.InsuranceCode, 10) {
		return nil, fmt.Errorf("insurance_code %q: want 10 digits", dp.InsuranceCode)
	}
	if err := checkHealthCard(dp.HealthCard.Number, dp.InsuranceCode); err != nil {
		return nil, err
	}
	switch dp.ParticipationStatus {
	case "active", "stopped", "suspended":
	default:
		return nil, fmt.Errorf("participation_status %q", dp.ParticipationStatus)
	}
	p := &Participant{
		RecordID:            "BHXH-" + dp.InsuranceCode,
		PersonalID:          dp.PersonalID,
		InsuranceCode:       dp.InsuranceCode,
		HealthCard:          dp.HealthCard,
		ParticipationStatus: dp.ParticipationStatus,
		Employers:           dp.Employers,
		Contributions:       []Contribution{},
		Benefits:            dp.Benefits,
	}
	if p.Employers == nil {
		p.Employers = []Employer{}
	}
	if p.Benefits == nil {
		p.Benefits = []Benefit{}
	}
	employers := make(map[string]bool, len(p.Employers))
	for _, e := range p.Employers {
		employers[e.TaxCode] = true
	}
	var prev month
	for _, period := range dp.ContributionPeriods {
		from, err := parseMonth(period.From)
		if err != nil {
			return nil, err
		}
		to, err := parseMonth(period.To)
		if err != nil {
			return nil, err
		}
		if from > to || from <= prev || to > lastDataMonth || !employers[period.EmployerTaxCode] {
			return nil, fmt.Errorf("contribution period %s..%s: out of order, after the data month or unknown employer", period.From, period.To)
		}
		for m := from; m <= to; m++ {
			p.Contributions = append(p.Contributions, Contribution{
				Month:           m.String(),
				EmployerTaxCode: period.EmployerTaxCode,
				SalaryBaseVND:   period.SalaryBaseVND,
				AmountVND:       period.SalaryBaseVND * employeeRatePerMille / 1000,
			})
		}
		prev = to
	}
	p.TotalMonths = len(p.Contributions)
	return p, nil
}

// checkHealthCard checks a 15-character card number against the insurance code it ends with.
func checkHealthCard(number, insuranceCode string) error {
	ok := len(number) == 15 &&
		number[0] >= 'A' && number[0] <= 'Z' && number[1] >= 'A' && number[1] <= 'Z' &&
		number[2] >= '1' && number[2] <= '5' && isDigits(number[3:5], 2) && number[5:] == insuranceCode
	if !ok {
		return fmt.Errorf("health card %q: want group (2 letters), benefit digit, 2-digit province and insurance code %s", number, insuranceCode)
	}
	return nil
}

func isGeohash(s string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(geohashAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}
