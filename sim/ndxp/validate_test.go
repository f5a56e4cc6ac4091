package ndxp_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

// Checks of the records' invariants, shared by the demo and synthetic tests. They are
// written from the contract, independently of the generator.

var (
	reDate        = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reMonth       = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
	reSerial      = regexp.MustCompile(`^[A-Z]{2} \d{6}$`)
	reTerm        = regexp.MustCompile(`^(Lâu dài|Đến \d{4}-\d{2}-\d{2})$`)
	reHealthCard  = regexp.MustCompile(`^[A-Z]{2}[1-5]\d{2}\d{10}$`)
	reTaxCode     = regexp.MustCompile(`^\d{10}$`)
	landUseCodes  = map[string]bool{"ODT": true, "ONT": true, "LUC": true, "BHK": true, "CLN": true, "NTS": true, "RSX": true}
	relationships = map[string]bool{"chủ hộ": true, "vợ": true, "chồng": true, "con": true, "bố": true, "mẹ": true,
		"ông": true, "bà": true, "anh": true, "chị": true, "em": true, "cháu": true, "con dâu": true, "con rể": true, "khác": true}
	maritalStatuses = map[string]bool{"single": true, "married": true, "divorced": true, "widowed": true}
	dataDate        = "2026-10-31"
)

// requireConsistentID checks that a personal ID encodes the birth-registration province,
// the century and sex, and the birth year.
func requireConsistentID(t *testing.T, c *ndxp.Citizen) {
	t.Helper()
	pid := c.PersonalID
	require.Regexp(t, `^\d{12}$`, pid)
	require.Equal(t, "0"+c.BirthRegistrationPlace.ProvinceCode, pid[:3], "province of %s", pid)
	year, err := strconv.Atoi(c.BirthDate[:4])
	require.NoError(t, err)
	digit := (year/100 - 19) * 2
	if c.Sex == "female" {
		digit++
	}
	require.Equal(t, strconv.Itoa(digit), pid[3:4], "century/sex digit of %s (%s, %d)", pid, c.Sex, year)
	require.Equal(t, fmt.Sprintf("%02d", year%100), pid[4:6], "year digits of %s", pid)
}

func requirePlace(t *testing.T, units map[string]ndxp.Province, p ndxp.Place) {
	t.Helper()
	require.Empty(t, p.DistrictName, "only a permanent residence may be an old-style address")
	requireNewPlace(t, units, p)
}

func requireNewPlace(t *testing.T, units map[string]ndxp.Province, p ndxp.Place) {
	t.Helper()
	prov, ok := units[p.ProvinceCode]
	require.True(t, ok, "province %s", p.ProvinceCode)
	require.Equal(t, prov.Name, p.ProvinceName)
	found := false
	for _, c := range prov.Communes {
		if c.Code == p.CommuneCode {
			require.Equal(t, c.Name, p.CommuneName)
			found = true
		}
	}
	require.True(t, found, "commune %s in province %s", p.CommuneCode, p.ProvinceCode)
}

// requireResidence checks a permanent residence: on today's map, or (with a district) as it
// was recorded before 1 July 2025: a province code of the old map (63 provinces: 2 digits, odd
// ones included) and either a commune code today's map still has or one it no longer has.
func requireResidence(t *testing.T, units map[string]ndxp.Province, p ndxp.Place) {
	t.Helper()
	if p.DistrictName == "" {
		requireNewPlace(t, units, p)
		return
	}
	require.Regexp(t, `^(Quận|Huyện|Thị xã|Thành phố) \S`, p.DistrictName)
	require.Regexp(t, `^\d{2}$`, p.ProvinceCode)
	require.Regexp(t, `^(Tỉnh|Thành phố) \S`, p.ProvinceName)
	require.Regexp(t, `^\d{5}$`, p.CommuneCode)
	require.Regexp(t, `^(Phường|Xã|Đặc khu) \S`, p.CommuneName)
	if prov, ok := units[p.ProvinceCode]; ok && prov.Name == p.ProvinceName {
		for _, c := range prov.Communes {
			if c.Code == p.CommuneCode {
				require.Equal(t, c.Name, p.CommuneName, "a kept code keeps its commune's name")
			}
		}
	}
}

func provincesByCode() map[string]ndxp.Province {
	out := map[string]ndxp.Province{}
	for _, p := range ndxp.Provinces() {
		out[p.Code] = p
	}
	return out
}

