package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// startOperator serves the operator pages, /metrics and /debug/pprof/, on a listener of their
// own at OPERATOR_ADDR (an address only the operators' network reaches), so no reverse proxy in
// front of the portal can show them to the public; the portal's own listener then answers 404
// for them (routes.go). METRICS_TOKEN, when set, is still required there. Without OPERATOR_ADDR
// it does nothing. The returned function shuts the listener down, letting scrapes in flight
// finish (a few seconds at most).
func (a *App) startOperator() (func(), error) {
	if a.cfg.OperatorAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", a.cfg.OperatorAddr)
	if err != nil {
		return nil, fmt.Errorf("web: listen %s (OPERATOR_ADDR): %w", a.cfg.OperatorAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", withToken(a.cfg.MetricsToken, promhttp.HandlerFor(a.metrics.reg, promhttp.HandlerOpts{})))
	mux.Handle("/debug/pprof/", withToken(a.cfg.MetricsToken, profiles()))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		// A CPU profile or trace runs for its ?seconds= (30 by default) before it answers.
		WriteTimeout: 2 * time.Minute,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("operator listener stopped", slog.Any("error", err))
		}
	}()
	a.log.Info("operator listening", "addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			a.log.Warn("operator listener shutdown", slog.Any("error", err))
		}
	}, nil
}

// withToken serves h to callers holding the operator token (METRICS_TOKEN), when one is set;
// others get the same 404 as for a page that does not exist.
func withToken(token string, h http.Handler) http.Handler {
	if token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte("Bearer "+token)) != 1 {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}
