package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/motlan/portal/services/registry"
)

// metrics is the portal's Prometheus registry: one per App, no global state.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	registry *prometheus.HistogramVec
}

func newMetrics(pool *pgxpool.Pool) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "motlan_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "motlan_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		registry: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "motlan_registry_request_duration_seconds", Help: "Reads of a national database through the exchange, by database and outcome.",
			Buckets: []float64{.005, .01, .025, .05, .075, .1, .25, .5, 1, 2.5},
		}, []string{"database", "outcome"}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.registry, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	stat := func(name, help string, f func(*pgxpool.Stat) float64) {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return f(pool.Stat()) }))
	}
	stat("motlan_db_pool_acquired_conns", "Database connections in use.", func(s *pgxpool.Stat) float64 { return float64(s.AcquiredConns()) })
	stat("motlan_db_pool_idle_conns", "Idle database connections.", func(s *pgxpool.Stat) float64 { return float64(s.IdleConns()) })
	stat("motlan_db_pool_max_conns", "Largest pool size.", func(s *pgxpool.Stat) float64 { return float64(s.MaxConns()) })
	stat("motlan_db_pool_empty_acquire_total", "Acquires that had to wait for a connection.", func(s *pgxpool.Stat) float64 { return float64(s.EmptyAcquireCount()) })
	return m
}

// watchRegistry exports the circuit state of each national database.
func (m *metrics) watchRegistry(reg *registry.Client) {
	for _, db := range registry.Databases {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "motlan_registry_circuit_open", Help: "1 when the database's circuit breaker is open, 0.5 half-open, 0 closed.",
			ConstLabels: prometheus.Labels{"database": db},
		}, func() float64 {
			switch reg.BreakerState(db) {
			case "open":
				return 1
			case "half-open":
				return 0.5
			}
			return 0
		}))
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "motlan_registry_breaker_consecutive_failures", Help: "Consecutive failed reads of the database its circuit breaker counts: timeouts, errors and answers not about the person asked or malformed.",
			ConstLabels: prometheus.Labels{"database": db},
		}, func() float64 { return float64(reg.BreakerFailures(db)) }))
	}
}

// watchJobs exports the River queue's depth.
func (m *metrics) watchJobs(pool *pgxpool.Pool) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "motlan_jobs_waiting", Help: "River jobs waiting to run (available, scheduled or retryable).",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		var n int64
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state IN ('available', 'scheduled', 'retryable')`).Scan(&n); err != nil {
			return -1
		}
		return float64(n)
	}))
}

// middleware counts and times every request by its route pattern (not its path, which would
// make one series per case code).
func (m *metrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		method := c.Request().Method
		m.requests.WithLabelValues(route, method, strconv.Itoa(c.Response().Status)).Inc()
		m.duration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
		return err
	}
}

// handler serves /metrics.
func (m *metrics) handler(token string) echo.HandlerFunc {
	return operatorOnly(token, promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
}

// operatorOnly serves h to a caller holding the operator token (METRICS_TOKEN) or, without a
// token, to loopback clients only: metrics and profiles describe the system and are not for the
// public, who get the same 404 as for a page that does not exist.
func operatorOnly(token string, h http.Handler) echo.HandlerFunc {
	return func(c echo.Context) error {
		if token != "" {
			got := c.Request().Header.Get("Authorization")
			if subtle.ConstantTimeCompare([]byte(got), []byte("Bearer "+token)) != 1 {
				return echo.NewHTTPError(http.StatusNotFound)
			}
		} else if ip := net.ParseIP(c.RealIP()); ip == nil || !ip.IsLoopback() {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		h.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// observeRegistry records one read of a national database (registry.Config.Observe).
func (m *metrics) observeRegistry(db, outcome string, took time.Duration) {
	m.registry.WithLabelValues(db, outcome).Observe(took.Seconds())
}