func requireValidCitizen(t *testing.T, units map[string]ndxp.Province, c *ndxp.Citizen) {
	t.Helper()
	requireConsistentID(t, c)
	require.Equal(t, "POP-"+c.PersonalID, c.RecordID)
	require.GreaterOrEqual(t, len(strings.Fields(c.FullName)), 3, c.FullName)
	require.Regexp(t, reDate, c.BirthDate)
	require.LessOrEqual(t, c.BirthDate, dataDate)
	require.Contains(t, []string{"male", "female"}, c.Sex)
	require.NotEmpty(t, c.Ethnicity)
	require.Equal(t, "Việt Nam", c.Nationality)
	require.True(t, maritalStatuses[c.MaritalStatus], c.MaritalStatus)
	requirePlace(t, units, c.BirthRegistrationPlace)
	requireResidence(t, units, c.PermanentResidence)
	require.NotEmpty(t, c.PermanentResidence.AddressLine)
	if c.TemporaryResidence != nil {
		requirePlace(t, units, *c.TemporaryResidence)
	}
	require.False(t, c.UpdatedAt.IsZero())
	require.Equal(t, time.UTC, c.UpdatedAt.Location())

	h := c.Household
	require.Regexp(t, `^HK-\d{2}-\d{5}-\d{6,}$`, h.HouseholdID)
	members := map[string]ndxp.HouseholdMember{}
	heads := 0
	for _, m := range h.Members {
		require.True(t, relationships[m.Relationship], m.Relationship)
		if m.Relationship == "chủ hộ" {
			heads++
			require.Equal(t, h.HeadPersonalID, m.PersonalID)
			require.Equal(t, h.HeadName, m.FullName)
		}
		members[m.PersonalID] = m
	}
	require.Equal(t, 1, heads, "one head in %s", h.HouseholdID)
	self, ok := members[c.PersonalID]
	require.True(t, ok, "members include the person")
	require.Equal(t, c.FullName, self.FullName)
	require.Equal(t, c.BirthDate, self.BirthDate)
	require.Equal(t, c.Sex, self.Sex)

	for _, ref := range []struct {
		p        *ndxp.PersonRef
		sex      string
		minYears int
	}{{c.Father, "male", 16}, {c.Mother, "female", 16}} {
		if ref.p == nil {
			continue
		}
		m, ok := members[ref.p.PersonalID]
		if !ok {
			continue // a parent outside the household
		}
		require.Equal(t, ref.sex, m.Sex)
		require.Equal(t, m.FullName, ref.p.FullName)
		require.Less(t, m.BirthDate[:4], c.BirthDate[:4], "a parent is older")
		py, _ := strconv.Atoi(m.BirthDate[:4])
		cy, _ := strconv.Atoi(c.BirthDate[:4])
		require.GreaterOrEqual(t, cy-py, ref.minYears)
	}
	if c.Spouse != nil {
		require.Equal(t, "married", c.MaritalStatus)
		require.NotEqual(t, c.PersonalID, c.Spouse.PersonalID)
	}
}

// decodeGeohash returns the centre of a geohash cell.
func decodeGeohash(t *testing.T, gh string) (lat, lon float64) {
	t.Helper()
	const alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"
	latR, lonR := [2]float64{-90, 90}, [2]float64{-180, 180}
	even := true
	for _, ch := range gh {
		v := strings.IndexRune(alphabet, ch)
		require.GreaterOrEqual(t, v, 0, "geohash %q", gh)
		for bit := 4; bit >= 0; bit-- {
			r := &latR
			if even {
				r = &lonR
			}
			mid := (r[0] + r[1]) / 2
			if v>>bit&1 == 1 {
				r[0] = mid
			} else {
				r[1] = mid
			}
			even = !even
		}
	}
	return (latR[0] + latR[1]) / 2, (lonR[0] + lonR[1]) / 2
}

