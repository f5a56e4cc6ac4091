package ndxp

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/motlan/portal/services/adminunits"
)

// units.json holds what the generator needs about each province beyond the map itself; the
// provinces and their communes come from services/adminunits, the portal's map.
//
//go:embed units.json
var unitsJSON []byte

// Province is a first-level administrative unit of the map in force since 1 July 2025:
// one of 6 centrally run cities or 28 provinces.
type Province struct {
	Code      string    `json:"code"`       // 2 digits, e.g. "01"
	Name      string    `json:"name"`       // e.g. "Thành phố Hà Nội"
	ShortName string    `json:"short_name"` // e.g. "Hà Nội"
	Kind      string    `json:"-"`          // "city" or "province"
	Communes  []Commune `json:"-"`          // every commune, ward and special zone (services/adminunits)
}

// Commune is a second-level unit: a commune (xã), ward (phường) or special zone (đặc khu).
type Commune struct {
	Code string `json:"code"` // 5 digits
	Name string `json:"name"` // e.g. "Phường Hoàn Kiếm"
}

// Provinces returns the administrative map the simulator uses, as a fresh copy.
func Provinces() []Province {
	u, err := loadUnits()
	if err != nil {
		panic(fmt.Sprintf("ndxp: embedded units: %v", err)) // validated by the tests
	}
	out := make([]Province, len(u.provinces))
	for i, p := range u.provinces {
		out[i] = p.Province
		out[i].Communes = append([]Commune(nil), p.Communes...)
	}
	return out
}

// province is a Province with what the generator needs to place people in it.
type province struct {
	Province
	Lat             float64  `json:"lat"`
	Lon             float64  `json:"lon"`
	Weight          int      `json:"weight"`
	MinorityPercent int      `json:"minority_percent"`
	Minorities      []string `json:"minorities"`
	// Former are the provinces before 1 July 2025 whose territory it took, for old-style
	// addresses: each with the first commune code of its range on today's map (the Statistics
	// Office numbered communes province by province). Empty: the province kept its code, name
	// and territory.
	Former []formerProvince `json:"former"`
}

// formerProvince is a province of the 63-province map (before 1 July 2025).
type formerProvince struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	First string `json:"first"` // the lowest commune code of its range on today's map
}

type units struct {
	provinces    []province
	byCode       map[string]int // province code → index
	communes     map[string]communeAt
	cumWeight    []int // cumulative province weights, for drawing a province
	provinceCode []int // provinces' codes as numbers
}

type communeAt struct{ province, commune int }

func loadUnits() (*units, error) {
	m, err := adminunits.Load()
	if err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	return parseUnits(m, unitsJSON)
}

