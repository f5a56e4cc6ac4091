package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/helpdesk"
	"github.com/motlan/portal/services/queue"
	"github.com/motlan/portal/services/registry"
	"github.com/motlan/portal/sim/ndxp"
	"github.com/motlan/portal/sim/vneid"
)

// profile starts a CPU profile of the portal for the coming scenario when BENCH_PROFILE=1 and
// returns the function that waits for it; the file is <out>/<short>.cpu.pprof.
func (s *stack) profile(ctx context.Context, cfg settings, short string) func() error {
	if !cfg.Profile {
		return func() error { return nil }
	}
	file := short + ".cpu.pprof"
	secs := max(1, int(cfg.Duration.Seconds())-1)
	done := make(chan error, 1)
	go func() { done <- s.portal.cpuProfile(ctx, filepath.Join(s.out, file), secs) }()
	return func() error {
		if err := <-done; err != nil {
			return fmt.Errorf("CPU profile %s: %w", file, err)
		}
		s.profiles = append(s.profiles, file)
		return nil
	}
}

func fixed(u string) func(int, int) string { return func(int, int) string { return u } }

// dashboardScenario measures the bare reference, then (a) the citizen dashboard.
func dashboardScenario(ctx context.Context, s *stack, cfg settings, citizen *http.Client, demoID int64, demoPID string) ([]Result, error) {
	dur, conc := cfg.Duration, cfg.conc("dashboard")
	bare, err := startBare(ctx, s, citizen, demoID, demoPID)
	if err != nil {
		return nil, err
	}
	ref := s.costed(ctx, byBare, func() Result {
		return run(ctx, "reference: bare echo handler, dashboard SQL", dur, conc, get(newClient(conc), fixed(bare)))
	})
	ref.Target = "reference"
	ref.Note = "echo.New() without middleware; the session lookup, Drafts.List and Cases.Mine of the same citizen, then the dashboard's bytes"

	wait := s.profile(ctx, cfg, "dashboard")
	dash := s.costed(ctx, byPortal, func() Result {
		return run(ctx, "(a) citizen dashboard GET /cases", dur, conc, get(citizen, fixed(s.portalURL+"/cases")))
	})
	if err := wait(); err != nil {
		return nil, err
	}
	judgeDashboard(&dash, ref)
	return []Result{ref, dash}, nil
}

// judgeDashboard sets the dashboard's target against the bare reference of the same run and
// concurrency: at least 85% of its throughput and a p99 within 1.2 times its p99.
func judgeDashboard(dash *Result, ref Result) {
	ratio := 0.0
	if ref.RPS > 0 {
		ratio = dash.RPS / ref.RPS
	}
	limit := 1.2 * ref.P99ms
	dash.Note = fmt.Sprintf("%.0f%% of the bare handler's throughput; p99 %.2f ms against 1.2 × the bare handler's %.2f ms = %.2f ms",
		ratio*100, dash.P99ms, ref.P99ms, limit)
	dash.Target = fmt.Sprintf("≥ 85%% of bare, p99 ≤ 1.2 × bare (%.2f ms)", limit)
	dash.Met = verdict(*dash, ratio >= 0.85 && dash.P99ms <= limit && ref.Requests > 0)
}

// helpdeskScenario measures (d) the agent's lookup by case code and (d') the public tracking.
func helpdeskScenario(ctx context.Context, s *stack, cfg settings, h *history) []Result {
	dur, conc := cfg.Duration, cfg.conc("helpdesk")
	agent := helpdesk.Agent{Login: "hotro.tongdai", Name: "Lý Thu Trang"}
	for _, st := range vneid.DefaultIdentities().Staff() {
		if st.Username == agent.Login {
			agent.Name = st.Name
		}
	}
	hd := helpdesk.New(s.pool, audit.New(s.pool, nil), nil)
	byCode := measured(ctx, s, cfg, byBenchPool, "(d) helpdesk lookup by case code", dur, conc, func(ctx context.Context, w, i int) error {
		k := (w*7919 + i*104729) % h.n
		_, ok, err := hd.ByCode(ctx, agent, "phone", "", h.code(k))
		if err == nil && !ok {
			err = errors.New("case not found")
		}
		return err
	}, "p99 ≤ 10 ms", func(r Result) bool { return r.P99ms <= 10 },
		fmt.Sprintf("services/helpdesk Service.ByCode in-process (POST /staff/helpdesk is rate-limited per agent by design) as %s, reason phone; every lookup writes the data-access log", agent.Login))

	track := s.costed(ctx, byBenchPool, func() Result {
		return run(ctx, "(d') public tracking (Track)", dur, conc, func(ctx context.Context, w, i int) error {
			k := (w*7919 + i*104729) % h.n
			_, pid := h.citizen(k)
			_, ok, err := hd.Track(ctx, h.code(k), pid[8:])
			if err == nil && !ok {
				err = errors.New("case not found")
			}
			return err
		})
	})
	track.Note = "services/helpdesk Service.Track in-process: POST /tra-cuu is rate-limited per client"
	track.Target = "p99 ≤ 10 ms"
	track.Met = verdict(track, track.P99ms <= 10)
	return append(byCode, track)
}

