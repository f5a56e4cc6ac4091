package ndxp_test

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

// The demo citizens must be the same people in the identity provider and the registries.
func TestDemoCitizensMatchVNeID(t *testing.T) {
	t.Parallel()
	e := setup(t)
	raw, err := os.ReadFile("../vneid/identities.json")
	require.NoError(t, err)
	var ids struct {
		Citizens []struct {
			PersonalID string `json:"personal_id"`
			Name       string `json:"name"`
			Birthdate  string `json:"birthdate"`
			Gender     string `json:"gender"`
		} `json:"citizens"`
	}
	require.NoError(t, json.Unmarshal(raw, &ids))
	require.Len(t, ids.Citizens, 6, "An, Mai, Bình, Cường, Dung, Sen")
	for _, id := range ids.Citizens {
		var c ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+id.PersonalID, &c)
		require.Equal(t, id.PersonalID, c.PersonalID)
		require.Equal(t, "POP-"+id.PersonalID, c.RecordID)
		require.Equal(t, id.Name, c.FullName)
		require.Equal(t, id.Birthdate, c.BirthDate)
		require.Equal(t, id.Gender, c.Sex)
		requireConsistentID(t, &c)
	}
}

func TestDemoAn(t *testing.T) {
	t.Parallel()
	e := setup(t)

	t.Run("Population", func(t *testing.T) {
		var c ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+pidAn, &c)
		require.Equal(t, "married", c.MaritalStatus)
		require.Equal(t, "01", c.PermanentResidence.ProvinceCode)
		require.Equal(t, "Thành phố Hà Nội", c.PermanentResidence.ProvinceName)
		require.NotEmpty(t, c.PermanentResidence.AddressLine)
		require.Nil(t, c.TemporaryResidence)
		require.Equal(t, pidAn, c.Household.HeadPersonalID)
		require.Equal(t, "Nguyễn Văn An", c.Household.HeadName)
		require.NotNil(t, c.Spouse)
		require.Equal(t, pidWife, c.Spouse.PersonalID)
		require.NotNil(t, c.Father)
		require.NotNil(t, c.Mother)

		rels := map[string]ndxp.HouseholdMember{}
		for _, m := range c.Household.Members {
			rels[m.Relationship] = m
			require.False(t, strings.HasPrefix(m.BirthDate, "2026"), "the newborn daughter is not registered yet: %+v", m)
		}
		require.Len(t, c.Household.Members, 2, "An and his wife only")
		require.Equal(t, pidAn, rels["chủ hộ"].PersonalID)
		wife := rels["vợ"]
		require.Equal(t, pidWife, wife.PersonalID)
		require.Equal(t, "female", wife.Sex)
		require.True(t, strings.HasPrefix(wife.BirthDate, "1990-"))

		var w ndxp.Citizen
		e.getJSON(t, "/population/v1/citizens/"+pidWife, &w)
		require.Equal(t, pidAn, w.Spouse.PersonalID)
		require.Equal(t, c.Household.HouseholdID, w.Household.HouseholdID)
		requireConsistentID(t, &w)
		require.Equal(t, "01", w.BirthRegistrationPlace.ProvinceCode, "a Hà Nội ID")
	})
	t.Run("Land", func(t *testing.T) {
		var ps ndxp.Parcels
		e.getJSON(t, "/land/v1/parcels?holder="+pidAn, &ps)
		require.Equal(t, pidAn, ps.HolderPersonalID)
		require.Len(t, ps.Parcels, 1)
		p := ps.Parcels[0]
		require.Equal(t, "ODT", p.LandUse[0].Code)
		require.Equal(t, "DA 123456", p.Certificate.Serial)
		require.Empty(t, p.Mortgages)
		require.Empty(t, p.PendingTransactions)
		require.Equal(t, []ndxp.CoOwner{{PersonalID: pidWife, FullName: "Đặng Thị Mai", SharePercent: 50}}, p.CoOwners)
		requireValidParcel(t, provincesByCode(), &p)

		// The wife holds the same parcel, with An as co-owner.
		var wp ndxp.Parcels
		e.getJSON(t, "/land/v1/parcels?holder="+pidWife, &wp)
		require.Len(t, wp.Parcels, 1)
		require.Equal(t, p.RecordID, wp.Parcels[0].RecordID)
		require.Equal(t, pidAn, wp.Parcels[0].CoOwners[0].PersonalID)
	})
	t.Run("Insurance", func(t *testing.T) {
		var p ndxp.Participant
		e.getJSON(t, "/insurance/v1/participants/"+pidAn, &p)
		require.Equal(t, "active", p.ParticipationStatus)
		require.Equal(t, "2026-10", p.Contributions[len(p.Contributions)-1].Month)
		require.GreaterOrEqual(t, p.TotalMonths, 120, "a long contribution history")
		require.Nil(t, p.Employers[len(p.Employers)-1].To, "still employed")
		requireValidParticipant(t, &p)
	})
}

