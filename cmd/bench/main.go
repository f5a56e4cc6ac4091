// Command bench loads a large case history into a throwaway PostgreSQL, runs the portal and
// the simulators in this process, and measures the hot pages and queries on loopback.
//
//	BENCH_SCALE        historical cases (default 1000000)
//	BENCH_CITIZENS     synthetic NDXP citizens (default 100000)
//	BENCH_DURATION     per scenario (default 10s)
//	BENCH_CONCURRENCY  workers (default 64)
//	BENCH_DATABASE_URL use this database instead of a throwaway cluster
//
// It writes bench-output/<timestamp>/report.json and report.md, and prints the markdown.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/sim/vneid"
)

type settings struct {
	Scale       int           `json:"scale"`
	Citizens    int           `json:"citizens"`
	Duration    time.Duration `json:"duration_ns"`
	Concurrency int           `json:"concurrency"`
}

func envInt(k string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(k)); err == nil && n > 0 {
		return n
	}
	return def
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := settings{Scale: envInt("BENCH_SCALE", 1_000_000), Citizens: envInt("BENCH_CITIZENS", 100_000),
		Duration: 10 * time.Second, Concurrency: envInt("BENCH_CONCURRENCY", 64)}
	if d, err := time.ParseDuration(os.Getenv("BENCH_DURATION")); err == nil && d > 0 {
		cfg.Duration = d
	}
	s := &stack{}
	err := bench(ctx, s, cfg)
	s.close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func bench(ctx context.Context, s *stack, cfg settings) error {
	if err := startDatabase(ctx, s); err != nil {
		return err
	}
	if err := startServers(ctx, s, cfg.Citizens); err != nil {
		return err
	}

	// Sign in first: the citizen's account row is created by the sign-in and owns some cases.
	demoPID := vneid.DefaultIdentities().Citizens()[0].PersonalID
	citizen := newClient(cfg.Concurrency)
	if err := signIn(citizen, s.portalURL+"/auth/login", demoPID); err != nil {
		return fmt.Errorf("citizen sign-in: %w", err)
	}
	officer := newClient(cfg.Concurrency)
	if err := signIn(officer, s.portalURL+"/staff/auth/login", "canbo.ubnd.hoankiem"); err != nil {
		return fmt.Errorf("staff sign-in: %w", err)
	}
	var demoID int64
	if err := s.pool.QueryRow(ctx, `SELECT id FROM citizens WHERE personal_id = $1 AND issuer <> 'bench'`, demoPID).Scan(&demoID); err != nil {
		return fmt.Errorf("demo citizen: %w", err)
	}

	nCit := max(1, min(cfg.Citizens, s.ndxp.SyntheticCitizens(), cfg.Scale/10))
	t0 := time.Now()
	h, err := loadHistory(ctx, s.pool, cfg.Scale, nCit, s.ndxp.SyntheticPersonalID, demoID, demoPID)
	if err != nil {
		return err
	}
	loadTook := time.Since(t0)
	fmt.Printf("bench: COPY of %d citizens, %d drafts and %d cases + ANALYZE took %s (%.0f cases/s)\n",
		nCit, cfg.Scale, cfg.Scale, loadTook.Round(time.Millisecond), float64(cfg.Scale)/loadTook.Seconds())

	var results []Result
	dur, conc := cfg.Duration, cfg.Concurrency

	// Reference: the dashboard's case-list SQL behind a bare net/http handler.
	bare, err := startBare(ctx, s, demoID)
	if err != nil {
		return err
	}
	ref := run(ctx, "reference: bare case-list handler", dur, conc, get(newClient(conc), func(int, int) string { return bare }))
	ref.Target = "reference"
	results = append(results, ref)

	dash := run(ctx, "(a) citizen dashboard GET /cases", dur, conc, get(citizen, func(int, int) string { return s.portalURL + "/cases" }))
	ratio := 0.0
	if ref.RPS > 0 {
		ratio = dash.RPS / ref.RPS
	}
	dash.Note = fmt.Sprintf("%.0f%% of the bare handler's throughput", ratio*100)
	dash.Target = "≥ 70% of bare, p99 ≤ 50 ms"
	dash.Met = verdict(dash, ratio >= 0.70 && dash.P99ms <= 50)
	results = append(results, dash)

	hd := helpdesk.New(s.pool, nil, nil)
	track := run(ctx, "(d) helpdesk lookup (Track, in-process)", dur, conc, func(ctx context.Context, w, i int) error {
		k := (w*7919 + i*104729) % cfg.Scale
		_, pid := h.citizen(k)
		_, ok, err := hd.Track(ctx, h.code(k), pid[8:])
		if err == nil && !ok {
			err = errors.New("case not found")
		}
		return err
	})
	track.Note = "services/helpdesk.Track directly: POST /tra-cuu is rate-limited per client"
	track.Target = "p99 ≤ 10 ms"
	track.Met = verdict(track, track.P99ms <= 10)
	results = append(results, track)

	q1 := run(ctx, "(e) staff queue first page", dur, conc, get(officer, func(int, int) string { return s.portalURL + "/staff/queue" }))
	q1.Target = "p99 ≤ 20 ms"
	q1.Met = verdict(q1, q1.P99ms <= 20)
	results = append(results, q1)

	cursor, pages, err := deepCursor(ctx, s, 200)
	if err != nil {
		return err
	}
	q2 := run(ctx, fmt.Sprintf("(e) staff queue page %d", pages+1), dur, conc,
		get(officer, func(int, int) string { return s.portalURL + "/staff/queue?after=" + cursor }))
	q2.Note = fmt.Sprintf("cursor after %d pages of 50 (keyset)", pages)
	q2.Target = "p99 ≤ 20 ms"
	q2.Met = verdict(q2, q2.P99ms <= 20)
	results = append(results, q2)

	pre, err := prefill(ctx, s, dur, conc)
	if err != nil {
		return err
	}
	results = append(results, pre)
	results = append(results, Result{Name: "(c) submissions", Note: "skipped: not implemented in this harness", Target: "—"})

	rss := peakRSS()
	return writeReport(cfg, loadTook, results, rss)
}

