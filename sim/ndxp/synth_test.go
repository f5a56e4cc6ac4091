package ndxp_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

// serve asks the simulator in-process, authenticated with the client's credentials.
func serve(t *testing.T, sim *ndxp.Server, path string) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.SetBasicAuth(clientID, clientSecret)
	req.Header.Set("X-NDXP-Purpose", "citizen-view")
	req.Header.Set("X-NDXP-Reference", "synthetic-test")
	rec := httptest.NewRecorder()
	sim.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

func newSim(t *testing.T, seed int64, n int) *ndxp.Server {
	t.Helper()
	sim, err := ndxp.New(ndxp.Config{
		Clients: map[string]string{clientID: clientSecret}, Seed: seed, Synthetic: n,
	})
	require.NoError(t, err)
	return sim
}

// records fetches a person from the three databases; participant is nil when uninsured.
func records(t *testing.T, sim *ndxp.Server, pid string) (c ndxp.Citizen, ps ndxp.Parcels, p *ndxp.Participant) {
	t.Helper()
	status, body := serve(t, sim, "/population/v1/citizens/"+pid)
	require.Equal(t, http.StatusOK, status, string(body))
	require.NoError(t, json.Unmarshal(body, &c))
	status, body = serve(t, sim, "/land/v1/parcels?holder="+pid)
	require.Equal(t, http.StatusOK, status, string(body))
	require.NoError(t, json.Unmarshal(body, &ps))
	status, body = serve(t, sim, "/insurance/v1/participants/"+pid)
	if status == http.StatusNotFound {
		requireError(t, string(body), "not_found")
		return c, ps, nil
	}
	require.Equal(t, http.StatusOK, status, string(body))
	p = new(ndxp.Participant)
	require.NoError(t, json.Unmarshal(body, p))
	return c, ps, p
}

func TestSyntheticCitizensAreValid(t *testing.T) {
	t.Parallel()
	const n = 1000
	sim := newSim(t, 1, n)
	require.Equal(t, n, sim.SyntheticCitizens())
	units := provincesByCode()

	seenPID := map[string]bool{}
	seenCode := map[string]bool{}
	seenParcel := map[string]bool{}
	provinces := map[string]bool{}
	families := map[string]int{}
	var holders, insured, women, withTemp, contributing int
	for i := range n {
		pid := sim.SyntheticPersonalID(i)
		require.False(t, seenPID[pid], "personal ID %s twice", pid)
		seenPID[pid] = true

		c, ps, p := records(t, sim, pid)
		require.Equal(t, pid, c.PersonalID)
		requireValidCitizen(t, units, &c)
		provinces[c.PermanentResidence.ProvinceCode] = true
		families[strings.Fields(c.FullName)[0]]++
		if c.Sex == "female" {
			women++
		}
		if c.TemporaryResidence != nil {
			withTemp++
		}

		members := map[string]bool{}
		for _, m := range c.Household.Members {
			members[m.PersonalID] = true
		}
		if c.Spouse != nil {
			require.True(t, members[c.Spouse.PersonalID], "a synthetic spouse lives in the household")
		}

		require.Equal(t, pid, ps.HolderPersonalID)
		if len(ps.Parcels) > 0 {
			holders++
			require.Contains(t, []string{"chủ hộ", "vợ", "chồng"}, relationship(c, pid), "the head holds the land, maybe with the spouse")
		}
		for _, parcel := range ps.Parcels {
			requireValidParcel(t, units, &parcel)
			if c.PermanentResidence.DistrictName == "" { // an old-style address may name a province merged away
				require.Equal(t, c.PermanentResidence.ProvinceCode, parcel.ProvinceCode)
			}
			for _, o := range parcel.CoOwners {
				require.True(t, members[o.PersonalID], "co-owner %s is of the household", o.PersonalID)
			}
			if relationship(c, pid) == "chủ hộ" {
				require.False(t, seenParcel[parcel.RecordID], "parcel %s held by two heads", parcel.RecordID)
			}
			seenParcel[parcel.RecordID] = true
		}

		if p != nil {
			insured++
			require.Equal(t, pid, p.PersonalID)
			requireValidParticipant(t, p)
			require.False(t, seenCode[p.InsuranceCode], "insurance code %s twice", p.InsuranceCode)
			seenCode[p.InsuranceCode] = true
			if len(p.Contributions) > 0 {
				contributing++
				first := p.Contributions[0].Month
				require.GreaterOrEqual(t, first[:4], c.BirthDate[:4], "no contributions before birth")
				adult := c.BirthDate[:7]
				require.Greater(t, first, "1"+adult[1:4]+"-00", "contributions start as an adult")
			}
		}
	}
	// The population looks like a population.
	require.GreaterOrEqual(t, len(provinces), 30, "people live all over the country")
	require.InDelta(t, n/2, women, n/10)
	require.Greater(t, families["Nguyễn"], n/4, "Nguyễn is the commonest family name")
	require.Greater(t, holders, n/10)
	require.Greater(t, insured, n/3)
	require.Greater(t, contributing, n/5)
	require.Positive(t, withTemp)
}

func relationship(c ndxp.Citizen, pid string) string {
	for _, m := range c.Household.Members {
		if m.PersonalID == pid {
			return m.Relationship
		}
	}
	return ""
}

func TestSyntheticIsDeterministic(t *testing.T) {
	t.Parallel()
	const n = 1000
	a, b, other := newSim(t, 7, n), newSim(t, 7, n), newSim(t, 8, n)
	differentIDs := 0
	for i := range n {
		pid := a.SyntheticPersonalID(i)
		require.Equal(t, pid, b.SyntheticPersonalID(i))
		if other.SyntheticPersonalID(i) != pid {
			differentIDs++
		}
		if i%7 != 0 {
			continue
		}
		for _, path := range []string{
			"/population/v1/citizens/" + pid, "/land/v1/parcels?holder=" + pid, "/insurance/v1/participants/" + pid,
		} {
			sa, ba := serve(t, a, path)
			sb, bb := serve(t, b, path)
			require.Equal(t, sa, sb, path)
			require.Equal(t, string(ba), string(bb), path)
		}
	}
	require.Greater(t, differentIDs, n*9/10, "another seed gives other people")

	// And other records for the same index.
	ca, _, _ := records(t, a, a.SyntheticPersonalID(0))
	co, _, _ := records(t, other, other.SyntheticPersonalID(0))
	require.NotEqual(t, ca.FullName+ca.BirthDate, co.FullName+co.BirthDate)
}

func TestSyntheticNone(t *testing.T) {
	t.Parallel()
	sim := newSim(t, 1, 0)
	require.Zero(t, sim.SyntheticCitizens())
	status, _ := serve(t, sim, "/population/v1/citizens/"+pidAn)
	require.Equal(t, http.StatusOK, status, "the demo citizens are always there")
	_, err := ndxp.New(ndxp.Config{Synthetic: ndxp.MaxSynthetic + 1})
	require.Error(t, err)
	_, err = ndxp.New(ndxp.Config{Synthetic: -1})
	require.Error(t, err)
}
