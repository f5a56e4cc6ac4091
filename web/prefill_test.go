package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPrefillOfEverySeededProcedure starts each procedure as the demo citizen whose story fits
// it and checks the bound fields came back from the simulator, verified and locked.
func TestPrefillOfEverySeededProcedure(t *testing.T) {
	t.Parallel()
	s, _ := startFullStack(t, nil)
	who := map[string]string{
		"001088012345": "An",
		"079175001234": "Bình",
		"048095004321": "Cường",
	}
	cases := []struct {
		code, pid string
		locked    []string // fields that must be prefilled and locked
	}{
		{"1.001193", "001088012345", []string{"father_full_name", "father_personal_id", "father_residence", "mother_full_name", "mother_personal_id", "mother_residence"}},
		{"1.000894", "001088012345", []string{"applicant_full_name", "applicant_birth_date", "applicant_personal_id", "applicant_residence"}},
		{"1.004222", "001088012345", []string{"applicant_full_name", "household_id", "household_head", "household_members"}},
		{"3.000722", "001088012345", []string{"father_full_name", "mother_full_name", "household_id", "parent_health_card"}}, // 2.000986 is withdrawn
		{"1.013831", "079175001234", nil}, // parcel details lock once a parcel is chosen (TestLandChangePicksParcel)
		{"1.014173", "048095004321", []string{"insurance_code", "participation_status", "total_months", "last_employer", "last_month"}},
		{"1.014748", "048095004321", []string{"insurance_code", "total_months", "last_employer"}},
		{"1.001612", "001088012345", []string{"owner_full_name", "owner_birth_date", "owner_personal_id", "owner_residence"}},
	}
	browsers := map[string]*browser{}
	for pid := range who {
		b := newBrowser(t)
		b.signIn(s, pid)
		browsers[pid] = b
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			b := browsers[tc.pid]
			first := startDraft(t, s, b, tc.code)
			id := strings.Split(strings.TrimPrefix(first.url.Path, "/drafts/"), "/")[0]
			var pre []byte
			var unavailable []string
			require.NoError(t, s.db.QueryRow(context.Background(), `SELECT prefill, unavailable FROM drafts WHERE id = $1`, id).Scan(&pre, &unavailable))
			require.Empty(t, unavailable)
			var p struct {
				Fields map[string]struct {
					Locked bool   `json:"locked"`
					Field  string `json:"field"`
				} `json:"fields"`
				Parcels []json.RawMessage `json:"parcels"`
			}
			require.NoError(t, json.Unmarshal(pre, &p))
			for _, f := range tc.locked {
				require.True(t, p.Fields[f].Locked, "%s: %s is prefilled and locked (got %v)", tc.code, f, p.Fields)
			}
			if tc.code == "1.013831" {
				require.Len(t, p.Parcels, 2)
			}
			// Every fetch is in the citizen's data-access log, with the procedure as purpose.
			// (Applying as the father, An also reads his wife's record: hers is in her log.)
			var n int
			require.NoError(t, s.db.QueryRow(context.Background(),
				`SELECT count(*) FROM data_access_log WHERE subject_personal_id = $1 AND purpose = $2 AND reference = $3`, tc.pid, tc.code, id).Scan(&n))
			require.Positive(t, n)
			require.Equal(t, http.StatusOK, b.get(s.portalURL+"/drafts/"+id+"/steps/0").status)
		})
	}

	// Every read was timed for Prometheus, by database and outcome.
	resp, err := http.Get(s.portalURL + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	for _, db := range []string{"population", "land", "insurance"} {
		require.Regexp(t, `motlan_registry_request_duration_seconds_count\{database="`+db+`",outcome="ok"\} [1-9]`, string(body))
	}
}