// queueScenario measures (e) the officer's queue, first page and a deep page.
func queueScenario(ctx context.Context, s *stack, cfg settings, officer *http.Client) ([]Result, error) {
	dur, conc := cfg.Duration, cfg.conc("queue")
	wait := s.profile(ctx, cfg, "queue")
	met := func(r Result) bool { return r.P99ms <= 20 }
	q1 := measured(ctx, s, cfg, byPortal, "(e) staff queue first page", dur, conc, get(officer, fixed(s.portalURL+"/staff/queue")),
		"p99 ≤ 20 ms", met, "")
	if err := wait(); err != nil {
		return nil, err
	}
	cursor, pages, err := deepCursor(ctx, s, 200)
	if err != nil {
		return nil, err
	}
	wait = s.profile(ctx, cfg, "queue-deep") // the deep page's own profile: the target is judged on it
	q2 := measured(ctx, s, cfg, byPortal, fmt.Sprintf("(e) staff queue page %d", pages+1), dur, conc,
		get(officer, fixed(s.portalURL+"/staff/queue?after="+cursor)), "p99 ≤ 20 ms", met,
		fmt.Sprintf("cursor after %d pages of 50 (keyset)", pages))
	if err := wait(); err != nil {
		return nil, err
	}
	for i := range q2 {
		judgeDeepQueue(&q2[i], cfg.Scale)
	}
	return append(q1, q2...), nil
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

// prefillScenario measures registry.Client.Fetch of all three databases at 50 ms simulated latency.
func prefillScenario(ctx context.Context, s *stack, cfg settings, dur time.Duration, conc int, citizen *http.Client) ([]Result, error) {
	rc, err := registry.New(registry.Config{BaseURL: s.ndxpURL, ClientID: ndxp.DefaultClientID, ClientSecret: ndxp.DefaultClientSecret}, quiet())
	if err != nil {
		return nil, err
	}
	for _, db := range []string{ndxp.DBPopulation, ndxp.DBLand, ndxp.DBInsurance} {
		if err := s.ndxp.SetFault(db, ndxp.Fault{Latency: 50 * time.Millisecond}); err != nil {
			return nil, err
		}
	}
	defer s.ndxp.ClearFaults()
	n := s.ndxp.SyntheticCitizens()
	dbs := []string{registry.Population, registry.Land, registry.Insurance}
	rs := measured(ctx, s, cfg, byBenchPool, "(b) prefill fan-out (registry.Fetch)", dur, conc, func(ctx context.Context, w, i int) error {
		pid := s.ndxp.SyntheticPersonalID((w*7919 + i*104729) % n)
		f := rc.Fetch(ctx, registry.Request{PersonalID: pid, Purpose: "citizen-view", Reference: "bench"}, dbs)
		for _, e := range []error{f.Population.Err, f.Land.Err, f.Insurance.Err} {
			if e != nil && !errors.Is(e, registry.ErrNotFound) {
				return e
			}
		}
		return nil
	}, "p95 ≤ 60 ms", func(r Result) bool { return r.P95ms <= 60 },
		"services/registry Client.Fetch in-process, NDXP latency 50 ms on population, land and insurance")

	// The same fan-out through the portal: "Dữ liệu của tôi" reads all three databases at every
	// view (once the citizen has consented), logs the reads in the citizen's access log and
	// renders them. Every viewer signs in with a client of their own and worker w views as viewer
	// w; the reads a citizen is not in answer "not found" after the same latency. Views of one citizen append to one chain, so this runs at the latency concurrency only,
	// every worker as a citizen of its own (viewers.go): the demo citizens, then synthetic ones.
	conc = min(conc, cfg.LatencyConcurrency)
	var viewers []*http.Client
	for _, pid := range s.viewers[:min(conc, len(s.viewers))] {
		c := newClient(cfg.LatencyConcurrency)
		if err := signIn(c, s.portalURL+"/auth/login", pid); err != nil {
			return nil, fmt.Errorf("my data: sign in %s: %w", pid, err)
		}
		page, err := follow(c, s.portalURL+"/my-data")
		if err != nil {
			return nil, err
		}
		if consent, err := parseForm(page, "form[data-testid=consent-form]"); err == nil {
			if page, err = consent.postFollow(c); err != nil {
				return nil, fmt.Errorf("my data consent: %w", err)
			}
		}
		if err := answered(page); err != nil {
			return nil, fmt.Errorf("my data of %s: %w", pid, err)
		}
		viewers = append(viewers, c)
	}
	wait := s.profile(ctx, cfg, "mydata")
	mine := s.costed(ctx, byPortal, func() Result {
		return run(ctx, "(b') GET /my-data through the portal", dur, conc, func(ctx context.Context, w, i int) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.portalURL+"/my-data", nil)
			if err != nil {
				return err
			}
			h, err := fetch(viewers[w%len(viewers)], req)
			if err != nil {
				return err
			}
			return answered(h)
		})
	})
	if err := wait(); err != nil {
		return nil, err
	}
	mine.Target = "p95 ≤ 60 ms"
	mine.Met = verdict(mine, mine.P95ms <= 60)
	mine.Note = fmt.Sprintf("%d signed-in citizens' My data page, one a worker (demo citizens, then synthetic ones): consent check, the three reads at 50 ms each (the access log's head and newest rows read meanwhile), their rows in the citizen's access log (one transaction in one round trip), the page", len(viewers))
	return append(rs, mine), nil
}