func TestDemoBinh(t *testing.T) {
	t.Parallel()
	e := setup(t)
	var c ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+pidBinh, &c)
	require.Equal(t, "79", c.PermanentResidence.ProvinceCode)

	var ps ndxp.Parcels
	e.getJSON(t, "/land/v1/parcels?holder="+pidBinh, &ps)
	require.Len(t, ps.Parcels, 2)
	var pending int
	for _, p := range ps.Parcels {
		requireValidParcel(t, provincesByCode(), &p)
		for _, tx := range p.PendingTransactions {
			require.Equal(t, "transfer", tx.Kind)
			require.NotEmpty(t, tx.Reference)
			pending++
		}
	}
	require.Equal(t, 1, pending, "one parcel is being sold")

	var p ndxp.Participant
	e.getJSON(t, "/insurance/v1/participants/"+pidBinh, &p)
	requireValidParticipant(t, &p)
}

func TestDemoCuong(t *testing.T) {
	t.Parallel()
	e := setup(t)
	var p ndxp.Participant
	e.getJSON(t, "/insurance/v1/participants/"+pidCuong, &p)
	requireValidParticipant(t, &p)
	require.Equal(t, "stopped", p.ParticipationStatus)
	last := p.Contributions[len(p.Contributions)-1].Month
	require.True(t, strings.HasPrefix(last, "2026-") && last <= "2026-10", last)
	require.Positive(t, p.TotalMonths)
	require.Equal(t, len(p.Contributions), p.TotalMonths)
	require.NotNil(t, p.Employers[len(p.Employers)-1].To, "he left his job")

	var ps ndxp.Parcels
	e.getJSON(t, "/land/v1/parcels?holder="+pidCuong, &ps)
	require.Empty(t, ps.Parcels)
}

func TestDemoDung(t *testing.T) {
	t.Parallel()
	e := setup(t)
	var c ndxp.Citizen
	e.getJSON(t, "/population/v1/citizens/"+pidDung, &c)
	require.Equal(t, "single", c.MaritalStatus)
	require.NotEqual(t, pidDung, c.Household.HeadPersonalID, "she lives in her parents' household")
	require.NotNil(t, c.Father)
	require.Equal(t, c.Father.PersonalID, c.Household.HeadPersonalID)
	for _, m := range c.Household.Members {
		if m.PersonalID == pidDung {
			require.Equal(t, "con", m.Relationship)
		}
	}

	var ps ndxp.Parcels
	status, body := e.get(t, "/land/v1/parcels?holder="+pidDung)
	require.Equal(t, http.StatusOK, status, body)
	require.NoError(t, json.Unmarshal([]byte(body), &ps))
	require.NotNil(t, ps.Parcels)
	require.Empty(t, ps.Parcels)
	require.Contains(t, body, `"parcels":[]`)

	status, body = e.get(t, "/insurance/v1/participants/"+pidDung)
	require.Equal(t, http.StatusNotFound, status)
	requireError(t, body, "not_found")
}
