package catalogue

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Province is a first-level administrative unit of the map in force since 1 July 2025: one of
// 6 centrally run cities or 28 provinces.
type Province struct {
	Code     string // 2 digits, e.g. "01"
	NameVI   string // e.g. "Thành phố Hà Nội"
	NameEN   string // e.g. "Hà Nội City"
	Kind     string // "city" or "province"
	Communes []Commune
}

// Commune is a second-level unit: a commune (xã), ward (phường) or special zone (đặc khu).
// Districts no longer exist.
type Commune struct {
	Code string // 5 digits
	Name string // e.g. "Phường Hoàn Kiếm"
}

// NameEN renders a commune's name in English word order: "Phường Hoàn Kiếm" → "Hoàn Kiếm Ward".
func (c Commune) NameEN() string {
	if _, en, rest, ok := splitUnit(c.Name); ok {
		return rest + " " + en
	}
	return c.Name
}

// splitUnit cuts the kind of unit that opens a unit's Vietnamese name from the rest:
// "Phường Hoàn Kiếm" → "Phường", "Ward", "Hoàn Kiếm".
func splitUnit(name string) (vi, en, rest string, ok bool) {
	for _, u := range [...][2]string{
		{"Thành phố", "City"}, {"Tỉnh", "Province"}, {"Phường", "Ward"}, {"Xã", "Commune"}, {"Đặc khu", "Special Zone"},
	} {
		if rest, ok := strings.CutPrefix(name, u[0]+" "); ok {
			return u[0], u[1], rest, true
		}
	}
	return "", "", name, false
}

// inSentence writes a unit's name as it reads inside a phrase, with the kind of unit in lower
// case: "Ủy ban nhân dân " + "Phường Hoàn Kiếm" → "Ủy ban nhân dân phường Hoàn Kiếm".
func inSentence(name string) string {
	if vi, _, rest, ok := splitUnit(name); ok {
		return strings.ToLower(vi) + " " + rest
	}
	return name
}

// Provinces returns the administrative map from the embedded data, parsed afresh on every call;
// hold a *Units for repeated lookups.
func Provinces() []Province {
	return NewUnits().Provinces()
}

// Units is the parsed administrative map with lookups by code. It is read-only once built.
type Units struct {
	provinces []Province
	province  map[string]int    // province code → index
	commune   map[string][2]int // commune code → province index, commune index
}

// NewUnits parses the embedded map. The data is checked by the package tests, so a parse
// failure is a build defect and panics.
func NewUnits() *Units {
	u, err := parseUnits(unitsJSON)
	if err != nil {
		panic(fmt.Sprintf("catalogue: embedded units.json: %v", err))
	}
	return u
}

func parseUnits(b []byte) (*Units, error) {
	var f struct {
		Comment   string `json:"_comment"`
		Provinces []struct {
			Code     string `json:"code"`
			NameVI   string `json:"name_vi"`
			NameEN   string `json:"name_en"`
			Kind     string `json:"kind"`
			Communes []struct {
				Code string `json:"code"`
				Name string `json:"name"`
			} `json:"communes"`
		} `json:"provinces"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	u := &Units{province: map[string]int{}, commune: map[string][2]int{}}
	for i, p := range f.Provinces {
		if !digits(p.Code, 2) || p.NameVI == "" || p.NameEN == "" || (p.Kind != "city" && p.Kind != "province") {
			return nil, fmt.Errorf("province %q: bad code, name or kind", p.Code)
		}
		if _, dup := u.province[p.Code]; dup {
			return nil, fmt.Errorf("province %s twice", p.Code)
		}
		u.province[p.Code] = i
		pr := Province{Code: p.Code, NameVI: p.NameVI, NameEN: p.NameEN, Kind: p.Kind}
		for j, c := range p.Communes {
			if !digits(c.Code, 5) || c.Name == "" {
				return nil, fmt.Errorf("province %s: commune %q: bad code or name", p.Code, c.Code)
			}
			if _, dup := u.commune[c.Code]; dup {
				return nil, fmt.Errorf("commune %s twice", c.Code)
			}
			u.commune[c.Code] = [2]int{i, j}
			pr.Communes = append(pr.Communes, Commune{Code: c.Code, Name: c.Name})
		}
		u.provinces = append(u.provinces, pr)
	}
	return u, nil
}

// Provinces returns a copy of the map, provinces in code order as the data lists them.
func (u *Units) Provinces() []Province {
	out := make([]Province, len(u.provinces))
	for i, p := range u.provinces {
		out[i] = p
		out[i].Communes = append([]Commune(nil), p.Communes...)
	}
	return out
}

// Province returns the province with that code.
func (u *Units) Province(code string) (Province, bool) {
	i, ok := u.province[code]
	if !ok {
		return Province{}, false
	}
	p := u.provinces[i]
	p.Communes = append([]Commune(nil), p.Communes...)
	return p, true
}

// Commune returns the commune with that code and the code of its province.
func (u *Units) Commune(code string) (Commune, string, bool) {
	at, ok := u.commune[code]
	if !ok {
		return Commune{}, "", false
	}
	p := u.provinces[at[0]]
	return p.Communes[at[1]], p.Code, true
}

// CommuneInProvince reports whether the commune belongs to the province; it fits
// forms.Rules.CommuneInProvince.
func (u *Units) CommuneInProvince(province, commune string) bool {
	_, p, ok := u.Commune(commune)
	return ok && p == province
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