// answered checks a My data page: each of the three databases answered (found or not), none
// was unavailable.
func answered(h hop) error {
	if h.status != http.StatusOK {
		return fmt.Errorf("GET /my-data: status %d", h.status)
	}
	if n := strings.Count(h.body, `data-status="ok"`) + strings.Count(h.body, `data-status="not_found"`); n != 3 {
		return fmt.Errorf("GET /my-data: %d of 3 databases answered", n)
	}
	return nil
}

// measured runs op at conc workers and, when it differs, again at the latency concurrency
// (BENCH_LATENCY_CONCURRENCY), judging both runs against the target. At 64 closed-loop workers
// on two cores shared by the portal, PostgreSQL and the load generator, a request mostly waits
// for a core (Little's law: mean latency ≈ workers / throughput), so the second run shows what
// the request itself costs when requests queue far less for the cores.
func measured(ctx context.Context, s *stack, cfg settings, by serving, name string, dur time.Duration, conc int,
	op func(ctx context.Context, w, i int) error, target string, met func(Result) bool, note string) []Result {
	var out []Result
	for _, c := range slices.Compact([]int{conc, min(conc, cfg.LatencyConcurrency)}) {
		r := s.costed(ctx, by, func() Result { return run(ctx, name, dur, c, op) })
		r.Target, r.Note = target, note
		r.Met = verdict(r, met(r))
		out = append(out, r)
	}
	return out
}

// Issue 17's target for the deep queue page: p99 ≤ 20 ms with 8 workers at ten million cases.
const (
	deepQueueScale   = 10_000_000
	deepQueueWorkers = 8
)

// judgeDeepQueue sets the deep queue page's target. A run at another concurrency is not judged,
// and one with fewer cases says the target's scale was not reached rather than claiming it.
func judgeDeepQueue(r *Result, scale int) {
	r.Target = fmt.Sprintf("p99 ≤ 20 ms at %d cases, %d workers", deepQueueScale, deepQueueWorkers)
	ok := verdict(*r, r.P99ms <= 20)
	switch {
	case r.Concurrency != deepQueueWorkers:
		r.Met, r.Verdict = nil, fmt.Sprintf("— (judged at %d workers)", deepQueueWorkers)
	case scale < deepQueueScale:
		r.Met, r.Verdict = nil, fmt.Sprintf("scale not reached (%d cases); p99 ≤ 20 ms at this scale: %s", scale, yesNo(ok))
	default:
		r.Met = ok
	}
}
