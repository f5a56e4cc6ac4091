package catalogue

import (
	"fmt"
	"strings"

	"github.com/motlan/portal/services/adminunits"
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

// Provinces returns the administrative map (services/adminunits), parsed afresh on every call;
// hold a *Units for repeated lookups.
func Provinces() []Province {
	return NewUnits().Provinces()
}

// Units is the administrative map with lookups by code, built from services/adminunits with
// the English names the portal shows. It is read-only once built.
type Units struct {
	provinces []Province
	province  map[string]int    // province code → index
	commune   map[string][2]int // commune code → province index, commune index
}

// NewUnits builds the map from services/adminunits. The list is checked by that package's
// tests, so a failure is a build defect and panics.
func NewUnits() *Units {
	m, err := adminunits.Load()
	if err != nil {
		panic(fmt.Sprintf("catalogue: administrative map: %v", err))
	}
	return unitsOf(m)
}

func unitsOf(m *adminunits.Map) *Units {
	ps := m.Provinces()
	u := &Units{provinces: make([]Province, len(ps)), province: make(map[string]int, len(ps)), commune: map[string][2]int{}}
	for i, p := range ps {
		pr := Province{Code: p.Code, NameVI: p.Name, NameEN: provinceNameEN(p.Name), Kind: p.Kind,
			Communes: make([]Commune, len(p.Communes))}
		for j, c := range p.Communes {
			pr.Communes[j] = Commune{Code: c.Code, Name: c.Name}
			u.commune[c.Code] = [2]int{i, j}
		}
		u.provinces[i], u.province[p.Code] = pr, i
	}
	return u
}

// provinceNameEN renders a province's name in English word order: "Thành phố Hà Nội" → "Hà Nội
// City", "Tỉnh Cao Bằng" → "Cao Bằng Province".
func provinceNameEN(name string) string {
	if _, en, rest, ok := splitUnit(name); ok {
		return rest + " " + en
	}
	return name
}

// Provinces returns the map, provinces in code order, each with its communes. The commune
// slices are the map's own, shared by every caller, and must not be modified: copying the
// 3,321 communes on each call (every form step asks) cost more than rendering the page.
// Province and Communes return copies.
func (u *Units) Provinces() []Province {
	out := make([]Province, len(u.provinces))
	for i, p := range u.provinces {
		out[i] = p
		out[i].Communes = p.Communes[:len(p.Communes):len(p.Communes)] // an append copies
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

// Communes returns the communes of a province in the map's order; nil for an unknown code.
func (u *Units) Communes(provinceCode string) []Commune {
	i, ok := u.province[provinceCode]
	if !ok {
		return nil
	}
	return append([]Commune(nil), u.provinces[i].Communes...)
}

// Commune returns the commune with that code and the code of its province.
func (u *Units) Commune(code string) (Commune, string, bool) {
	at, ok := u.commune[code]
	if !ok {
		return Commune{}, "", false
	}
	p := &u.provinces[at[0]]
	return p.Communes[at[1]], p.Code, true
}

// Names returns the Vietnamese names of a province and of a commune for an address ("" for an
// unknown code). The commune is named only when it lies in that province.
func (u *Units) Names(provinceCode, communeCode string) (province, commune string) {
	i, ok := u.province[provinceCode]
	if !ok {
		return "", ""
	}
	p := &u.provinces[i]
	if at, ok := u.commune[communeCode]; ok && at[0] == i {
		commune = p.Communes[at[1]].Name
	}
	return p.NameVI, commune
}

// CommuneInProvince reports whether the commune belongs to the province; it fits
// forms.Rules.CommuneInProvince.
func (u *Units) CommuneInProvince(province, commune string) bool {
	_, p, ok := u.Commune(commune)
	return ok && p == province
}

// ProvinceExists reports whether code is one of the 34 provinces; it fits
// forms.Rules.ProvinceExists.
func (u *Units) ProvinceExists(code string) bool {
	_, ok := u.province[code]
	return ok
}

// Resolve places an address recorded with unit codes on the map in force, for addresses the
// national databases recorded before 1 July 2025 (with a district, and a province since merged):
//
//   - exact: the pair is on the map; its codes are returned as they are.
//   - the commune code is on the map under another province (the new unit kept the code of one
//     of the communes it merged, and the old province was merged away or the code was recorded
//     without its province): the commune's codes on the map, with exact false. The citizen
//     should confirm it.
//   - otherwise (a code that no longer exists, or none): "", "", false.
//
// It returns codes, not names.
func (u *Units) Resolve(provinceCode, communeCode string) (province, commune string, exact bool) {
	_, p, ok := u.Commune(communeCode)
	if !ok {
		return "", "", false
	}
	return p, communeCode, p == provinceCode
}
