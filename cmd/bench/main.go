// Command bench loads a large case history into a throwaway PostgreSQL, builds the portal and
// runs it as its own process (`portal serve`) next to the NDXP and VNeID simulators, which run in
// this process, and measures the hot pages and queries on loopback against references from the
// same run: a bare echo handler serving the dashboard's bytes after the dashboard's SQL, and
// pgbench running a submission's statements.
//
//	BENCH_SCALE            historical cases (default 1000000)
//	BENCH_CITIZENS         synthetic NDXP citizens (default 100000)
//	BENCH_DURATION         per scenario (default 10s)
//	BENCH_CONCURRENCY      workers of every scenario (default 64)
//	BENCH_CONCURRENCY_<S>  workers of scenario S only, e.g. BENCH_CONCURRENCY_SUBMIT=16
//	BENCH_LATENCY_CONCURRENCY  workers of the second run of the prefill, helpdesk and queue
//	                       latency targets, where requests queue far less (default 8)
//	BENCH_ONLY             comma list of scenarios to run: dashboard, prefill, submit, helpdesk, queue,
//	                       ndxp (BENCH_ONLY=ndxp alone starts no stack), failover (only when named,
//	                       inside `devstack ha`: make ha-test; failover.go)
//	BENCH_PROFILE=1        save the portal's CPU profiles of the dashboard, queue (first page;
//	                       queue-deep: the deep page) and submit scenarios and its heap profile
//	                       at the end (go tool pprof)
//	BENCH_DATABASE_URL     use this database instead of a throwaway cluster
//
// Scenarios, in report order: dashboard = the bare reference and (a) GET /cases; prefill = (b);
// submit = the pgbench reference and (c) POST /drafts/:id/submit of drafts completed through the
// real journey and cloned in SQL; helpdesk = (d) the agent's lookup by code and (d') the public
// tracking; queue = (e) the officer's first and a deep page. Submissions run last: they write.
// ndxp = the NDXP simulator building a million synthetic citizens in this process: wall time
// and live heap, measured first, before anything else allocates.
//
// pgbench must be installed (PATH or /usr/lib/postgresql/*/bin); it opens as many connections as
// the submit scenario's concurrency, and the throwaway cluster allows 200 in all. Everything lands in
// bench-output/<timestamp>/: report.json, report.md (also printed), portal.log, the pgbench
// script and any profiles.
//
// Every run also has its cost per request (cost.go): the portal process's CPU, PostgreSQL's CPU,
// the bench database's pg_stat_database counters, the data-access rows written and the growth of
// the database, from snapshots before and after it. A run served by the portal or by the bare
// reference waits 11 s before its closing snapshot, until their idle connections have flushed
// their statistics (PostgreSQL 15 keeps them up to 10 s).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/motlan/portal/sim/vneid"
)

// scenarioNames are the short names BENCH_ONLY and BENCH_CONCURRENCY_<S> use, in report order.
var scenarioNames = []string{"dashboard", "prefill", "submit", "helpdesk", "queue", "ndxp", "failover"}

type settings struct {
	Scale       int           `json:"scale"`
	Citizens    int           `json:"citizens"`
	Duration    time.Duration `json:"duration_ns"`
	Concurrency int           `json:"concurrency"`
	// LatencyConcurrency is the second, unsaturated run of the latency targets (measured).
	LatencyConcurrency int            `json:"latency_concurrency"`
	PerScenario        map[string]int `json:"concurrency_by_scenario,omitempty"`
	Only               []string       `json:"only,omitempty"`
	Profile            bool           `json:"profile"`
}

// want reports whether scenario name runs. The failover scenario runs only when named: it needs
// the Patroni cluster of `devstack ha` (make ha-test).
func (c settings) want(name string) bool {
	if name == "failover" {
		return slices.Contains(c.Only, name)
	}
	return len(c.Only) == 0 || slices.Contains(c.Only, name)
}

// conc is scenario name's concurrency.
func (c settings) conc(name string) int {
	if n, ok := c.PerScenario[name]; ok {
		return n
	}
	return c.Concurrency
}

// maxConc is the largest concurrency of any scenario, for the shared clients' idle connections.
func (c settings) maxConc() int {
	n := c.Concurrency
	for _, v := range c.PerScenario {
		n = max(n, v)
	}
	return n
}

func envInt(k string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(k)); err == nil && n > 0 {
		return n
	}
	return def
}

