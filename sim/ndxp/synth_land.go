package ndxp

import (
	"fmt"
	"time"
)

// landOwnershipPercent is the share of households, by kind, whose head holds land.
func landOwnershipPercent(kind uint8) int {
	switch kind {
	case kindSingle:
		return 30
	case kindCouple:
		return 60
	case kindSingleParent:
		return 45
	default:
		return 70
	}
}

// parcels returns the parcels that member j of the household holds: the head holds the
// household's land, often together with the spouse; nobody else holds any.
func (s *synth) parcels(hh *household, j int) []Parcel {
	out := []Parcel{}
	r := newRNG(s.seed, streamLand, uint64(hh.h))
	if !r.percent(landOwnershipPercent(hh.shape.kind)) {
		return out
	}
	count := 1 + r.weighted([]int{75, 95, 100})
	spouse := hh.m[0].spouse
	coOwned := spouse >= 0 && spouse < hh.n && r.percent(70)
	if j != 0 && (!coOwned || j != spouse) {
		return out
	}
	owners := []CoOwner{{PersonalID: formatPID(s.ids[hh.start]), FullName: hh.m[0].fullName(), SharePercent: 100}}
	if coOwned {
		owners[0].SharePercent = 50
		owners = append(owners, CoOwner{PersonalID: formatPID(s.ids[hh.start+spouse]), FullName: hh.m[spouse].fullName(), SharePercent: 50})
	}
	coOwners := []CoOwner{}
	for _, o := range owners {
		if o.PersonalID != formatPID(s.ids[hh.start+j]) {
			coOwners = append(coOwners, o)
		}
	}
	for k := 0; k < count; k++ {
		p := s.parcel(&r, hh, k)
		p.CoOwners = coOwners
		out = append(out, p)
	}
	return out
}

// parcel derives the household's k-th parcel; the first is the home.
func (s *synth) parcel(r *rng, hh *household, k int) Parcel {
	u, v := s.units, s.vocab
	prov := &u.provinces[hh.prov]
	sheet, number := r.between(1, 85), r.between(1, 1200)
	commune := hh.commune
	if k > 0 {
		commune = r.intn(len(prov.Communes))
	}
	communeName := prov.Communes[commune].Name
	urban := communeKind(communeName) == "Phường"
	tail := ", " + communeName + ", " + prov.Name

	var uses []LandUse
	var address string
	residential := true
	switch {
	case k == 0 && urban:
		uses = []LandUse{landUse("ODT", r.between(300, 1800))}
		address = hh.address(u, v) + tail
	case k == 0:
		uses = []LandUse{landUse("ONT", r.between(800, 4500))}
		if r.percent(30) {
			uses = append(uses, landUse("CLN", r.between(1000, 15000)))
		}
		address = hh.address(u, v) + tail
	case urban && r.percent(50):
		uses = []LandUse{landUse("ODT", r.between(400, 2500))}
		address = fmt.Sprintf("Số %d đường %s", r.between(1, 300), v.Streets[r.intn(len(v.Streets))]) + tail
	default:
		residential = false
		code := []string{"LUC", "BHK", "CLN", "NTS", "RSX"}[r.weighted([]int{40, 60, 85, 95, 100})]
		lo, hi := agriculturalArea(code)
		uses = []LandUse{landUse(code, r.between(lo, hi))}
		address = fmt.Sprintf("Thửa đất số %d, tờ bản đồ số %d", number, sheet) + tail
	}
	var area float64
	for _, lu := range uses {
		area += lu.AreaM2
	}

	lat, lon := communePoint(prov, prov.Communes[commune].Code)
	lat += (r.float() - 0.5) * 0.016
	lon += (r.float() - 0.5) * 0.016

	head := &hh.m[0]
	from := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	if adult := head.birthDate().AddDate(18, 0, 0); adult.After(from) {
		from = adult
	}
	issued := from.AddDate(0, 0, r.intn(int(asOfDate().Sub(from).Hours()/24)+1))
	department := "Sở Tài nguyên và Môi trường "
	if !issued.Before(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)) {
		department = "Sở Nông nghiệp và Môi trường "
	}
	term := "Lâu dài"
	if !residential {
		term = "Đến " + dateString(issued.AddDate(50, 0, 0))
	}
	p := Parcel{
		RecordID:     fmt.Sprintf("LAND-%s-%07d", prov.Code, 1_000_000+3*hh.h+k),
		MapSheet:     fmt.Sprint(sheet),
		ParcelNumber: fmt.Sprint(number),
		ProvinceCode: prov.Code,
		ProvinceName: prov.Name,
		CommuneCode:  prov.Communes[commune].Code,
		CommuneName:  communeName,
		GeohashID:    geohash(lat, lon, 12),
		Address:      address,
		AreaM2:       area,
		LandUse:      uses,
		Term:         term,
		Certificate: Certificate{
			Serial:   fmt.Sprintf("%s %06d", v.CertificateSeries[r.intn(len(v.CertificateSeries))], r.intn(million)),
			IssuedOn: dateString(issued),
			Issuer:   department + prov.ShortName,
		},
		Mortgages:           []Mortgage{},
		PendingTransactions: []PendingTransaction{},
	}
	if r.percent(15) {
		days := int(asOfDate().Sub(issued).Hours() / 24)
		p.Mortgages = append(p.Mortgages, Mortgage{
			Lender:       v.Lenders[r.intn(len(v.Lenders))],
			RegisteredOn: dateString(issued.AddDate(0, 0, r.intn(days+1))),
			AmountVND:    int64(r.between(4, 100)) * 50_000_000,
		})
	}
	if r.percent(3) {
		p.PendingTransactions = append(p.PendingTransactions, PendingTransaction{
			Kind:      []string{"transfer", "gift", "inheritance"}[r.weighted([]int{60, 80, 100})],
			FiledOn:   dateString(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.intn(92))),
			Reference: fmt.Sprintf("VPDK-%s-2026-%06d", prov.Code, r.intn(million)),
		})
	}
	return p
}

// agriculturalArea is the range of a parcel's area in tenths of m², by land use.
func agriculturalArea(code string) (lo, hi int) {
	switch code {
	case "LUC":
		return 3600, 36000
	case "BHK":
		return 2000, 25000
	case "CLN":
		return 3000, 50000
	case "NTS":
		return 5000, 80000
	default: // RSX
		return 50000, 300000
	}
}

func landUse(code string, tenths int) LandUse {
	return LandUse{Code: code, Name: landUseName(code), AreaM2: float64(tenths) / 10}
}

// communePoint places a commune near its province's reference point: a fixed offset of
// up to about 5 km, the same for every seed.
func communePoint(p *province, communeCode string) (lat, lon float64) {
	var code uint64
	for i := 0; i < len(communeCode); i++ {
		code = code*10 + uint64(communeCode[i]-'0')
	}
	dLat := float64(mix64(code)>>11)/(1<<53) - 0.5
	dLon := float64(mix64(code^0x5bd1e995)>>11)/(1<<53) - 0.5
	return p.Lat + dLat*0.09, p.Lon + dLon*0.09
}
