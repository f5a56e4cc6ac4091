// Package readpool sends the reads that may be a moment old — public tracking, result
// verification, a supervisor's figures and exports, catalogue searches — to a streaming replica
// of PostgreSQL while it is no more than a set time behind the primary, and to the primary
// otherwise: behind, unreachable, or not a replica at all. Everything else keeps to the primary:
// writes, and the pages that must show people what they have just done (read-your-writes). A
// read on the replica that must also write (a data-access log row) writes on the primary.
package readpool

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Reader chooses the pool of a read. Services that only read take one; Pools is one, and so is
// a Pools without a replica, whose reads all go to the primary.
type Reader interface {
	// Reader returns the pool for a read that may be up to the configured lag old.
	Reader(ctx context.Context) *pgxpool.Pool
	// Primary returns the pool of reads that must see every committed write.
	Primary() *pgxpool.Pool
}

// DefaultMaxLag is how far behind the primary the replica may be and still serve reads.
const DefaultMaxLag = 2 * time.Second

// DefaultEvery is how often, at most, the replica's lag is measured.
const DefaultEvery = time.Second

// measureTimeout bounds one measurement: a replica that does not answer within it is unreachable.
const measureTimeout = time.Second

// Config sets the lag guard. Zero values take the defaults.
type Config struct {
	MaxLag time.Duration    // DefaultMaxLag when 0
	Every  time.Duration    // DefaultEvery when 0
	Now    func() time.Time // the clock; time.Now when nil
	Log    *slog.Logger     // where the replica's changes of state are told; none when nil
}

// Pools is the primary's pool and, optionally, a replica's, with the guard that chooses between
// them. It is safe for concurrent use.
type Pools struct {
	primary, replica *pgxpool.Pool
	cfg              Config

	mu        sync.Mutex
	measuring bool          // one caller measures; the others use the last measurement meanwhile
	checked   time.Time     // when the last measurement began; zero before the first
	lag       time.Duration // how far behind the replica was then
	usable    bool          // the last measurement reached a replica
	state     string        // what was last logged of the replica (tell)

	replicaReads atomic.Uint64
	fallbacks    atomic.Uint64
}

// New returns the pools; replica nil means none: every read goes to the primary.
func New(primary, replica *pgxpool.Pool, cfg Config) *Pools {
	if cfg.MaxLag <= 0 {
		cfg.MaxLag = DefaultMaxLag
	}
	if cfg.Every <= 0 {
		cfg.Every = DefaultEvery
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Pools{primary: primary, replica: replica, cfg: cfg}
}

// Primary returns the primary's pool.
func (p *Pools) Primary() *pgxpool.Pool { return p.primary }

// Reader returns the replica's pool while the replica is at most MaxLag behind, and the
// primary's otherwise (each such read counts as a fallback). The lag is measured at most once
// every Every, by the first read after that; between two measurements it is taken to grow with
// the clock, so a replica that stops replaying is left within MaxLag of its last measurement.
func (p *Pools) Reader(ctx context.Context) *pgxpool.Pool {
	if p.replica == nil {
		return p.primary
	}
	if p.fresh(ctx) {
		p.replicaReads.Add(1)
		return p.replica
	}
	p.fallbacks.Add(1)
	return p.primary
}

// fresh reports whether the replica may serve a read now, measuring its lag first when the last
// measurement is Every old. A replica that did not answer last time is measured again in the
// background: no request waits for a server that may be down.
func (p *Pools) fresh(ctx context.Context) bool {
	now := p.cfg.Now()
	p.mu.Lock()
	due := !p.measuring && (p.checked.IsZero() || now.Sub(p.checked) >= p.cfg.Every)
	wait := p.checked.IsZero() || p.usable
	p.measuring = p.measuring || due
	p.mu.Unlock()
	switch {
	case due && wait:
		p.remeasure(ctx, now)
	case due:
		go p.remeasure(context.WithoutCancel(ctx), now)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.usable && p.lag+now.Sub(p.checked) <= p.cfg.MaxLag
}

// remeasure measures the lag at now and keeps the outcome.
func (p *Pools) remeasure(ctx context.Context, now time.Time) {
	lag, err := p.measure(ctx, now)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.measuring = false
	p.tell(ctx, lag, err)
	p.checked, p.lag, p.usable = now, lag, err == nil
}

// tell logs the replica's state when it changes: serving, behind, or unreachable.
func (p *Pools) tell(ctx context.Context, lag time.Duration, err error) {
	state := "serving"
	switch {
	case err != nil:
		state = "unreachable"
	case lag > p.cfg.MaxLag:
		state = "behind"
	}
	if state == p.state {
		return
	}
	p.state = state
	switch state {
	case "unreachable":
		p.cfg.Log.WarnContext(ctx, "read replica unreachable; its reads go to the primary", slog.Any("error", err))
	case "behind":
		p.cfg.Log.WarnContext(ctx, "read replica behind; its reads go to the primary", slog.Duration("lag", lag),
			slog.Duration("max_lag", p.cfg.MaxLag))
	default:
		p.cfg.Log.InfoContext(ctx, "read replica serving reads", slog.Duration("lag", lag))
	}
}

// Lag returns the replica's lag at its last measurement, and false when there is no replica,
// none was measured yet, or the last measurement did not reach it.
func (p *Pools) Lag() (time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lag, p.replica != nil && p.usable
}

// Fallbacks counts the reads meant for the replica that went to the primary.
func (p *Pools) Fallbacks() uint64 { return p.fallbacks.Load() }

// ReplicaReads counts the reads the replica served.
func (p *Pools) ReplicaReads() uint64 { return p.replicaReads.Load() }

var _ Reader = (*Pools)(nil)
