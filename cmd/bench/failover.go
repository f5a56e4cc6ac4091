package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/casetest"
)

// batchFailover is the draft batch the failover scenario submits.
const batchFailover = "failover"

// haEnv is what `devstack ha -- CMD` gives the command: the nodes' Patroni REST APIs, the
// Patroni process of each node, and whether synchronous_mode is on.
type haEnv struct {
	patroni []string       // REST API base URLs
	pids    map[string]int // node name → Patroni pid
	sync    bool
}

func loadHAEnv() (haEnv, error) {
	h := haEnv{sync: os.Getenv("HA_SYNC") != "off", pids: map[string]int{}}
	if v := os.Getenv("HA_PATRONI_URLS"); v != "" {
		h.patroni = strings.Split(v, ",")
	}
	for _, kv := range strings.Split(os.Getenv("HA_PATRONI_PIDS"), ",") {
		name, p, ok := strings.Cut(kv, "=")
		if pid, err := strconv.Atoi(p); ok && err == nil {
			h.pids[name] = pid
		}
	}
	if len(h.patroni) == 0 || len(h.pids) == 0 || os.Getenv("BENCH_DATABASE_URL") == "" {
		return h, errors.New("failover: run it inside `devstack ha` (make ha-test): HA_PATRONI_URLS, HA_PATRONI_PIDS and BENCH_DATABASE_URL must be set")
	}
	return h, nil
}

