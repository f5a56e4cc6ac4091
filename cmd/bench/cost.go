package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux
// architecture's user ABI (sysconf(_SC_CLK_TCK) needs cgo).
const clockTicks = 100

// statsSettle is how long an idle PostgreSQL 15 backend may keep its statistics before it
// flushes them to pg_stat_database (PGSTAT_IDLE_INTERVAL, 10 s), plus a margin. The bench's own
// pool is flushed at once with pg_stat_force_next_flush(); the portal's and the bare reference's
// connections are not ours to flush, so their runs wait this long before the closing snapshot.
const statsSettle = 11 * time.Second

// serving says which processes serve a run, and so what its snapshots must wait for.
type serving int

const (
	byPortal    serving = iota // the portal process: its CPU is measured; its connections flush within 10 s
	byBenchPool                // in the bench process on s.pool, flushed at once (in-process services)
	byBare                     // the bare reference's own pool in the bench process
	byPgbench                  // pgbench's connections, which flush their statistics when they close
)

// costSnap is what a run's cost is measured from: cumulative counters read before and after it.
type costSnap struct {
	portalTicks   int64 // utime+stime of the portal process; -1 when unknown
	postgresTicks int64 // utime+stime of the postmaster and its children, and of its reaped children; -1 when unknown
	xacts         int64 // pg_stat_database of the bench database: xact_commit
	tupReturned   int64
	tupFetched    int64
	tupInserted   int64
	blocks        int64 // blks_hit + blks_read
	accessRows    int64 // count(*) of data_access_log
	accessBytes   int64 // pg_total_relation_size of data_access_log's partitions
	dbBytes       int64 // pg_database_size
}

// requestCost is a run's cost per request (per pgbench transaction, per submission), the
// difference of two snapshots divided by the run's requests.
type requestCost struct {
	PortalCPUms   *float64 `json:"portal_cpu_ms,omitempty"`   // nil when the portal did not serve the run
	PostgresCPUms *float64 `json:"postgres_cpu_ms,omitempty"` // nil when the server's processes are not on this machine
	Xacts         float64  `json:"xact_commit"`
	TupReturned   float64  `json:"tup_returned"`
	TupFetched    float64  `json:"tup_fetched"`
	TupInserted   float64  `json:"tup_inserted"`
	Blocks        float64  `json:"blocks_hit_read"`
	AccessRows    float64  `json:"data_access_log_rows"`
	AccessBytes   float64  `json:"data_access_log_bytes"`
	DBBytes       float64  `json:"database_bytes"`
}

// perRequest divides the growth from before to after by n requests; nil without requests.
func perRequest(before, after costSnap, n int, portal bool) *requestCost {
	if n <= 0 {
		return nil
	}
	per := func(a, b int64) float64 { return float64(b-a) / float64(n) }
	ms := func(a, b int64) *float64 {
		if a < 0 || b < 0 {
			return nil
		}
		v := float64(b-a) * 1000 / clockTicks / float64(n)
		return &v
	}
	c := &requestCost{
		PostgresCPUms: ms(before.postgresTicks, after.postgresTicks),
		Xacts:         per(before.xacts, after.xacts),
		TupReturned:   per(before.tupReturned, after.tupReturned),
		TupFetched:    per(before.tupFetched, after.tupFetched),
		TupInserted:   per(before.tupInserted, after.tupInserted),
		Blocks:        per(before.blocks, after.blocks),
		AccessRows:    per(before.accessRows, after.accessRows),
		AccessBytes:   per(before.accessBytes, after.accessBytes),
		DBBytes:       per(before.dbBytes, after.dbBytes),
	}
	if portal {
		c.PortalCPUms = ms(before.portalTicks, after.portalTicks)
	}
	return c
}

// procStat is what the bench reads of /proc/<pid>/stat.
type procStat struct {
	ppid                         int
	utime, stime, cutime, cstime int64
}

// parseProcStat reads a /proc/<pid>/stat line; the command name in parentheses may hold spaces
// and parentheses, so the fields are counted from the last ')'.
func parseProcStat(line string) (procStat, error) {
	i := strings.LastIndexByte(line, ')')
	if i < 0 {
		return procStat{}, errors.New("proc stat: no ')'")
	}
	f := strings.Fields(line[i+1:]) // f[0] is field 3 (state)
	if len(f) < 15 {
		return procStat{}, fmt.Errorf("proc stat: %d fields after the name", len(f))
	}
	var p procStat
	var err error
	num := func(k int) int64 { // field k of proc(5)
		if err != nil {
			return 0
		}
		var v int64
		v, err = strconv.ParseInt(f[k-3], 10, 64)
		return v
	}
	p.ppid = int(num(4))
	p.utime, p.stime, p.cutime, p.cstime = num(14), num(15), num(16), num(17)
	if err != nil {
		return procStat{}, fmt.Errorf("proc stat: %w", err)
	}
	return p, nil
}

func readProcStat(pid int) (procStat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, err
	}
	return parseProcStat(string(b))
}

// processTicks is pid's utime+stime, or -1.
func processTicks(pid int) int64 {
	p, err := readProcStat(pid)
	if err != nil {
		return -1
	}
	return p.utime + p.stime
}

// serverTicks is the CPU of a PostgreSQL server: the postmaster's, its live children's (backends,
// autovacuum, checkpointer, WAL writer …) and, through cutime and cstime, its exited children's
// (pgbench's backends, closed connections). -1 when postmaster is not a local process.
func serverTicks(postmaster int) int64 {
	if postmaster <= 0 {
		return -1
	}
	pm, err := readProcStat(postmaster)
	if err != nil {
		return -1
	}
	total := pm.utime + pm.stime + pm.cutime + pm.cstime
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return -1
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == postmaster {
			continue
		}
		if p, err := readProcStat(pid); err == nil && p.ppid == postmaster {
			total += p.utime + p.stime
		}
	}
	return total
}

