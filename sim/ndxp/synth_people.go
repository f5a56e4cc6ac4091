package ndxp

import "time"

// Kinds of synthetic household.
const (
	kindSingle       = iota // one adult
	kindCouple              // a couple without children at home
	kindFamily              // a couple and 1–3 children
	kindThreeGen            // a couple, 1–2 children and the head's parents
	kindSingleParent        // a parent and 1–2 children
)

const maxMembers = 6

// shape is a household's kind and size, drawn apart from everything else so that the
// households can be laid out quickly before any of them is generated.
type shape struct{ kind, size, kids, elders uint8 }

func shapeOf(seed uint64, h int) shape {
	r := newRNG(seed, streamShape, uint64(h))
	switch x := r.intn(100); {
	case x < 12:
		return shape{kind: kindSingle, size: 1}
	case x < 30:
		return shape{kind: kindCouple, size: 2}
	case x < 78:
		kids := uint8(1 + r.weighted([]int{35, 85, 100}))
		return shape{kind: kindFamily, size: 2 + kids, kids: kids}
	case x < 90:
		kids, elders := uint8(r.between(1, 2)), uint8(r.between(1, 2))
		return shape{kind: kindThreeGen, size: 2 + kids + elders, kids: kids, elders: elders}
	default:
		kids := uint8(r.between(1, 2))
		return shape{kind: kindSingleParent, size: 1 + kids, kids: kids}
	}
}

// member is a derived synthetic person; strings point into the vocabulary.
type member struct {
	female                          bool
	year, doy                       int // birth year and day of that year (0-based)
	birthProv, birthCommune         int
	family, middle, given           string
	rel, marital                    string
	father, mother, spouse          int // positions in the household, -1 for none
	temp                            bool
	tempProv, tempCommune           int
	tempRoom, tempHouse, tempStreet int
}

func (m *member) fullName() string     { return m.family + " " + m.middle + " " + m.given }
func (m *member) birthDate() time.Time { return dayOfYear(m.year, m.doy) }
func (m *member) age() int             { return dataYear - m.year }

// household is a derived synthetic household: members[0] is the head.
type household struct {
	h, start, n                  int
	shape                        shape
	prov, commune                int
	house, alley, street, hamlet int
	ethnicity                    string
	updated                      time.Time
	m                            [maxMembers]member
}