// member is one member of Patroni's GET /cluster.
type member struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	State    string `json:"state"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Timeline int    `json:"timeline"`
}

// leader asks the nodes' REST APIs, in turn, for the cluster and returns its running leader.
func (h haEnv) leader(ctx context.Context) (member, error) {
	var errs []error
	for _, base := range h.patroni {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/cluster", nil)
		if err != nil {
			return member{}, err
		}
		resp, err := (&http.Client{Timeout: 2 * time.Second}).Do(req)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var c struct{ Members []member }
		err = json.NewDecoder(resp.Body).Decode(&c)
		_ = resp.Body.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, m := range c.Members {
			if m.Role == "leader" && m.State == "running" {
				return m, nil
			}
		}
		errs = append(errs, fmt.Errorf("%s: no running leader", base))
	}
	return member{}, errors.Join(errs...)
}

// ack is a submission the portal acknowledged: the receipt it redirected to names the code.
type ack struct {
	draft uuid.UUID
	code  string
	at    time.Time // when the answer came
}

// failoverScenario submits drafts through the portal (its pool on the multi-host URL) from conc
// workers, kills the Patroni leader with SIGKILL (its Patroni, then its PostgreSQL: a node lost)
// after cfg.Duration, keeps submitting until submissions succeed again and cfg.Duration more,
// and then checks on the new leader that every acknowledged submission is there with the code
// its receipt showed, and that no code was given twice.
func failoverScenario(ctx context.Context, s *stack, cfg settings) ([]Result, error) {
	h, err := loadHAEnv()
	if err != nil {
		return nil, err
	}
	conc := cfg.conc("failover")
	apps, _, err := prepareApplicants(ctx, s, conc)
	if err != nil {
		return nil, err
	}
	if _, err := s.pool.Exec(ctx, benchTables); err != nil {
		return nil, fmt.Errorf("failover: bench tables: %w", err)
	}
	if err := cloneDrafts(ctx, s.pool, batchFailover, apps, 40_000); err != nil {
		return nil, fmt.Errorf("failover: clone drafts: %w", err)
	}
	drafts, err := loadClones(ctx, s.pool, batchFailover, apps)
	if err != nil {
		return nil, err
	}
	old, err := h.leader(ctx)
	if err != nil {
		return nil, err
	}

	var next atomic.Int64
	var mu sync.Mutex
	var acks []ack
	var lat []time.Duration
	var errCount, okAfterKill atomic.Int64
	var firstErr atomic.Value
	var killedAt atomic.Int64 // unix nanos; 0 before the kill
	var recoveredAt atomic.Int64
	var failedAt atomic.Int64 // the first failure after the kill
	stop := make(chan struct{})
	var wg sync.WaitGroup
	start := time.Now()
	for range conc {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				k := next.Add(1) - 1
				if k >= int64(len(drafts)) {
					return
				}
				d := drafts[k]
				began := time.Now()
				loc, err := submitDraft(ctx, s.portalURL, d)
				if err != nil { // the outage: try the next draft a little later, as a citizen would
					if killedAt.Load() != 0 {
						failedAt.CompareAndSwap(0, time.Now().UnixNano())
					}
					errCount.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					time.Sleep(100 * time.Millisecond)
					continue
				}
				// /cases/<code>/receipt
				code := strings.Split(strings.TrimPrefix(loc, "/cases/"), "/")[0]
				id, _ := uuid.Parse(d.id)
				mu.Lock()
				acks = append(acks, ack{draft: id, code: code, at: time.Now()})
				lat = append(lat, time.Since(began))
				mu.Unlock()
				if k := killedAt.Load(); k != 0 && began.UnixNano() > k {
					okAfterKill.Add(1)
				}
				// Recovered: a submission begun after the outage showed (the old leader's
				// backends may finish what they hold for a moment after the kill) succeeds.
				if f := failedAt.Load(); f != 0 && began.UnixNano() > f {
					recoveredAt.CompareAndSwap(0, time.Now().UnixNano())
				}
			}
		})
	}

	// Submissions run for cfg.Duration, then the leader's node dies.
	select {
	case <-ctx.Done():
	case <-time.After(cfg.Duration):
	}
	killed, err := killLeader(ctx, s, h, old)
	if err != nil {
		close(stop)
		wg.Wait()
		return nil, err
	}
	killedAt.Store(killed.UnixNano())
	fmt.Printf("bench: failover: killed %s (Patroni and PostgreSQL, SIGKILL) at %s\n", old.Name, killed.Format(time.RFC3339Nano))

	// The new leader, from Patroni; and the portal recovered once a submission begun after the
	// first failure succeeds. Then cfg.Duration more.
	var promoted member
	var promotedAfter time.Duration
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if promoted.Name == "" {
			if m, err := h.leader(ctx); err == nil && m.Name != old.Name {
				promoted, promotedAfter = m, time.Since(killed)
			}
		}
		if promoted.Name != "" && recoveredAt.Load() != 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if recoveredAt.Load() != 0 {
		select {
		case <-ctx.Done():
		case <-time.After(cfg.Duration):
		}
	}
	close(stop)
	wg.Wait()
	elapsed := time.Since(start)

	if m, err := h.leader(ctx); err == nil && m.Name == promoted.Name {
		promoted = m // its timeline, now that the promotion is done
	}
	out := failoverOutcome{sync: h.sync, old: old, promoted: promoted, promotedAfter: promotedAfter,
		acks: acks, errors: int(errCount.Load()), okAfterKill: int(okAfterKill.Load()), killed: killed}
	if r := recoveredAt.Load(); r != 0 {
		out.recoveredAfter = time.Unix(0, r).Sub(killed)
	}
	if f := failedAt.Load(); f != 0 {
		out.failedAfter = time.Unix(0, f).Sub(killed)
	}
	if err := out.check(ctx, s); err != nil {
		return nil, err
	}
	r := Result{Name: "failover: submissions while the leader dies", Concurrency: conc, Requests: len(acks) + out.errors,
		Errors: out.errors, Seconds: elapsed.Seconds(), RPS: float64(len(acks)) / elapsed.Seconds()}
	r.setPercentiles(lat)
	if v, ok := firstErr.Load().(string); ok {
		r.FirstErr = v
	}
	dupes := out.reused
	r.Duplicates = &dupes
	r.Note = out.summary()
	if h.sync {
		r.Target = "synchronous: 0 acknowledged lost, 0 codes reused, recovered without a restart"
	} else {
		r.Target = "asynchronous: 0 codes reused, recovered without a restart (loss reported)"
	}
	met := out.passed()
	r.Met = &met // errors during the outage are expected
	if err := os.WriteFile(filepath.Join(s.out, "failover.txt"), []byte(out.detail()), 0o600); err != nil {
		return nil, err
	}
	return []Result{r}, nil
}

// killLeader kills the leader's Patroni and then its PostgreSQL postmaster with SIGKILL, as a
// machine that dies: Patroni no longer renews the leader key, a replica is promoted once it
// expires. (SIGKILL of PostgreSQL alone is a crash that Patroni recovers on the same node.)
func killLeader(ctx context.Context, s *stack, h haEnv, leader member) (time.Time, error) {
	patroniPid := h.pids[leader.Name]
	if patroniPid == 0 {
		return time.Time{}, fmt.Errorf("failover: no Patroni pid for %s in HA_PATRONI_PIDS", leader.Name)
	}
	// The postmaster is the parent of a backend of the leader.
	u := strings.Replace(s.dbURL, "target_session_attrs=read-write", "", 1)
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		return time.Time{}, err
	}
	cfg.Host, cfg.Port, cfg.Fallbacks = leader.Host, uint16(leader.Port), nil //nolint:gosec // G115: a TCP port
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return time.Time{}, fmt.Errorf("failover: connect to the leader %s: %w", leader.Name, err)
	}
	var backend int
	err = conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend)
	_ = conn.Close(ctx)
	if err != nil {
		return time.Time{}, err
	}
	postmaster, err := parentPid(backend)
	if err != nil {
		return time.Time{}, err
	}
	if err := syscall.Kill(patroniPid, syscall.SIGKILL); err != nil {
		return time.Time{}, fmt.Errorf("failover: kill Patroni of %s (pid %d): %w", leader.Name, patroniPid, err)
	}
	if err := syscall.Kill(postmaster, syscall.SIGKILL); err != nil {
		return time.Time{}, fmt.Errorf("failover: kill PostgreSQL of %s (pid %d): %w", leader.Name, postmaster, err)
	}
	return time.Now(), nil
}

// parentPid is pid's parent, from /proc.
func parentPid(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "PPid:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, fmt.Errorf("no PPid in /proc/%d/status", pid)
}

// failoverOutcome is what the scenario saw and what the new leader holds.
type failoverOutcome struct {
	sync           bool
	old, promoted  member
	killed         time.Time
	promotedAfter  time.Duration // kill → Patroni names the new leader
	failedAfter    time.Duration // kill → the first failed submission
	recoveredAfter time.Duration // kill → first success of a submission begun after the first failure
	acks           []ack
	errors         int
	okAfterKill    int

	server         string   // the server the portal's pool reaches now
	lost           []ack    // acknowledged, not on the new leader
	lostBeforeKill int      // of them, answered before the kill
	reusedCodes    []string // an acknowledged code now naming another draft's case
	reused         int      // codes given twice: reused on the leader or acknowledged twice
	ackedTwice     []string
}

// check reads, on the new leader through the bench's own multi-host pool, the case of every
// acknowledged draft and of every acknowledged code.
func (o *failoverOutcome) check(ctx context.Context, s *stack) error {
	if err := s.pool.QueryRow(ctx, `SELECT inet_server_port()::text || CASE WHEN pg_is_in_recovery() THEN ' (a replica!)' ELSE ' (primary)' END`).Scan(&o.server); err != nil {
		return fmt.Errorf("failover: the new leader: %w", err)
	}
	ids := make([]uuid.UUID, len(o.acks))
	codes := make([]string, len(o.acks))
	seen := map[string]uuid.UUID{}
	for i, a := range o.acks {
		ids[i], codes[i] = a.draft, a.code
		if d, ok := seen[a.code]; ok && d != a.draft {
			o.ackedTwice = append(o.ackedTwice, a.code)
		}
		seen[a.code] = a.draft
	}
	got, err := casetest.CasesOf(ctx, s.pool, ids, codes)
	if err != nil {
		return fmt.Errorf("failover: %w", err)
	}
	byDraft, byCode := map[uuid.UUID]string{}, map[string]uuid.UUID{}
	for _, c := range got {
		byDraft[c.DraftID], byCode[c.Code] = c.Code, c.DraftID
	}
	for _, a := range o.acks {
		if d, ok := byCode[a.code]; ok && d != a.draft {
			o.reusedCodes = append(o.reusedCodes, a.code)
		}
		if code, ok := byDraft[a.draft]; !ok || code != a.code {
			o.lost = append(o.lost, a)
			if a.at.Before(o.killed) {
				o.lostBeforeKill++
			}
		}
	}
	o.reused = len(o.reusedCodes) + len(o.ackedTwice)
	return nil
}

func (o *failoverOutcome) passed() bool {
	ok := o.promoted.Name != "" && o.recoveredAfter > 0 && o.okAfterKill > 0 && o.reused == 0 && strings.HasSuffix(o.server, "(primary)")
	if o.sync {
		ok = ok && len(o.lost) == 0
	}
	return ok
}

func (o *failoverOutcome) summary() string {
	mode := "synchronous_mode on"
	if !o.sync {
		mode = "synchronous_mode off (asynchronous replication)"
	}
	s := fmt.Sprintf("%s; killed leader %s (timeline %d); Patroni promoted %s (timeline %d) %.1f s after the kill; submissions failed from %.1f s after the kill and succeeded again (begun after the first failure) %.1f s after it, without a restart of the portal (%d succeeded after the kill, %d failed during the outage); the bench's pool reaches port %s; %d acknowledged, %d lost (%d of them acknowledged before the kill), %d codes given twice",
		mode, o.old.Name, o.old.Timeline, o.promoted.Name, o.promoted.Timeline, o.promotedAfter.Seconds(), o.failedAfter.Seconds(), o.recoveredAfter.Seconds(),
		o.okAfterKill, o.errors, o.server, len(o.acks), len(o.lost), o.lostBeforeKill, o.reused)
	if len(o.lost) > 0 {
		offsets := make([]string, len(o.lost))
		for i, a := range o.lost {
			offsets[i] = fmt.Sprintf("%+d ms", a.at.Sub(o.killed).Milliseconds())
		}
		s += fmt.Sprintf(" (answered at %s from the kill: committed on the old leader, not yet on the replica; their codes were not given again)", strings.Join(offsets, ", "))
	}
	return s + "; " + o.codeJump()
}

// codeJump names, for the first agency and day, the last number acknowledged before the kill
// and the first acknowledged after the promotion: the counters jump cases.CodeBlock per
// timeline crossed.
func (o *failoverOutcome) codeJump() string {
	before, after := 0, 0
	prefix := ""
	for _, a := range o.acks {
		i := strings.LastIndexByte(a.code, '-')
		n, err := strconv.Atoi(a.code[i+1:])
		if i < 0 || err != nil {
			continue
		}
		if prefix == "" {
			prefix = a.code[:i+1]
		}
		switch {
		case a.code[:i+1] != prefix:
		case a.at.Before(o.killed):
			before = max(before, n)
		case a.at.Before(o.killed.Add(o.promotedAfter)): // in flight on the old leader
		case after == 0 || n < after:
			after = n
		}
	}
	return fmt.Sprintf("codes %s…: last acknowledged before the kill %04d, first after the promotion %04d", prefix, before, after)
}

func (o *failoverOutcome) detail() string {
	var b strings.Builder
	b.WriteString(o.summary() + "\n\n")
	for _, a := range o.lost {
		fmt.Fprintf(&b, "lost: draft %s code %s acknowledged %s\n", a.draft, a.code, a.at.Format(time.RFC3339Nano))
	}
	for _, c := range o.reusedCodes {
		fmt.Fprintf(&b, "code reused on the new leader: %s\n", c)
	}
	for _, c := range o.ackedTwice {
		fmt.Fprintf(&b, "code acknowledged for two drafts: %s\n", c)
	}
	return b.String()
}
