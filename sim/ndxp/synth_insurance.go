package ndxp

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Sizes of each province's pool of synthetic employers.
const (
	companyPool = 2000
	publicPool  = 300
)

// Base salary (lương cơ sở) since July 2024, used for the lump-sum maternity allowance.
const baseSalaryVND = 2_340_000

// participant derives the social insurance record of member j, or nil for someone never
// insured.
func (s *synth) participant(hh *household, j int) *Participant {
	i := hh.start + j
	m := &hh.m[j]
	prov := &s.units.provinces[hh.prov]
	r := newRNG(s.seed, streamInsurance, uint64(i))
	code := fmt.Sprintf("%s%08d", prov.Code, 20_000_000+permute(uint64(i%10_000_000), 1000, 10000, s.seed^streamInsuranceCode))
	p := &Participant{
		RecordID:            "BHXH-" + code,
		PersonalID:          formatPID(s.ids[i]),
		InsuranceCode:       code,
		ParticipationStatus: "active",
		Employers:           []Employer{},
		Contributions:       []Contribution{},
		Benefits:            []Benefit{},
	}
	hospital := "Bệnh viện Đa khoa " + prov.ShortName
	if r.percent(50) {
		hospital = "Trạm Y tế " + communeInProse(prov.Communes[hh.commune].Name)
	}
	card := func(group string, benefit int, from, to time.Time) {
		p.HealthCard = HealthCard{
			Number:             fmt.Sprintf("%s%d%s%s", group, benefit, prov.Code, code),
			ValidFrom:          dateString(from),
			ValidTo:            dateString(to),
			RegisteredHospital: hospital,
		}
	}
	thisYear := func(group string, benefit int) {
		card(group, benefit, yearStart(dataYear), yearStart(dataYear+1).AddDate(0, 0, -1))
	}

	retirement := 61
	if m.female {
		retirement = 57
	}
	switch age := m.age(); {
	case age < 6: // children under six: free card until their sixth birthday
		if !r.percent(95) {
			return nil
		}
		card("TE", 1, m.birthDate(), m.birthDate().AddDate(6, 0, -1))
	case age < 18: // pupils
		if !r.percent(65) {
			return nil
		}
		thisYear("HS", 4)
	case age < retirement:
		switch x := r.intn(100); {
		case x < 62 && s.employee(&r, hh, j, p):
			group := "DN" // enterprise employees
			if public := strings.HasPrefix(p.Employers[len(p.Employers)-1].TaxCode[2:], "9"); public {
				group = "HC" // civil servants
			}
			if p.ParticipationStatus == "active" {
				thisYear(group, 4)
			} else {
				end, _ := parseMonth(p.Contributions[len(p.Contributions)-1].Month)
				from := yearStart(end.year())
				if first, _ := parseMonth(p.Contributions[0].Month); first.firstDay().After(from) {
					from = first.firstDay()
				}
				card(group, 4, from, end.lastDay())
			}
		case x < 75: // household (voluntary) health insurance only
			thisYear("GD", 4)
		default:
			return nil
		}
	default:
		if !r.percent(45) {
			if r.percent(45) {
				thisYear("GD", 4)
				return p
			}
			return nil
		}
		s.pensioner(&r, hh, j, p)
		thisYear("HT", 3)
	}
	return p
}

// employee gives member j a working life up to the data month: 75% still working, the
// others stopped or suspended. It reports false for someone not yet 18.
func (s *synth) employee(r *rng, hh *household, j int, p *Participant) bool {
	m := &hh.m[j]
	birth := m.birthDate()
	adult := monthOfTime(birth.AddDate(18, 0, 0))
	start := max(monthOf(m.year+r.between(18, 26), time.Month(r.between(1, 12))), adult)
	if start < monthOf(1995, time.January) { // the social insurance fund's records begin in 1995
		start = monthOf(1995, time.January) + month(r.intn(24))
	}
	if start > lastDataMonth {
		if adult > lastDataMonth {
			return false
		}
		start = max(adult, lastDataMonth-month(r.intn(3)))
	}
	end, status := lastDataMonth, "active"
	switch x := r.intn(100); {
	case x < 75:
	case x < 95:
		status = "stopped"
		end = start + month(r.intn(int(lastDataMonth-start)+1))
	default:
		status = "suspended"
		end = max(start, lastDataMonth-month(r.between(1, 6)))
	}
	p.ParticipationStatus = status
	last := s.career(r, hh, p, start, end, status == "stopped")
	s.benefits(r, hh, j, p, start, end, last)
	if status == "stopped" && r.percent(40) {
		if paid := (end + 2).day(15); !paid.After(asOfDate()) {
			p.Benefits = append(p.Benefits, Benefit{Kind: "unemployment", PaidOn: dateString(paid), AmountVND: last * 60 / 100 * 3})
		}
	}
	slices.SortFunc(p.Benefits, func(a, b Benefit) int { return strings.Compare(a.PaidOn, b.PaidOn) })
	return true
}

