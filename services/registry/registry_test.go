package registry_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/sim/ndxp"
)

const (
	anID   = "001088012345"
	binhID = "079175001234"
	dungID = "038301009876"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func setup(t *testing.T, adjust func(*registry.Config)) (*registry.Client, *ndxp.Server) {
	t.Helper()
	return setupWrapped(t, adjust, nil)
}

// setupWrapped is setup with the exchange's handler wrapped by wrap (nil: as it is).
func setupWrapped(t *testing.T, adjust func(*registry.Config), wrap func(http.Handler) http.Handler) (*registry.Client, *ndxp.Server) {
	t.Helper()
	sim, err := ndxp.New(ndxp.Config{Clients: map[string]string{"portal": "s3cret"}, Seed: 1, Synthetic: 50, Logger: quiet()})
	require.NoError(t, err)
	var h http.Handler = sim
	if wrap != nil {
		h = wrap(sim)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := registry.Config{BaseURL: srv.URL, ClientID: "portal", ClientSecret: "s3cret", Timeout: time.Second}
	if adjust != nil {
		adjust(&cfg)
	}
	c, err := registry.New(cfg, quiet())
	require.NoError(t, err)
	return c, sim
}

func req(pid string) registry.Request {
	return registry.Request{PersonalID: pid, Purpose: registry.PurposeCitizenView, Reference: "CV-1"}
}

func TestReads(t *testing.T) {
	t.Parallel()
	c, sim := setup(t, nil)
	ctx := context.Background()

	t.Run("Population", func(t *testing.T) {
		rec, prov, err := c.Population(ctx, req(anID))
		require.NoError(t, err)
		require.Equal(t, "Nguyễn Văn An", rec.FullName)
		require.NotEmpty(t, rec.Household.Members)
		require.Equal(t, registry.Population, prov.Database)
		require.Equal(t, rec.RecordID, prov.RecordRef)
		require.False(t, prov.RetrievedAt.IsZero())
	})
	t.Run("Land", func(t *testing.T) {
		rec, _, err := c.Land(ctx, req(binhID))
		require.NoError(t, err)
		require.Len(t, rec.Parcels, 2)
	})
	t.Run("Insurance", func(t *testing.T) {
		rec, prov, err := c.Insurance(ctx, req(anID))
		require.NoError(t, err)
		require.Len(t, rec.HealthCard.Number, 15)
		require.Equal(t, rec.RecordID, prov.RecordRef)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, _, err := c.Insurance(ctx, req(dungID))
		require.ErrorIs(t, err, registry.ErrNotFound)
		_, _, err = c.Population(ctx, req("001099123456"))
		require.ErrorIs(t, err, registry.ErrNotFound)
	})
	t.Run("ErrInvalidNeverLeavesThePortal", func(t *testing.T) {
		before := len(sim.Log())
		for _, r := range []registry.Request{
			{PersonalID: "12345", Purpose: "citizen-view", Reference: "x"},
			{PersonalID: "001088012345 ", Purpose: "citizen-view", Reference: "x"},
			{PersonalID: anID, Purpose: "fishing", Reference: "x"},
			{PersonalID: anID, Purpose: "citizen-view", Reference: ""},
		} {
			_, _, err := c.Population(ctx, r)
			require.ErrorIs(t, err, registry.ErrInvalid, "%+v", r)
		}
		require.Len(t, sim.Log(), before)
	})
	t.Run("PurposeAndReferenceReachTheExchange", func(t *testing.T) {
		_, _, err := c.Land(ctx, registry.Request{PersonalID: anID, Purpose: "1.004222", Reference: "DRAFT-9"})
		require.NoError(t, err)
		e := sim.Log()[0]
		require.Equal(t, "1.004222", e.Purpose)
		require.Equal(t, "DRAFT-9", e.Reference)
	})
}

func TestBadCredential(t *testing.T) {
	t.Parallel()
	c, _ := setup(t, func(cfg *registry.Config) { cfg.ClientSecret = "wrong" })
	_, _, err := c.Population(context.Background(), req(anID))
	require.ErrorIs(t, err, registry.ErrRejected)
	require.NotErrorIs(t, err, registry.ErrUnavailable)
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	c, sim := setup(t, func(cfg *registry.Config) { cfg.Timeout = 200 * time.Millisecond })
	require.NoError(t, sim.SetFault(ndxp.DBLand, ndxp.Fault{Latency: 3 * time.Second}))
	start := time.Now()
	_, _, err := c.Land(context.Background(), req(anID))
	took := time.Since(start)
	require.ErrorIs(t, err, registry.ErrUnavailable)
	require.Less(t, took, 2*time.Second, "a slow database costs its timeout, not its latency")
}

// TestCircuit trips a database's circuit with consecutive failures. gobreaker reads the wall
// clock, so the open period is either far longer than the test (the circuit stays open) or
// already over (the next call is the half-open probe): no test waits for it.
func TestCircuit(t *testing.T) {
	t.Parallel()
	trip := func(t *testing.T, open time.Duration) (*registry.Client, *ndxp.Server) {
		t.Helper()
		c, sim := setup(t, func(cfg *registry.Config) {
			cfg.BreakerFailures = 3
			cfg.BreakerOpen = open
		})
		require.NoError(t, sim.SetFault(ndxp.DBInsurance, ndxp.Fault{FailureRate: 1}))
		for i := 0; i < 3; i++ {
			_, _, err := c.Insurance(context.Background(), req(anID))
			require.ErrorIs(t, err, registry.ErrUnavailable)
		}
		return c, sim
	}

	t.Run("OpenFailsFast", func(t *testing.T) {
		t.Parallel()
		c, sim := trip(t, time.Hour)
		require.Equal(t, "open", c.BreakerState(registry.Insurance))
		sim.ClearFaults()
		before := len(sim.Log())
		_, _, err := c.Insurance(context.Background(), req(anID))
		require.ErrorIs(t, err, registry.ErrUnavailable)
		require.Len(t, sim.Log(), before, "an open circuit fails fast without calling the database")
		require.Equal(t, "closed", c.BreakerState(registry.Population), "other databases are not affected")
	})

	t.Run("HalfOpenProbeCloses", func(t *testing.T) {
		t.Parallel()
		c, sim := trip(t, time.Nanosecond)
		require.Equal(t, "half-open", c.BreakerState(registry.Insurance), "the open period is over")
		sim.ClearFaults()
		before := len(sim.Log())
		_, _, err := c.Insurance(context.Background(), req(anID))
		require.NoError(t, err, "half-open lets one probe through, which succeeds")
		require.Len(t, sim.Log(), before+1)
		require.Equal(t, "closed", c.BreakerState(registry.Insurance))
	})
}

func TestRetryOnceOnTransientFailure(t *testing.T) {
	t.Parallel()
	c, sim := setup(t, nil)
	require.NoError(t, sim.SetFault(ndxp.DBPopulation, ndxp.Fault{FailureRate: 1}))
	before := len(sim.Log())
	_, _, err := c.Population(context.Background(), req(anID))
	require.ErrorIs(t, err, registry.ErrUnavailable)
	require.Len(t, sim.Log(), before+2, "one bounded retry")
}

func TestFetchFansOutInParallel(t *testing.T) {
	t.Parallel()
	// The exchange answers no database before all three were asked: a client that asked them one
	// after the other would wait on the first until its timeout, and read none. No clock is read.
	var asked atomic.Int32
	all := make(chan struct{})
	barrier := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.URL.Path, "/oauth2/") && !strings.HasPrefix(r.URL.Path, "/admin/") {
				switch n := asked.Add(1); {
				case n == 3:
					close(all)
				case n < 3:
					<-all
				}
			}
			next.ServeHTTP(w, r)
		})
	}
	c, sim := setupWrapped(t, func(cfg *registry.Config) { cfg.Timeout = 10 * time.Second }, barrier)
	f := c.Fetch(context.Background(), req(anID), registry.Databases)
	require.NoError(t, f.Population.Err)
	require.NoError(t, f.Land.Err)
	require.NoError(t, f.Insurance.Err)

	t.Run("OneDownOthersAnswer", func(t *testing.T) {
		sim.ClearFaults()
		require.NoError(t, sim.SetFault(ndxp.DBLand, ndxp.Fault{FailureRate: 1}))
		f := c.Fetch(context.Background(), req(anID), []string{registry.Population, registry.Land})
		require.NoError(t, f.Population.Err)
		require.True(t, errors.Is(f.Land.Err, registry.ErrUnavailable))
		require.Nil(t, f.Insurance, "not asked")
	})
}

