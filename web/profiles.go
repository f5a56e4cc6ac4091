package web

import (
	"net/http"
	"net/http/pprof"
)

// profiles serves the Go runtime's profiles (CPU, heap, goroutines, …) under /debug/pprof/ for
// `go tool pprof`; routes.go lets only operators reach it, like /metrics.
func profiles() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
