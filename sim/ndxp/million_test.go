package ndxp_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/sim/ndxp"
)

// A million synthetic citizens fit in memory, are generated in seconds, and all have
// valid, distinct personal IDs. It runs in CI; only -short skips it.
func TestMillionSyntheticCitizens(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a million citizens")
	}
	const n = 1_000_000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	sim, err := ndxp.New(ndxp.Config{Clients: map[string]string{clientID: clientSecret}, Seed: 1, Synthetic: n})
	require.NoError(t, err)
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("generated %d synthetic citizens in %v; heap %.1f MiB", n, took, float64(heap)/(1<<20))
	require.Less(t, took, 30*time.Second, "generous for the race detector on a slow machine")
	require.Less(t, heap, int64(200<<20))

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
		c, ps, p := records(t, sim, sim.SyntheticPersonalID(i))
		requireValidCitizen(t, units, &c)
		for _, parcel := range ps.Parcels {
			requireValidParcel(t, units, &parcel)
		}
		if p != nil {
			requireValidParticipant(t, p)
		}
	}
	runtime.KeepAlive(sim)
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