func verdict(r Result, ok bool) *bool {
	ok = ok && r.Errors == 0 && r.Requests > 0
	return &ok
}

// deepCursor pages the officer's agency queue in-process and returns the cursor after up to n pages.
func deepCursor(ctx context.Context, s *stack, n int) (string, int, error) {
	q := queue.New(s.pool, nil)
	cursor, pages := "", 0
	for pages < n {
		p, err := q.List(ctx, "UBND-00070", queue.Filter{After: cursor}, 50)
		if err != nil {
			return "", 0, err
		}
		if p.Next == "" {
			break
		}
		cursor, pages = p.Next, pages+1
	}
	return cursor, pages, nil
}

// prefill measures registry.Client.Fetch of all three databases at 50 ms simulated latency.
func prefill(ctx context.Context, s *stack, dur time.Duration, conc int) (Result, error) {
	rc, err := registry.New(registry.Config{BaseURL: s.ndxpURL, ClientID: ndxp.DefaultClientID, ClientSecret: ndxp.DefaultClientSecret}, quiet())
	if err != nil {
		return Result{}, err
	}
	for _, db := range []string{ndxp.DBPopulation, ndxp.DBLand, ndxp.DBInsurance} {
		if err := s.ndxp.SetFault(db, ndxp.Fault{Latency: 50 * time.Millisecond}); err != nil {
			return Result{}, err
		}
	}
	defer s.ndxp.ClearFaults()
	n := s.ndxp.SyntheticCitizens()
	dbs := []string{registry.Population, registry.Land, registry.Insurance}
	r := run(ctx, "(b) prefill fan-out (registry.Fetch)", dur, conc, func(ctx context.Context, w, i int) error {
		pid := s.ndxp.SyntheticPersonalID((w*7919 + i*104729) % n)
		f := rc.Fetch(ctx, registry.Request{PersonalID: pid, Purpose: "citizen-view", Reference: "bench"}, dbs)
		for _, e := range []error{f.Population.Err, f.Land.Err, f.Insurance.Err} {
			if e != nil && !errors.Is(e, registry.ErrNotFound) {
				return e
			}
		}
		return nil
	})
	r.Note = "services/registry Client.Fetch in-process, NDXP latency 50 ms on population, land and insurance"
	r.Target = "p95 ≤ 60 ms"
	r.Met = verdict(r, r.P95ms <= 60)
	return r, nil
}

// startBare serves the dashboard's case-list SQL as JSON, without templ or middleware.
func startBare(ctx context.Context, s *stack, citizenID int64) (string, error) {
	pool, err := database.Open(ctx, s.dbURL)
	if err != nil {
		return "", err
	}
	s.cleanup = append(s.cleanup, pool.Close)
	type row struct {
		Code          string     `json:"code"`
		ProcedureCode string     `json:"procedure_code"`
		AgencyCode    string     `json:"agency_code"`
		Status        int16      `json:"status"`
		SubmittedAt   time.Time  `json:"submitted_at"`
		ExpectedDueOn time.Time  `json:"expected_due_on"`
		DueOn         *time.Time `json:"due_on"`
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rows, err := pool.Query(r.Context(), `SELECT code, procedure_code, agency_code, status, submitted_at, expected_due_on, due_on
			FROM cases WHERE citizen_id = $1 ORDER BY submitted_at DESC, id DESC LIMIT 200`, citizenID)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out := []row{}
		for rows.Next() {
			var x row
			if err := rows.Scan(&x.Code, &x.ProcedureCode, &x.AgencyCode, &x.Status, &x.SubmittedAt, &x.ExpectedDueOn, &x.DueOn); err != nil {
				rows.Close()
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			out = append(out, x)
		}
		if err := rows.Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	ln, u, err := listen()
	if err != nil {
		return "", err
	}
	serveHTTP(s, ln, h)
	return u + "/", nil
}