// meter takes the cost snapshots of the bench database.
type meter struct {
	pool       *pgxpool.Pool
	portalPID  int
	postmaster int // 0 when the server does not run on this machine
}

// newMeter finds the postmaster as the parent of one of the pool's backends, if that process is
// a local postgres (a BENCH_DATABASE_URL elsewhere has none).
func newMeter(ctx context.Context, pool *pgxpool.Pool, portalPID int) *meter {
	m := &meter{pool: pool, portalPID: portalPID}
	var backend int
	if err := pool.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		return m
	}
	p, err := readProcStat(backend)
	if err != nil {
		return m
	}
	if comm, err := os.ReadFile("/proc/" + strconv.Itoa(p.ppid) + "/comm"); err == nil && strings.HasPrefix(string(comm), "postgres") {
		m.postmaster = p.ppid
	}
	return m
}

// flushIdle makes every idle connection of the bench's pool flush its pending statistics.
func (m *meter) flushIdle(ctx context.Context) error {
	for _, c := range m.pool.AcquireAllIdle(ctx) {
		_, err := c.Exec(ctx, `SELECT pg_stat_force_next_flush()`)
		c.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

const statsQuery = `SELECT xact_commit, tup_returned, tup_fetched, tup_inserted, blks_hit + blks_read
	FROM pg_stat_database WHERE datname = current_database()`

const sizesQuery = `SELECT (SELECT count(*) FROM data_access_log),
	(SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('data_access_log')),
	pg_database_size(current_database())`

func (m *meter) stats(ctx context.Context, c *costSnap) error {
	return m.pool.QueryRow(ctx, statsQuery).Scan(&c.xacts, &c.tupReturned, &c.tupFetched, &c.tupInserted, &c.blocks)
}

func (m *meter) sizes(ctx context.Context, c *costSnap) error {
	return m.pool.QueryRow(ctx, sizesQuery).Scan(&c.accessRows, &c.accessBytes, &c.dbBytes)
}

func (m *meter) cpu(c *costSnap) {
	c.portalTicks, c.postgresTicks = processTicks(m.portalPID), serverTicks(m.postmaster)
}

// begin is the snapshot before a run: the sizes first, then every pending statistic of the
// bench's pool flushed (setup work, the sizes query), the counters, the CPU last.
func (m *meter) begin(ctx context.Context) (costSnap, error) {
	var c costSnap
	if err := m.sizes(ctx, &c); err != nil {
		return c, err
	}
	if err := m.flushIdle(ctx); err != nil {
		return c, err
	}
	if err := m.stats(ctx, &c); err != nil {
		return c, err
	}
	m.cpu(&c)
	return c, nil
}

// end is the snapshot after a run: the CPU at once (a second later after pgbench, whose closed
// backends must be reaped first), then the wait for other processes' connections to flush their
// statistics, the bench pool's flushed, the counters, the sizes last. The counters' window thus
// holds the run, the begin's counter query, the flushes and whatever the portal does by itself
// while settling (River's polls): a few transactions in all.
func (m *meter) end(ctx context.Context, by serving) (costSnap, error) {
	var c costSnap
	sleep := func(d time.Duration) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
			return nil
		}
	}
	if by == byPgbench {
		if err := sleep(time.Second); err != nil {
			return c, err
		}
	}
	m.cpu(&c)
	if by == byPortal || by == byBare {
		if err := sleep(statsSettle); err != nil {
			return c, err
		}
	}
	if err := m.flushIdle(ctx); err != nil {
		return c, err
	}
	if err := m.stats(ctx, &c); err != nil {
		return c, err
	}
	return c, m.sizes(ctx, &c)
}

// costed runs f between two snapshots and sets the result's cost per request. A failed snapshot
// is reported and leaves the cost out; it does not stop the bench.
func (s *stack) costed(ctx context.Context, by serving, f func() Result) Result {
	if s.meter == nil {
		return f()
	}
	before, err := s.meter.begin(ctx)
	r := f()
	if err != nil {
		fmt.Printf("bench: %s: no cost measured: %v\n", r.Name, err)
		return r
	}
	after, err := s.meter.end(ctx, by)
	if err != nil {
		fmt.Printf("bench: %s: no cost measured: %v\n", r.Name, err)
		return r
	}
	r.Cost = perRequest(before, after, r.Requests, by == byPortal)
	return r
}

// costTable is the report's table of each run's cost per request, empty when none was measured.
func costTable(results []Result) string {
	var b strings.Builder
	for _, r := range results {
		c := r.Cost
		if c == nil {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("Cost per request (per transaction for pgbench, per submission for (c)), from the counters before and after each run: " +
				"the portal process's CPU (utime+stime in /proc), PostgreSQL's CPU (the postmaster, its children and its reaped children), " +
				"pg_stat_database of the bench database, the rows of data_access_log and the growth of its partitions and of pg_database_size. " +
				"Runs in the bench process have no portal CPU (—).\n\n")
			b.WriteString("| scenario | conc. | portal CPU ms | PostgreSQL CPU ms | xact_commit | tup_returned | tup_fetched | tup_inserted | blocks hit+read | access-log rows | access-log bytes | database bytes |\n")
			b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %.2f | %.1f | %.1f | %.2f | %.1f | %.2f | %.0f | %.0f |\n",
			r.Name, r.Concurrency, optMs(c.PortalCPUms), optMs(c.PostgresCPUms), c.Xacts, c.TupReturned, c.TupFetched,
			c.TupInserted, c.Blocks, c.AccessRows, c.AccessBytes, c.DBBytes)
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

func optMs(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.3f", *v)
}
