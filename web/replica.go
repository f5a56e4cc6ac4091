package web

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/readpool"
)

// openReads opens the read replica's pool (DATABASE_REPLICA_URL) behind its lag guard
// (DATABASE_REPLICA_MAX_LAG); without a replica, every read goes to the primary. The replica is
// not asked at start: one that is down or still catching up serves nothing until it answers and
// is close enough behind, and the portal serves from the primary meanwhile.
func (a *App) openReads(ctx context.Context, primary *pgxpool.Pool, tracer pgx.QueryTracer) (*readpool.Pools, error) {
	if a.cfg.DatabaseReplicaURL == "" {
		return readpool.New(primary, nil, readpool.Config{}), nil
	}
	replica, err := database.OpenUnchecked(ctx, a.cfg.DatabaseReplicaURL, tracer)
	if err != nil {
		return nil, err
	}
	a.cleanup.push(func(context.Context) error { replica.Close(); return nil })
	reads := readpool.New(primary, replica, readpool.Config{MaxLag: a.cfg.DatabaseReplicaMaxLag, Now: a.cfg.Now, Log: a.log})
	a.metrics.watchReplica(reads)
	return reads, nil
}

// watchReplica exports the read replica's lag and how many reads it served or left to the primary.
func (m *metrics) watchReplica(p *readpool.Pools) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "motlan_db_replica_lag_seconds", Help: "How far behind the primary the read replica was at its last measurement; -1 when it could not be measured (unreachable, or not a replica).",
	}, func() float64 {
		lag, ok := p.Lag()
		if !ok {
			return -1
		}
		return lag.Seconds()
	}))
	m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "motlan_db_replica_reads_total", Help: "Reads the read replica served.",
	}, func() float64 { return float64(p.ReplicaReads()) }))
	m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "motlan_db_replica_fallbacks_total", Help: "Reads meant for the read replica that went to the primary, the replica being behind by more than DATABASE_REPLICA_MAX_LAG or unreachable.",
	}, func() float64 { return float64(p.Fallbacks()) }))
}
