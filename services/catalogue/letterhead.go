package catalogue

import (
	"strings"
	"unicode"
)

// Letterhead is how an agency heads the documents it issues (Decree 30/2020/NĐ-CP, Appendix I):
// the name of the body that manages it above its own name, and the place name its documents
// are dated at ("Hoàn Kiếm, ngày 27 tháng 11 năm 2026").
type Letterhead struct {
	Superior string // "Công an thành phố Hà Nội"; "" for a People's Committee, which has none
	Name     string // "Công an phường Hoàn Kiếm"
	Locality string // "Hoàn Kiếm": the commune's name for a commune's agency, the province's otherwise
}

// Letterhead returns the letterhead of a: its superior by kind of agency, and the name of its
// commune (or province) without the kind of unit.
func (u *Units) Letterhead(a Agency) Letterhead {
	province, commune := u.Names(a.ProvinceCode, a.CommuneCode)
	l := Letterhead{Name: a.NameVI, Locality: Locality(province)}
	if a.Level == LevelCommune && commune != "" {
		l.Locality = Locality(commune)
	}
	if province == "" {
		return l
	}
	in := inSentence(province)
	switch a.Kind {
	case KindCommunePolice:
		l.Superior = "Công an " + in
	case KindLandOffice:
		l.Superior = "Sở Nông nghiệp và Môi trường " + in
	case KindSocialInsurance:
		l.Superior = "Bảo hiểm xã hội Việt Nam"
	case KindEmploymentCentre:
		l.Superior = "Sở Nội vụ " + in
	case KindHomeAffairs:
		l.Superior = "Ủy ban nhân dân " + in
	}
	return l
}

// Locality is the place name a document is dated at: a unit's name without its kind
// ("Phường Hoàn Kiếm" → "Hoàn Kiếm", "Thành phố Hà Nội" → "Hà Nội"), except for a unit named by
// a number, which keeps it ("Phường 2 Bảo Lộc"), as Decree 30/2020 asks.
func Locality(name string) string {
	_, _, rest, ok := splitUnit(name)
	if !ok {
		return name
	}
	if r := []rune(rest); len(r) > 0 && unicode.IsDigit(r[0]) {
		return name
	}
	return strings.TrimSpace(rest)
}
