package ndxp_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

func TestRequestLog(t *testing.T) {
	t.Parallel()
	e := setup(t)
	other := e.getToken(t, "other-client", "other-secret")

	status, _ := e.get(t, "/population/v1/citizens/"+pidAn,
		withHeader("X-NDXP-Purpose", "1.001193"), withHeader("X-NDXP-Reference", "DRAFT-1"))
	require.Equal(t, http.StatusOK, status)
	e.clock.Add(time.Second)
	status, _ = e.get(t, "/land/v1/parcels?holder="+pidBinh,
		withHeader("Authorization", "Bearer "+other),
		withHeader("X-NDXP-Purpose", "1.013831"), withHeader("X-NDXP-Reference", "HS-2026-000042"))
	require.Equal(t, http.StatusOK, status)
	e.clock.Add(time.Second)
	status, _ = e.get(t, "/insurance/v1/participants/"+pidDung,
		withHeader("X-NDXP-Purpose", "citizen-view"), withHeader("X-NDXP-Reference", "MY-DATA"))
	require.Equal(t, http.StatusNotFound, status)
	status, _ = e.get(t, "/population/v1/citizens/"+pidAn, withHeader("Authorization", ""),
		withHeader("X-NDXP-Reference", "NO-AUTH"))
	require.Equal(t, http.StatusUnauthorized, status)

	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	want := []ndxp.LogEntry{
		{Time: start.Add(2 * time.Second), ClientID: "", Database: "population", PersonalID: pidAn, Purpose: "1.001193", Reference: "NO-AUTH", Status: 401},
		{Time: start.Add(2 * time.Second), ClientID: clientID, Database: "insurance", PersonalID: pidDung, Purpose: "citizen-view", Reference: "MY-DATA", Status: 404},
		{Time: start.Add(time.Second), ClientID: "other-client", Database: "land", PersonalID: pidBinh, Purpose: "1.013831", Reference: "HS-2026-000042", Status: 200},
		{Time: start, ClientID: clientID, Database: "population", PersonalID: pidAn, Purpose: "1.001193", Reference: "DRAFT-1", Status: 200},
	}
	require.Equal(t, want, e.sim.Log(), "newest first")

	t.Run("AdminLog", func(t *testing.T) {
		var got struct {
			Entries []ndxp.LogEntry `json:"entries"`
		}
		status, body := e.admin(t, http.MethodGet, "/admin/log", "", adminToken)
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		require.Equal(t, want, got.Entries)

		status, body = e.admin(t, http.MethodGet, "/admin/log?limit=1", "", adminToken)
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		require.Equal(t, want[:1], got.Entries)

		status, body = e.admin(t, http.MethodGet, "/admin/log?personal_id="+pidAn, "", adminToken)
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		require.Equal(t, []ndxp.LogEntry{want[0], want[3]}, got.Entries)

		status, body = e.admin(t, http.MethodGet, "/admin/log?personal_id="+pidAn+"&limit=1", "", adminToken)
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		require.Equal(t, want[:1], got.Entries)

		for _, bad := range []string{"0", "-1", "many"} {
			status, body = e.admin(t, http.MethodGet, "/admin/log?limit="+bad, "", adminToken)
			require.Equal(t, http.StatusBadRequest, status, bad)
			requireError(t, body, "invalid_request")
		}
	})
}