// pensioner gives member j a working life that ended at the retirement age of their
// generation and a monthly pension.
func (s *synth) pensioner(r *rng, hh *household, j int, p *Participant) {
	m := &hh.m[j]
	retireAge := 60
	if m.female {
		retireAge = 55
	}
	retired := monthOf(m.year+retireAge, m.birthDate().Month())
	start := max(monthOf(m.year+r.between(20, 28), time.Month(r.between(1, 12))), monthOf(1995, time.January))
	p.ParticipationStatus = "stopped"
	pension := int64(r.between(30, 60)) * 100_000
	if start < retired {
		last := s.career(r, hh, p, start, retired-1, true)
		pension = last * int64(r.between(45, 75)) / 100 / 1000 * 1000
	}
	p.Benefits = append(p.Benefits, Benefit{Kind: "pension", PaidOn: dateString(lastDataMonth.day(5)), AmountVND: pension})
}

// career splits [start, end] into one to three jobs with short gaps between them and
// records a contribution for every month worked. The last job stays open unless closed.
// It returns the last salary.
func (s *synth) career(r *rng, hh *household, p *Participant, start, end month, closed bool) int64 {
	public := r.percent(15)
	prov := hh.prov
	if r.percent(15) {
		prov = r.weighted(s.units.cumWeight)
	}
	skill := 0.8 + r.float()*1.7
	jobs := 1 + r.intn(3)
	var salary int64
	for k, cur := 0, start; k < jobs; k++ {
		stop := end
		if k < jobs-1 {
			remaining := int(end-cur) + 1
			if length := r.between(6, max(6, 2*remaining/(jobs-k))); cur+month(length)-1 < end-6 {
				stop = cur + month(length) - 1
			}
		}
		name, tax := s.employer(prov, r, public)
		e := Employer{Name: name, TaxCode: tax, From: cur.String()}
		if stop < end || closed {
			to := stop.String()
			e.To = &to
		}
		p.Employers = append(p.Employers, e)
		for mo := cur; mo <= stop; mo++ {
			salary = salaryFor(mo.year(), skill)
			p.Contributions = append(p.Contributions, Contribution{
				Month: mo.String(), EmployerTaxCode: tax, SalaryBaseVND: salary, AmountVND: salary * employeeRatePerMille / 1000,
			})
		}
		if stop == end {
			break
		}
		cur = stop + 1 + month(min(r.intn(7), int(end-stop)-1))
	}
	p.TotalMonths = len(p.Contributions)
	return salary
}

// salaryFor is the monthly salary a contribution is based on: about 2 million đồng in
// 2005 for the median worker, rising 8% a year, in steps of 100,000.
func salaryFor(year int, skill float64) int64 {
	v := 2_000_000 * math.Pow(1.08, float64(year-2005)) * skill
	return int64(v/100_000+0.5) * 100_000
}

// benefits adds occasional sickness pay and maternity pay for the member's children born
// while she was insured.
func (s *synth) benefits(r *rng, hh *household, j int, p *Participant, start, end month, last int64) {
	if r.percent(12) {
		mo := start + month(r.intn(int(end-start)+1))
		salary := salaryFor(mo.year(), 1)
		if last > 0 {
			salary = last
		}
		p.Benefits = append(p.Benefits, Benefit{
			Kind: "sickness", PaidOn: dateString(mo.day(r.between(5, 28))),
			AmountVND: salary * int64(r.between(2, 10)) * 75 / 100 / 24 / 1000 * 1000,
		})
	}
	if !hh.m[j].female {
		return
	}
	for k := 0; k < hh.n; k++ {
		kid := &hh.m[k]
		if kid.mother != j {
			continue
		}
		born := monthOfTime(kid.birthDate())
		if born < start || born > end {
			continue
		}
		paid := kid.birthDate().AddDate(0, 0, r.between(30, 60))
		if paid.After(asOfDate()) {
			continue
		}
		p.Benefits = append(p.Benefits, Benefit{
			Kind: "maternity", PaidOn: dateString(paid), AmountVND: 6*salaryFor(born.year(), 1) + 2*baseSalaryVND,
		})
	}
}

// employer draws one of a province's employers. Each is a pure function of the seed,
// the province and its number in the pool, so colleagues share the same name and tax
// code. Tax codes are the province code, then 9 for a public body or 0 for a company,
// then seven digits unique within the province.
func (s *synth) employer(prov int, r *rng, public bool) (name, taxCode string) {
	k := r.intn(companyPool)
	if public {
		k = r.intn(publicPool)
	}
	p := &s.units.provinces[prov]
	v := s.vocab
	var kind uint64
	if public {
		kind = 1
	}
	er := newRNG(s.seed, streamEmployer, uint64(prov)<<32|uint64(k)<<1|kind)
	serial := permute(uint64(k), 1000, 10000, s.seed^streamEmployer^kind)
	if public {
		commune := p.Communes[er.intn(len(p.Communes))].Name
		name = strings.NewReplacer(
			"{commune}", communeInProse(commune),
			"{commune_short}", communeShort(commune),
			"{province}", p.ShortName,
		).Replace(v.PublicEmployers[er.intn(len(v.PublicEmployers))])
		return name, fmt.Sprintf("%s9%07d", p.Code, serial)
	}
	name = v.CompanyForms[er.intn(len(v.CompanyForms))] + " " +
		v.CompanyTrades[er.intn(len(v.CompanyTrades))] + " " +
		v.CompanyBrands[er.intn(len(v.CompanyBrands))]
	return name, fmt.Sprintf("%s0%07d", p.Code, serial)
}