// derive fills hh with household h. It draws the same numbers in the same order every
// time, whatever is asked for later.
func (s *synth) derive(h int, hh *household) {
	u, v := s.units, s.vocab
	r := newRNG(s.seed, streamPeople, uint64(h))
	*hh = household{h: h, start: int(s.start[h]), n: s.size(h), shape: shapeOf(s.seed, h)}
	hh.prov = r.weighted(u.cumWeight)
	p := &u.provinces[hh.prov]
	hh.commune = r.intn(len(p.Communes))
	hh.house, hh.street, hh.hamlet = r.between(1, 260), r.intn(len(v.Streets)), r.between(1, 14)
	if r.percent(35) {
		hh.alley = r.between(2, 180)
	}
	hh.ethnicity = "Kinh"
	if r.percent(p.MinorityPercent) {
		hh.ethnicity = p.Minorities[r.intn(len(p.Minorities))]
	}
	hh.updated = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC).
		Add(time.Duration(r.intn(480*24*3600)) * time.Second)

	sh := hh.shape
	for k := range hh.m {
		hh.m[k].father, hh.m[k].mother, hh.m[k].spouse = -1, -1, -1
	}
	head := &hh.m[0]
	head.rel = "chủ hộ"
	var headAge int
	switch sh.kind {
	case kindSingle:
		head.female, headAge = r.percent(45), r.between(20, 85)
	case kindCouple:
		head.female, headAge = r.percent(15), r.between(22, 80)
	case kindFamily:
		head.female, headAge = r.percent(15), r.between(27, 62)
	case kindThreeGen:
		head.female, headAge = r.percent(15), r.between(27, 50)
	case kindSingleParent:
		head.female, headAge = r.percent(75), r.between(25, 55)
	}
	head.year = dataYear - headAge
	head.family = s.familyName(&r)

	next := 1
	husband, wife := -1, -1 // positions of the couple, if any
	if sh.kind == kindCouple || sh.kind == kindFamily || sh.kind == kindThreeGen {
		sp := &hh.m[next]
		sp.female = !head.female
		if sp.female {
			sp.rel, husband, wife = "vợ", 0, next
			sp.year = head.year + r.between(-3, 8)
		} else {
			sp.rel, husband, wife = "chồng", next, 0
			sp.year = head.year - r.between(-3, 8)
		}
		sp.year = min(sp.year, dataYear-20)
		sp.family = s.familyName(&r)
		head.spouse, sp.spouse = next, 0
		head.marital, sp.marital = "married", "married"
		next++
	}
	switch sh.kind {
	case kindSingle:
		head.marital = singleStatus(&r, headAge)
	case kindSingleParent:
		head.marital = "divorced"
		if r.percent(40) {
			head.marital = "widowed"
		}
	}

	// Children: born to the mother between 19 and 40, never after the data date.
	if sh.kids > 0 {
		mother, father := -1, -1
		switch {
		case wife >= 0:
			mother, father = wife, husband
		case head.female:
			mother = 0
		default:
			father = 0
		}
		parentYear := head.year
		if mother >= 0 {
			parentYear = hh.m[mother].year
		}
		kidFamily := head.family
		switch {
		case father >= 0:
			kidFamily = hh.m[father].family
		case mother >= 0:
			kidFamily = s.familyName(&r) // the absent father's
		}
		year := parentYear + r.between(19, max(19, min(30, dataYear-parentYear-1)))
		for k := 0; k < int(sh.kids); k++ {
			c := &hh.m[next]
			c.rel, c.marital, c.family = "con", "single", kidFamily
			c.female = r.percent(49)
			c.year = min(year, dataYear)
			c.father, c.mother = father, mother
			year += r.between(1, 6)
			next++
		}
	}

	// The head's parents.
	if sh.elders > 0 {
		fatherYear := head.year - r.between(24, 35)
		motherYear := fatherYear + r.between(0, 6)
		both := sh.elders == 2
		withFather := both || r.percent(45)
		if withFather {
			f := &hh.m[next]
			f.rel, f.year, f.family = "bố", fatherYear, head.family
			f.marital = "widowed"
			head.father = next
			next++
		}
		if both || !withFather {
			m := &hh.m[next]
			m.rel, m.year, m.female = "mẹ", motherYear, true
			m.family = s.familyName(&r)
			m.marital = "widowed"
			head.mother = next // the last member: next is not needed any more
		}
		if both {
			f, m := &hh.m[head.father], &hh.m[head.mother]
			f.marital, m.marital = "married", "married"
			f.spouse, m.spouse = head.mother, head.father
		}
	}

	// Names, birth days and places, in member order.
	for k := 0; k < int(sh.size); k++ {
		m := &hh.m[k]
		names := v.names(m.female)
		traditional := 70
		if m.year >= 1990 {
			traditional = 22
		}
		if r.percent(traditional) {
			m.middle = names.TraditionalMiddle
		} else {
			m.middle = names.Middle[r.intn(len(names.Middle))]
		}
		m.given = names.Given[r.intn(len(names.Given))]
		if m.given == m.middle {
			m.given = names.Given[(r.intn(len(names.Given)-1)+1+indexOf(names.Given, m.given))%len(names.Given)]
		}
		days := daysIn(m.year)
		if m.year == dataYear {
			days = asOfDate().YearDay()
		}
		m.doy = r.intn(days)
		stay := 80
		if m.rel == "con" {
			stay = 92
		}
		if r.percent(stay) {
			m.birthProv = hh.prov
		} else {
			m.birthProv = r.weighted(u.cumWeight)
		}
		m.birthCommune = r.intn(len(u.provinces[m.birthProv].Communes))
		if m.age() >= 18 && (m.rel == "con" && r.percent(35) || r.percent(2)) {
			m.temp = true
			m.tempProv = u.byCode[[]string{"01", "79", "48", "31", "92"}[r.intn(5)]]
			m.tempCommune = r.intn(len(u.provinces[m.tempProv].Communes))
			m.tempRoom, m.tempHouse, m.tempStreet = r.between(101, 812), r.between(1, 200), r.intn(len(v.Streets))
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}

func singleStatus(r *rng, age int) string {
	switch {
	case age < 30:
		return "single"
	case age < 60:
		return []string{"single", "single", "divorced", "divorced", "widowed"}[r.intn(5)]
	default:
		return []string{"widowed", "widowed", "widowed", "single", "divorced"}[r.intn(5)]
	}
}

func (s *synth) familyName(r *rng) string {
	return s.vocab.FamilyNames[r.weighted(s.vocab.familyCum)].Name
}