func loadSettings() (settings, error) {
	cfg := settings{Scale: envInt("BENCH_SCALE", 1_000_000), Citizens: envInt("BENCH_CITIZENS", 100_000),
		Duration: 10 * time.Second, Concurrency: envInt("BENCH_CONCURRENCY", 64),
		LatencyConcurrency: envInt("BENCH_LATENCY_CONCURRENCY", 8), PerScenario: map[string]int{},
		Profile: os.Getenv("BENCH_PROFILE") == "1"}
	if v := os.Getenv("BENCH_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return cfg, fmt.Errorf("BENCH_DURATION: want a duration of at least 1s, such as 10s")
		}
		cfg.Duration = d
	}
	for _, name := range scenarioNames {
		if n := envInt("BENCH_CONCURRENCY_"+strings.ToUpper(name), 0); n > 0 {
			cfg.PerScenario[name] = n
		}
	}
	for _, name := range strings.Split(os.Getenv("BENCH_ONLY"), ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		if name == "" {
			continue
		}
		if !slices.Contains(scenarioNames, name) {
			return cfg, fmt.Errorf("BENCH_ONLY: unknown scenario %q (want some of %s)", name, strings.Join(scenarioNames, ","))
		}
		cfg.Only = append(cfg.Only, name)
	}
	return cfg, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := loadSettings()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	start := time.Now()
	dir := start.Format("20060102-150405")
	if cfg.want("failover") {
		dir = "ha-" + dir
	}
	s := &stack{out: filepath.Join("bench-output", dir)}
	if err := os.MkdirAll(s.out, 0o750); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	err = bench(ctx, s, cfg, start)
	s.close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		if s.portal != nil {
			fmt.Fprintf(os.Stderr, "bench: the portal's log is %s\n", s.portal.logPath)
		}
		os.Exit(1)
	}
}

func bench(ctx context.Context, s *stack, cfg settings, start time.Time) error {
	var synth *synthetic
	if cfg.want("ndxp") {
		r, err := syntheticStep()
		if err != nil {
			return err
		}
		synth = &r
		if len(cfg.Only) == 1 { // the step needs no stack
			return writeReport(s, cfg, start, 0, nil, memory{}, synth)
		}
	}
	if cfg.want("submit") {
		if _, err := findPgbench(); err != nil { // before the long load, not after
			return err
		}
	}
	if err := startDatabase(ctx, s); err != nil {
		return err
	}
	if err := startSimulators(s, cfg.Citizens, cfg.LatencyConcurrency); err != nil {
		return err
	}
	if err := startPortal(ctx, s); err != nil {
		return err
	}
	s.meter = newMeter(ctx, s.pool, s.portal.cmd.Process.Pid)

	// Sign in first: the citizen's account row is created by the sign-in and owns some cases.
	demoPID := vneid.DefaultIdentities().Citizens()[0].PersonalID
	citizen := newClient(cfg.maxConc())
	if err := signIn(citizen, s.portalURL+"/auth/login", demoPID); err != nil {
		return fmt.Errorf("citizen sign-in: %w", err)
	}
	officer := newClient(cfg.maxConc())
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
	fmt.Printf("bench: COPY of %d citizens, %d drafts and %d cases + VACUUM (ANALYZE) + CHECKPOINT took %s (%.0f cases/s)\n",
		nCit, cfg.Scale, cfg.Scale, loadTook.Round(time.Millisecond), float64(cfg.Scale)/loadTook.Seconds())

	// Scenarios that write (submissions) run last, so the others see only the loaded history.
	got := map[string][]Result{}
	if cfg.want("dashboard") {
		rs, err := dashboardScenario(ctx, s, cfg, citizen, demoID, demoPID)
		if err != nil {
			return err
		}
		got["dashboard"] = rs
	}
	if cfg.want("helpdesk") {
		got["helpdesk"] = helpdeskScenario(ctx, s, cfg, h)
	}
	if cfg.want("queue") {
		rs, err := queueScenario(ctx, s, cfg, officer)
		if err != nil {
			return err
		}
		got["queue"] = rs
	}
	if cfg.want("prefill") {
		rs, err := prefillScenario(ctx, s, cfg, cfg.Duration, cfg.conc("prefill"), citizen)
		if err != nil {
			return err
		}
		got["prefill"] = rs
	}
	if cfg.want("submit") {
		rs, err := submitScenario(ctx, s, cfg)
		if err != nil {
			return err
		}
		got["submit"] = rs
	}
	if cfg.want("failover") {
		rs, err := failoverScenario(ctx, s, cfg)
		if err != nil {
			return err
		}
		got["failover"] = rs
	}
	if cfg.Profile {
		if err := s.portal.heapProfile(ctx, filepath.Join(s.out, "heap.pprof")); err != nil {
			return fmt.Errorf("heap profile: %w", err)
		}
		s.profiles = append(s.profiles, "heap.pprof")
	}

	if s.portal.exited() {
		return fmt.Errorf("the portal exited during the run (%v); see %s", s.portal.exitErr, s.portal.logPath)
	}
	rss := memory{Portal: s.portal.peakRSS(), Bench: peakRSS("self")}
	if err := s.portal.stop(); err != nil {
		fmt.Fprintln(os.Stderr, "bench: portal shutdown:", err)
	}
	var results []Result
	for _, name := range scenarioNames {
		results = append(results, got[name]...)
	}
	if err := writeReport(s, cfg, start, loadTook, results, rss, synth); err != nil {
		return err
	}
	for _, r := range got["failover"] { // make ha-test fails with its checks
		if r.Met == nil || !*r.Met {
			return fmt.Errorf("failover: checks failed: %s", r.Note)
		}
	}
	return nil
}

func verdict(r Result, ok bool) *bool {
	ok = ok && r.Errors == 0 && r.Requests > 0
	return &ok
}
