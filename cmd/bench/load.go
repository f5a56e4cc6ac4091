package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// maxSamples bounds the latencies kept per worker (the count of requests is not bounded by it).
const maxSamples = 200_000

// Result is one scenario's outcome.
type Result struct {
	Name        string  `json:"name"`
	Note        string  `json:"note,omitempty"`
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	FirstErr    string  `json:"first_error,omitempty"`
	Duplicates  *int    `json:"duplicates,omitempty"` // submissions: cases created twice for one draft (or a double post answered with another case)
	Seconds     float64 `json:"seconds"`
	RPS         float64 `json:"rps"`
	AvgMs       float64 `json:"avg_ms,omitempty"`
	P50ms       float64 `json:"p50_ms"`
	P95ms       float64 `json:"p95_ms"`
	P99ms       float64 `json:"p99_ms"`
	Target      string  `json:"target"`
	Met         *bool   `json:"met,omitempty"`
	// Verdict, when set, stands in the report instead of Met's yes or no: a target this run
	// could not judge (the queue's at 10M cases when the run had fewer).
	Verdict string       `json:"verdict,omitempty"`
	Cost    *requestCost `json:"cost_per_request,omitempty"`
}

// run calls op from conc workers for dur and measures each call; worker w passes its index.
func run(ctx context.Context, name string, dur time.Duration, conc int, op func(ctx context.Context, w, i int) error) Result {
	ctx, cancel := context.WithTimeout(ctx, dur+30*time.Second)
	defer cancel()
	deadline := time.Now().Add(dur)
	var mu sync.Mutex
	var all []time.Duration
	var errs, count int
	var firstErr string
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conc {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 1024)
			n, e := 0, 0
			var fe string
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t0 := time.Now()
				err := op(ctx, w, i)
				d := time.Since(t0)
				n++
				if err != nil {
					e++
					if fe == "" {
						fe = err.Error()
					}
				} else if len(lat) < maxSamples {
					lat = append(lat, d)
				}
			}
			mu.Lock()
			all = append(all, lat...)
			count += n
			errs += e
			if firstErr == "" {
				firstErr = fe
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	el := time.Since(start)
	r := Result{Name: name, Concurrency: conc, Requests: count, Errors: errs, FirstErr: firstErr, Seconds: el.Seconds(),
		RPS: float64(count-errs) / el.Seconds()}
	r.setPercentiles(all)
	r.print()
	return r
}

// setPercentiles sorts lat and sets the average and the percentiles from it.
func (r *Result) setPercentiles(lat []time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		k := int(p * float64(len(lat)-1))
		return float64(lat[k].Microseconds()) / 1000
	}
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	if len(lat) > 0 {
		r.AvgMs = float64((sum / time.Duration(len(lat))).Microseconds()) / 1000
	}
	r.P50ms, r.P95ms, r.P99ms = pct(0.50), pct(0.95), pct(0.99)
}

func (r Result) print() {
	fmt.Printf("bench: %-40s c=%-3d %7d req %5d err %8.1f rps  p50 %6.2f  p95 %6.2f  p99 %6.2f ms\n",
		r.Name, r.Concurrency, r.Requests, r.Errors, r.RPS, r.P50ms, r.P95ms, r.P99ms)
	if r.FirstErr != "" {
		fmt.Printf("bench:   first error: %s\n", r.FirstErr)
	}
}

// get returns an op that GETs url(w, i) with client c and expects 200.
func get(c *http.Client, url func(w, i int) string) func(ctx context.Context, w, i int) error {
	return func(ctx context.Context, w, i int) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url(w, i), nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: status %d", req.URL.Path, resp.StatusCode)
		}
		return nil
	}
}