func parseUnits(m *adminunits.Map, data []byte) (*units, error) {
	var f struct {
		Comment   string     `json:"_comment"`
		Provinces []province `json:"provinces"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse units: %w", err)
	}
	if n, _ := m.Len(); len(f.Provinces) != n {
		return nil, fmt.Errorf("%d provinces, the map has %d", len(f.Provinces), n)
	}
	u := &units{
		provinces: f.Provinces,
		byCode:    make(map[string]int, len(f.Provinces)),
		communes:  make(map[string]communeAt),
	}
	total := 0
	formers := map[string]bool{}
	for i := range u.provinces {
		p := &u.provinces[i]
		mp, ok := m.Province(p.Code)
		if !ok || mp.Name != p.Name || p.ShortName == "" {
			return nil, fmt.Errorf("province %d (%s %s): want a province of the map, its name and a short name", i, p.Code, p.Name)
		}
		if _, dup := u.byCode[p.Code]; dup {
			return nil, fmt.Errorf("province %s: duplicate code", p.Code)
		}
		if p.Weight <= 0 {
			return nil, fmt.Errorf("province %s: want a positive weight", p.Code)
		}
		if p.MinorityPercent < 0 || p.MinorityPercent > 100 || (p.MinorityPercent > 0 && len(p.Minorities) == 0) {
			return nil, fmt.Errorf("province %s: minority_percent without minorities", p.Code)
		}
		if err := checkFormer(p); err != nil {
			return nil, fmt.Errorf("province %s: %w", p.Code, err)
		}
		for _, fp := range p.Former {
			if formers[fp.Code] {
				return nil, fmt.Errorf("former province %s twice", fp.Code)
			}
			formers[fp.Code] = true
		}
		p.Kind = mp.Kind
		p.Communes = make([]Commune, len(mp.Communes))
		for j, c := range mp.Communes {
			p.Communes[j] = Commune{Code: c.Code, Name: c.Name}
			u.communes[c.Code] = communeAt{i, j}
		}
		u.byCode[p.Code] = i
		code, _ := strconv.Atoi(p.Code)
		u.provinceCode = append(u.provinceCode, code)
		total += p.Weight
		u.cumWeight = append(u.cumWeight, total)
	}
	return u, nil
}

// checkFormer checks a province's former provinces: in code order, their ranges ascending,
// the first starting at the province's lowest commune code.
func checkFormer(p *province) error {
	if len(p.Former) == 0 {
		return nil
	}
	for k, fp := range p.Former {
		if !isDigits(fp.Code, 2) || !isDigits(fp.First, 5) || (!strings.HasPrefix(fp.Name, "Tỉnh ") && !strings.HasPrefix(fp.Name, "Thành phố ")) {
			return fmt.Errorf("former province %q %q %q: want a code, a name and a first commune code", fp.Code, fp.Name, fp.First)
		}
		if k > 0 && (fp.Code <= p.Former[k-1].Code || fp.First <= p.Former[k-1].First) {
			return fmt.Errorf("former provinces out of order at %s", fp.Code)
		}
	}
	return nil
}

// formerOf returns the province before 1 July 2025 that commune c of province p was in: the
// former province whose range holds its code, or p itself when p kept its territory.
func (u *units) formerOf(p, c int) formerProvince {
	return u.formerOfCode(p, u.provinces[p].Communes[c].Code)
}

// formerOfCode is formerOf for any commune code in province p's ranges.
func (u *units) formerOfCode(p int, code string) formerProvince {
	prov := &u.provinces[p]
	if len(prov.Former) == 0 {
		return formerProvince{Code: prov.Code, Name: prov.Name}
	}
	k := sort.Search(len(prov.Former), func(k int) bool { return prov.Former[k].First > code }) - 1
	return prov.Former[max(k, 0)]
}

// place resolves province and commune codes to a Place.
func (u *units) place(provinceCode, communeCode, addressLine string) (Place, error) {
	at, ok := u.communes[communeCode]
	if !ok || u.provinces[at.province].Code != provinceCode {
		return Place{}, fmt.Errorf("no commune %s in province %s", communeCode, provinceCode)
	}
	return u.placeAt(at.province, at.commune, addressLine), nil
}

func (u *units) placeAt(p, c int, addressLine string) Place {
	prov := &u.provinces[p]
	return Place{
		ProvinceCode: prov.Code,
		ProvinceName: prov.Name,
		CommuneCode:  prov.Communes[c].Code,
		CommuneName:  prov.Communes[c].Name,
		AddressLine:  addressLine,
	}
}

// communeKind is the kind word a commune's name starts with.
func communeKind(name string) string {
	for _, k := range []string{"Phường", "Xã", "Đặc khu"} {
		if strings.HasPrefix(name, k+" ") {
			return k
		}
	}
	return ""
}

// communeShort is a commune's name without its kind word: "Hoàn Kiếm".
func communeShort(name string) string {
	return strings.TrimPrefix(name, communeKind(name)+" ")
}

// communeInProse is a commune's name as written inside a sentence: "phường Hoàn Kiếm".
func communeInProse(name string) string {
	k := communeKind(name)
	return strings.ToLower(k) + " " + communeShort(name)
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
