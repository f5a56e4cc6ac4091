package ndxp

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

//go:embed units.json
var unitsJSON []byte

// Province is a first-level administrative unit of the map in force since 1 July 2025:
// one of 6 centrally run cities or 28 provinces.
type Province struct {
	Code      string    `json:"code"`       // 2 digits, e.g. "01"
	Name      string    `json:"name"`       // e.g. "Thành phố Hà Nội"
	ShortName string    `json:"short_name"` // e.g. "Hà Nội"
	Kind      string    `json:"kind"`       // "city" or "province"
	Communes  []Commune `json:"communes"`   // a sample of its communes, wards and special zones
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
		panic(fmt.Sprintf("ndxp: embedded units.json: %v", err)) // validated by the tests
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
	var f struct {
		Comment   string     `json:"_comment"`
		Provinces []province `json:"provinces"`
	}
	dec := json.NewDecoder(bytes.NewReader(unitsJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse units: %w", err)
	}
	u := &units{
		provinces: f.Provinces,
		byCode:    make(map[string]int, len(f.Provinces)),
		communes:  make(map[string]communeAt),
	}
	total := 0
	for i, p := range f.Provinces {
		if !isDigits(p.Code, 2) || p.Name == "" || p.ShortName == "" || (p.Kind != "city" && p.Kind != "province") {
			return nil, fmt.Errorf("province %d (%s): want a 2-digit code, names and kind city|province", i, p.Code)
		}
		if _, dup := u.byCode[p.Code]; dup {
			return nil, fmt.Errorf("province %s: duplicate code", p.Code)
		}
		if len(p.Communes) == 0 || len(p.Communes) > 255 || p.Weight <= 0 {
			return nil, fmt.Errorf("province %s: want 1-255 communes and a positive weight", p.Code)
		}
		if p.MinorityPercent < 0 || p.MinorityPercent > 100 || (p.MinorityPercent > 0 && len(p.Minorities) == 0) {
			return nil, fmt.Errorf("province %s: minority_percent without minorities", p.Code)
		}
		u.byCode[p.Code] = i
		code, _ := strconv.Atoi(p.Code)
		u.provinceCode = append(u.provinceCode, code)
		for j, c := range p.Communes {
			if !isDigits(c.Code, 5) || communeKind(c.Name) == "" {
				return nil, fmt.Errorf("commune %s (%s): want a 5-digit code and a name starting with Phường, Xã or Đặc khu", c.Code, c.Name)
			}
			if _, dup := u.communes[c.Code]; dup {
				return nil, fmt.Errorf("commune %s: duplicate code", c.Code)
			}
			u.communes[c.Code] = communeAt{i, j}
		}
		total += p.Weight
		u.cumWeight = append(u.cumWeight, total)
	}
	if len(u.provinces) > 255 {
		return nil, fmt.Errorf("%d provinces: at most 255", len(u.provinces))
	}
	return u, nil
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
