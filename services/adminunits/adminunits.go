// Package adminunits is Vietnam's administrative map in force since 1 July 2025: 34 provinces
// and centrally run cities, and their 3,321 communes, wards and special zones, with the codes of
// the General Statistics Office. It is the one source of the map for the portal
// (services/catalogue: address fields, agencies, routing) and for the registry simulator
// (sim/ndxp: where synthetic citizens live).
//
// admin-units-2025.csv is a verbatim copy of the project's reference list (shared data
// admin-units-2025.csv, see its README): compiled from the public dataset
// sunshine-tech/VietnamProvinces (data/nested-divisions.json, release 2026.2.3), which takes the
// names and codes from the Statistics Office's lists. Replace the file with a newer copy when
// units change; the package tests check its shape.
package adminunits

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed admin-units-2025.csv
var unitsCSV []byte

// Kinds of province.
const (
	KindCity     = "city"     // thành phố trực thuộc trung ương
	KindProvince = "province" // tỉnh
)

// Kinds of commune-level unit.
const (
	KindCommune     = "commune"      // xã
	KindWard        = "ward"         // phường
	KindSpecialZone = "special_zone" // đặc khu
)

// Province is a first-level unit: one of 6 centrally run cities or 28 provinces.
type Province struct {
	Code     string // 2 digits, e.g. "01"
	Name     string // e.g. "Thành phố Hà Nội"
	Kind     string // KindCity or KindProvince
	Communes []Commune
}

// Commune is a second-level unit: a commune (xã), ward (phường) or special zone (đặc khu).
// Districts no longer exist.
type Commune struct {
	Code         string // 5 digits, e.g. "00070"
	Name         string // e.g. "Phường Hoàn Kiếm"
	Kind         string // KindCommune, KindWard or KindSpecialZone
	ProvinceCode string
}

// Map is the parsed map with lookups by code. It is read-only once built: every method returns
// copies, so callers may keep or change what they get.
type Map struct {
	provinces []Province
	province  map[string]int    // province code → index
	commune   map[string][2]int // commune code → province index, commune index
	communes  int
}

// Load parses the embedded list. Parsing takes about a millisecond; hold the *Map for repeated
// lookups.
func Load() (*Map, error) { return Parse(bytes.NewReader(unitsCSV)) }

// MustLoad is Load for callers that cannot go on without the map. The package tests check the
// embedded list, so a failure is a build defect.
func MustLoad() *Map {
	m, err := Load()
	if err != nil {
		panic(fmt.Sprintf("adminunits: %v", err))
	}
	return m
}

var provinceKinds = map[string]struct{ kind, prefix string }{
	"thành phố trung ương": {KindCity, "Thành phố "},
	"tỉnh":                 {KindProvince, "Tỉnh "},
}

var communeKinds = map[string]struct{ kind, prefix string }{
	"xã":      {KindCommune, "Xã "},
	"phường":  {KindWard, "Phường "},
	"đặc khu": {KindSpecialZone, "Đặc khu "},
}

// Parse reads a list in the columns of admin-units-2025.csv, provinces' rows together. A
// commune's name must open with its kind ("Phường Hoàn Kiếm"); a kind word in lower case ("xã
// Bắc Sơn", one row of the 2026.2.3 list) is capitalised.
func Parse(r io.Reader) (*Map, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 6
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	want := []string{"province_code", "province_name", "province_type", "commune_code", "commune_name", "commune_type"}
	for i, h := range want {
		if strings.TrimPrefix(header[i], "\ufeff") != h {
			return nil, fmt.Errorf("header: column %d is %q, want %q", i+1, header[i], h)
		}
	}
	m := &Map{province: map[string]int{}, commune: map[string][2]int{}}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		pCode, pName, pType, cCode, cName, cType := rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]
		pk, ok := provinceKinds[pType]
		if !digits(pCode, 2) || !ok || !strings.HasPrefix(pName, pk.prefix) {
			return nil, fmt.Errorf("line %d: province %q %q %q: want 2 digits and a name that opens with its type", line, pCode, pName, pType)
		}
		ck, ok := communeKinds[cType]
		cName = capitalFirst(cName)
		if !digits(cCode, 5) || !ok || !strings.HasPrefix(cName, ck.prefix) || len(cName) == len(ck.prefix) {
			return nil, fmt.Errorf("line %d: commune %q %q %q: want 5 digits and a name that opens with its type", line, cCode, cName, cType)
		}
		pi, seen := m.province[pCode]
		switch {
		case !seen:
			pi = len(m.provinces)
			m.province[pCode] = pi
			m.provinces = append(m.provinces, Province{Code: pCode, Name: pName, Kind: pk.kind})
		case pi != len(m.provinces)-1:
			return nil, fmt.Errorf("line %d: province %s's rows are not together", line, pCode)
		case m.provinces[pi].Name != pName || m.provinces[pi].Kind != pk.kind:
			return nil, fmt.Errorf("line %d: province %s named or typed differently", line, pCode)
		}
		if _, dup := m.commune[cCode]; dup {
			return nil, fmt.Errorf("line %d: commune %s twice", line, cCode)
		}
		p := &m.provinces[pi]
		m.commune[cCode] = [2]int{pi, len(p.Communes)}
		p.Communes = append(p.Communes, Commune{Code: cCode, Name: cName, Kind: ck.kind, ProvinceCode: pCode})
		m.communes++
	}
	if len(m.provinces) == 0 {
		return nil, fmt.Errorf("no units")
	}
	return m, nil
}

// Provinces returns the provinces in the list's order (by code), each with its communes.
func (m *Map) Provinces() []Province {
	out := make([]Province, len(m.provinces))
	for i := range m.provinces {
		out[i] = m.provinces[i].clone()
	}
	return out
}

// Province returns the province with that code and its communes.
func (m *Map) Province(code string) (Province, bool) {
	i, ok := m.province[code]
	if !ok {
		return Province{}, false
	}
	return m.provinces[i].clone(), true
}

// ProvinceName returns the name of the province with that code, without copying its communes.
func (m *Map) ProvinceName(code string) (string, bool) {
	i, ok := m.province[code]
	if !ok {
		return "", false
	}
	return m.provinces[i].Name, true
}

// Commune returns the commune with that code; its ProvinceCode names its province.
func (m *Map) Commune(code string) (Commune, bool) {
	at, ok := m.commune[code]
	if !ok {
		return Commune{}, false
	}
	return m.provinces[at[0]].Communes[at[1]], true
}

// Communes returns the communes of a province in the list's order; nil for an unknown code.
func (m *Map) Communes(provinceCode string) []Commune {
	i, ok := m.province[provinceCode]
	if !ok {
		return nil
	}
	return append([]Commune(nil), m.provinces[i].Communes...)
}

// Len returns the number of provinces and of communes.
func (m *Map) Len() (provinces, communes int) { return len(m.provinces), m.communes }

func (p Province) clone() Province {
	p.Communes = append([]Commune(nil), p.Communes...)
	return p
}

func capitalFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func digits(s string, n int) bool {
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