func requireValidParcel(t *testing.T, units map[string]ndxp.Province, p *ndxp.Parcel) {
	t.Helper()
	require.True(t, strings.HasPrefix(p.RecordID, "LAND-"), p.RecordID)
	require.Regexp(t, `^\d+$`, p.MapSheet)
	require.Regexp(t, `^\d+$`, p.ParcelNumber)
	requirePlace(t, units, ndxp.Place{ProvinceCode: p.ProvinceCode, ProvinceName: p.ProvinceName, CommuneCode: p.CommuneCode, CommuneName: p.CommuneName})
	require.Len(t, p.GeohashID, 12)
	lat, lon := decodeGeohash(t, p.GeohashID)
	require.True(t, lat > 8.3 && lat < 23.4 && lon > 102.1 && lon < 109.5, "geohash %s at %.4f,%.4f is outside Việt Nam", p.GeohashID, lat, lon)
	require.Contains(t, p.Address, p.CommuneName)
	var area float64
	require.NotEmpty(t, p.LandUse)
	for _, lu := range p.LandUse {
		require.True(t, landUseCodes[lu.Code], lu.Code)
		require.NotEmpty(t, lu.Name)
		require.Positive(t, lu.AreaM2)
		area += lu.AreaM2
	}
	require.InDelta(t, p.AreaM2, area, 0.05)
	require.Regexp(t, reTerm, p.Term)
	require.Regexp(t, reSerial, p.Certificate.Serial)
	require.Regexp(t, reDate, p.Certificate.IssuedOn)
	require.LessOrEqual(t, p.Certificate.IssuedOn, dataDate)
	require.NotEmpty(t, p.Certificate.Issuer)
	require.NotNil(t, p.CoOwners)
	require.NotNil(t, p.Mortgages)
	require.NotNil(t, p.PendingTransactions)
	share := 0.0
	for _, o := range p.CoOwners {
		require.Regexp(t, `^\d{12}$`, o.PersonalID)
		share += o.SharePercent
	}
	require.Less(t, share, 100.0, "the holder keeps a share")
	for _, m := range p.Mortgages {
		require.NotEmpty(t, m.Lender)
		require.Regexp(t, reDate, m.RegisteredOn)
		require.GreaterOrEqual(t, m.RegisteredOn, p.Certificate.IssuedOn)
		require.Positive(t, m.AmountVND)
	}
	for _, tx := range p.PendingTransactions {
		require.Contains(t, []string{"transfer", "gift", "inheritance"}, tx.Kind)
		require.Regexp(t, reDate, tx.FiledOn)
		require.NotEmpty(t, tx.Reference)
	}
}

func requireValidParticipant(t *testing.T, p *ndxp.Participant) {
	t.Helper()
	require.Regexp(t, `^\d{10}$`, p.InsuranceCode)
	require.Equal(t, "BHXH-"+p.InsuranceCode, p.RecordID)
	hc := p.HealthCard
	require.Regexp(t, reHealthCard, hc.Number)
	require.Equal(t, p.InsuranceCode, hc.Number[5:])
	require.Regexp(t, reDate, hc.ValidFrom)
	require.Regexp(t, reDate, hc.ValidTo)
	require.Less(t, hc.ValidFrom, hc.ValidTo)
	require.NotEmpty(t, hc.RegisteredHospital)
	require.Contains(t, []string{"active", "stopped", "suspended"}, p.ParticipationStatus)
	require.NotNil(t, p.Employers)
	require.NotNil(t, p.Contributions)
	require.NotNil(t, p.Benefits)
	require.Equal(t, len(p.Contributions), p.TotalMonths)

	employers := map[string]bool{}
	for k, e := range p.Employers {
		require.NotEmpty(t, e.Name)
		require.Regexp(t, reTaxCode, e.TaxCode)
		require.Regexp(t, reMonth, e.From)
		if e.To != nil {
			require.Regexp(t, reMonth, *e.To)
			require.LessOrEqual(t, e.From, *e.To)
		} else {
			require.Equal(t, len(p.Employers)-1, k, "only the last employment is open")
		}
		employers[e.TaxCode] = true
	}
	prev := ""
	for _, c := range p.Contributions { // plain checks: there are hundreds of months
		switch {
		case !reMonth.MatchString(c.Month):
			t.Fatalf("contribution month %q", c.Month)
		case c.Month <= prev:
			t.Fatalf("contribution months must ascend without repeats: %s after %s", c.Month, prev)
		case c.Month > "2026-10":
			t.Fatalf("contribution month %s after the data month", c.Month)
		case !employers[c.EmployerTaxCode]:
			t.Fatalf("contribution for an unknown employer %s", c.EmployerTaxCode)
		case c.SalaryBaseVND <= 0 || c.AmountVND != c.SalaryBaseVND*105/1000:
			t.Fatalf("contribution %+v: want 10.5%% of a positive salary", c)
		}
		prev = c.Month
	}
	if p.ParticipationStatus == "active" && len(p.Contributions) > 0 {
		require.Equal(t, "2026-10", prev, "an active participant contributes up to the data month")
	}
	for _, b := range p.Benefits {
		require.NotEmpty(t, b.Kind)
		require.Regexp(t, reDate, b.PaidOn)
		require.LessOrEqual(t, b.PaidOn, dataDate)
		require.Positive(t, b.AmountVND)
	}
}

func TestDecodeGeohash(t *testing.T) {
	t.Parallel()
	lat, lon := decodeGeohash(t, "u4pruydqqvj")
	require.InDelta(t, 57.64911, lat, 0.0001)
	require.InDelta(t, 10.40744, lon, 0.0001)
	require.False(t, math.IsNaN(lat))
}
