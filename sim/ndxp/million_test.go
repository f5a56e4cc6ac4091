package ndxp_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

// A million synthetic citizens all have valid, distinct personal IDs, never a demo
// citizen's, and each can be looked up. How long they take to generate and how much memory
// they hold is measured by `make bench` (cmd/bench, the "ndxp" step), not here.
func TestMillionSyntheticCitizens(t *testing.T) {
	const n = 1_000_000
	sim, err := ndxp.New(ndxp.Config{Clients: map[string]string{clientID: clientSecret}, Seed: 1, Synthetic: n})
	require.NoError(t, err)
	require.Equal(t, n, sim.SyntheticCitizens())

	provinces := map[string]bool{}
	for _, p := range ndxp.Provinces() {
		provinces["0"+p.Code] = true
	}
	ids := make([]string, n)
	for i := range n {
		pid := sim.SyntheticPersonalID(i)
		if len(pid) != 12 || !provinces[pid[:3]] || pid[3] < '0' || pid[3] > '3' {
			t.Fatalf("synthetic citizen %d: personal ID %q is not valid", i, pid)
		}
		ids[i] = pid
	}
	slices.Sort(ids)
	for _, demo := range []string{pidAn, pidWife, pidBinh, pidCuong, pidDung} {
		_, found := slices.BinarySearch(ids, demo)
		require.False(t, found, "demo ID %s is never reused", demo)
	}
	for i := 1; i < n; i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("personal ID %s twice", ids[i])
		}
	}

	// Anyone can be looked up, including the last household, which may be cut short.
	units := provincesByCode()
	for _, i := range []int{0, 1, n / 2, n - 3, n - 2, n - 1} {
		pid := sim.SyntheticPersonalID(i)
		c, ps, p := records(t, sim, pid)
		require.Equal(t, pid, c.PersonalID)
		requireValidCitizen(t, units, &c)
		for _, parcel := range ps.Parcels {
			requireValidParcel(t, units, &parcel)
		}
		if p != nil {
			requireValidParticipant(t, p)
		}
	}
}

// BenchmarkLookup measures a whole data request in-process (routing, checks, lookup,
// derivation, JSON) against a million synthetic citizens.
func BenchmarkLookup(b *testing.B) {
	const n = 1_000_000
	sim, err := ndxp.New(ndxp.Config{
		Clients: map[string]string{clientID: clientSecret}, Seed: 1, Synthetic: n,
		Logger: slog.New(slog.DiscardHandler),
	})
	require.NoError(b, err)
	for _, db := range []struct{ name, path string }{
		{"population", "/population/v1/citizens/"},
		{"land", "/land/v1/parcels?holder="},
		{"insurance", "/insurance/v1/participants/"},
	} {
		b.Run(db.name, func(b *testing.B) {
			reqs := make([]*http.Request, 1024)
			for k := range reqs {
				r := httptest.NewRequest(http.MethodGet, db.path+sim.SyntheticPersonalID((k*7919)%n), nil)
				r.SetBasicAuth(clientID, clientSecret)
				r.Header.Set("X-NDXP-Purpose", "1.001193")
				r.Header.Set("X-NDXP-Reference", "bench")
				reqs[k] = r
			}
			k := 0
			for b.Loop() {
				rec := httptest.NewRecorder()
				sim.ServeHTTP(rec, reqs[k%len(reqs)])
				if rec.Code != http.StatusOK && rec.Code != http.StatusNotFound {
					b.Fatalf("status %d", rec.Code)
				}
				k++
			}
		})
	}
}