func TestObserveEveryRead(t *testing.T) {
	t.Parallel()
	type seen struct {
		db, outcome string
		took        time.Duration
	}
	var mu sync.Mutex
	var got []seen
	c, sim := setup(t, func(cfg *registry.Config) {
		cfg.Observe = func(db, outcome string, took time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, seen{db, outcome, took})
		}
	})
	require.NoError(t, sim.SetFault(ndxp.DBLand, ndxp.Fault{Latency: 30 * time.Millisecond}))
	require.NoError(t, sim.SetFault(ndxp.DBInsurance, ndxp.Fault{FailureRate: 1}))
	ctx := context.Background()
	_, _, err := c.Land(ctx, req(binhID))
	require.NoError(t, err)
	_, _, err = c.Insurance(ctx, req(anID))
	require.ErrorIs(t, err, registry.ErrUnavailable)
	_, _, err = c.Population(ctx, registry.Request{PersonalID: "123", Purpose: registry.PurposeCitizenView, Reference: "CV-1"})
	require.ErrorIs(t, err, registry.ErrInvalid)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, 3, "an invalid request is observed too, though it never leaves the portal")
	require.Equal(t, registry.Land, got[0].db)
	require.Equal(t, "ok", got[0].outcome)
	require.GreaterOrEqual(t, got[0].took, 30*time.Millisecond, "the time includes the database's latency")
	require.Equal(t, seen{registry.Insurance, "unavailable", got[1].took}, got[1])
	require.Equal(t, seen{registry.Population, "invalid", got[2].took}, got[2])
}
