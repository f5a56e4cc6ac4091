package main

import (
	"fmt"
	"runtime"
	"time"

	"github.com/motlan/portal/sim/ndxp"
)

// The NDXP step: the simulator builds a million synthetic citizens in seconds and holds them in
// a bounded heap. sim/ndxp's tests check that the citizens are right; this measures what they
// cost, without the race detector and apart from the test suite's other work.
const (
	syntheticCitizens   = 1_000_000
	syntheticTimeTarget = 10 * time.Second
	syntheticHeapTarget = 200 << 20
)

// synthetic is the NDXP step's outcome.
type synthetic struct {
	Citizens  int     `json:"citizens"`
	Seconds   float64 `json:"seconds"`
	HeapBytes int64   `json:"heap_bytes"` // live heap the simulator added, after a collection
	TimeMet   bool    `json:"time_met"`
	HeapMet   bool    `json:"heap_met"`
}

// syntheticStep builds an NDXP simulator with a million synthetic citizens in this process and
// measures the wall time and the live heap it adds. It runs before anything else allocates, so
// the heap it reads is the simulator's.
func syntheticStep() (synthetic, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	sim, err := ndxp.New(ndxp.Config{Synthetic: syntheticCitizens, Seed: 1, Logger: quiet()})
	took := time.Since(t0)
	if err != nil {
		return synthetic{}, fmt.Errorf("ndxp step: %w", err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	r := synthetic{Citizens: sim.SyntheticCitizens(), Seconds: took.Seconds(),
		HeapBytes: int64(after.HeapAlloc) - int64(before.HeapAlloc)} //nolint:gosec // G115: heap sizes in bytes, far below 2^63
	runtime.KeepAlive(sim)
	r.TimeMet = r.Citizens == syntheticCitizens && took <= syntheticTimeTarget
	r.HeapMet = r.Citizens == syntheticCitizens && r.HeapBytes <= syntheticHeapTarget
	fmt.Printf("bench: NDXP simulator with %d synthetic citizens built in %s, heap +%.1f MiB\n",
		r.Citizens, took.Round(time.Millisecond), mb(r.HeapBytes))
	return r, nil
}

// rows are the step's lines of the report's table.
func (r synthetic) rows() string {
	return fmt.Sprintf("| NDXP: %d synthetic citizens built | — | — | — | — | — | — | — | ≤ %s: %.2f s | %s |\n"+
		"| NDXP: heap of %d synthetic citizens | — | — | — | — | — | — | — | ≤ %.0f MiB: %.1f MiB | %s |\n",
		r.Citizens, syntheticTimeTarget, r.Seconds, yesNo(&r.TimeMet),
		r.Citizens, mb(syntheticHeapTarget), mb(r.HeapBytes), yesNo(&r.HeapMet))
}
