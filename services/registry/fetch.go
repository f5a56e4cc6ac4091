package registry

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Result is the outcome of reading one database.
type Result[T any] struct {
	Record     T
	Provenance Provenance
	Err        error // nil, or wraps ErrNotFound, ErrUnavailable, ErrInvalid, ErrRejected
	Took       time.Duration
}

// Fetched holds what each database answered; a database not asked has a nil pointer.
type Fetched struct {
	Population *Result[PopulationRecord]
	Land       *Result[LandRecord]
	Insurance  *Result[InsuranceRecord]
}

// Fetch reads the named databases in parallel: it takes as long as the slowest of them (at
// most its timeout), and one database failing never stops the others.
func (c *Client) Fetch(ctx context.Context, req Request, dbs []string) Fetched {
	var f Fetched
	var wg sync.WaitGroup
	if slices.Contains(dbs, Population) {
		f.Population = &Result[PopulationRecord]{}
		wg.Go(func() {
			*f.Population = timed(func() (PopulationRecord, Provenance, error) { return c.Population(ctx, req) })
		})
	}
	if slices.Contains(dbs, Land) {
		f.Land = &Result[LandRecord]{}
		wg.Go(func() { *f.Land = timed(func() (LandRecord, Provenance, error) { return c.Land(ctx, req) }) })
	}
	if slices.Contains(dbs, Insurance) {
		f.Insurance = &Result[InsuranceRecord]{}
		wg.Go(func() {
			*f.Insurance = timed(func() (InsuranceRecord, Provenance, error) { return c.Insurance(ctx, req) })
		})
	}
	wg.Wait()
	return f
}

func timed[T any](read func() (T, Provenance, error)) Result[T] {
	start := time.Now()
	rec, prov, err := read()
	return Result[T]{Record: rec, Provenance: prov, Err: err, Took: time.Since(start)}
}
