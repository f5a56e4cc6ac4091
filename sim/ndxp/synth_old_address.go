package ndxp

import (
	"strconv"
	"strings"
)

// oldAddressPercent is the share of households whose permanent residence the population
// database still holds as it was recorded before 1 July 2025.
const oldAddressPercent = 5

// residence is the household's permanent residence as the population database holds it. About
// one household in twenty has not had its address updated since the 2025 reorganisation: the
// place is written on the old map, with its district, the province it was in then and, half
// the time, a commune code the merger retired (the other half, the code the new commune kept).
// Its own stream keeps every other fact of the household as it was.
func (s *synth) residence(hh *household) Place {
	u := s.units
	pl := u.placeAt(hh.prov, hh.commune, hh.address(u, s.vocab))
	r := newRNG(s.seed, streamOldAddress, uint64(hh.h))
	if !r.percent(oldAddressPercent) {
		return pl
	}
	old := u.formerOf(hh.prov, hh.commune)
	kind := communeKind(pl.CommuneName)
	pl.ProvinceCode, pl.ProvinceName = old.Code, old.Name
	pl.DistrictName = districtName(&r, kind, strings.HasPrefix(old.Name, "Thành phố "), pl.CommuneName)
	if kind == "Đặc khu" || r.percent(50) {
		return pl // the commune's code survived the merger
	}
	if code, ok := u.retiredCode(hh.prov, hh.commune); ok {
		pl.CommuneCode = code
		if kind == "Phường" {
			pl.CommuneName = "Phường " + s.vocab.Streets[r.intn(len(s.vocab.Streets))]
		} else {
			p := &u.provinces[hh.prov]
			pl.CommuneName = "Xã " + placeName(p.Communes[r.intn(len(p.Communes))].Name)
		}
	}
	return pl
}

// districtName names the district a commune was in before 2025, after the commune's own name,
// as many merged communes were named after their district: "Phường Hoàn Kiếm" → "Quận Hoàn
// Kiếm", "Xã Ba Vì" → "Huyện Ba Vì", a ward of a province → "Thành phố …" or "Thị xã …".
func districtName(r *rng, kind string, city bool, commune string) string {
	name := placeName(commune)
	switch {
	case kind == "Phường" && city:
		return "Quận " + name
	case kind == "Phường" && r.percent(50):
		return "Thành phố " + name
	case kind == "Phường":
		return "Thị xã " + name
	}
	return "Huyện " + name
}

// placeName is the place a commune's name is made from, without its kind word and without the
// numbers and town names that tell merged communes apart: "Phường Hà Giang 1" → "Hà Giang",
// "Phường 2 Bảo Lộc" → "Bảo Lộc", "Phường Lâm Viên - Đà Lạt" → "Đà Lạt".
func placeName(commune string) string {
	name := communeShort(commune)
	if _, after, ok := strings.Cut(name, " - "); ok {
		name = after
	}
	words := strings.Fields(name)
	if len(words) > 1 && isNumber(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) > 1 && isNumber(words[0]) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// retiredCode is a commune code near commune c's that is on no commune of today's map but in
// the range of the same former province: the code of one of the communes merged into c.
func (u *units) retiredCode(p, c int) (string, bool) {
	code, _ := strconv.Atoi(u.provinces[p].Communes[c].Code)
	old := u.formerOf(p, c).Code
	for step := 3; step <= 60; step += 3 {
		for _, n := range [2]int{code - step, code + step} {
			if n <= 0 || n > 99999 {
				continue
			}
			cand := strconv.Itoa(100000 + n)[1:]
			if _, taken := u.communes[cand]; !taken && u.formerOfCode(p, cand).Code == old {
				return cand, true
			}
		}
	}
	return "", false
}
