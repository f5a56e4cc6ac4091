package web

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/motlan/portal/services/database"
)

// tracing is the portal's OpenTelemetry setup: a span per request, with child spans for every
// query and every call to the data exchange. Off by default (OTEL_TRACES_EXPORTER).
type tracing struct {
	provider trace.TracerProvider
	shutdown func(context.Context) error
	on       bool
}

func newTracing(cfg Config) (*tracing, error) {
	var exp sdktrace.SpanExporter
	switch {
	case cfg.TraceExporter != nil:
		exp = cfg.TraceExporter
	case cfg.TracesExporter == "stdout":
		e, err := stdouttrace.New(stdouttrace.WithWriter(os.Stderr))
		if err != nil {
			return nil, fmt.Errorf("web: tracing: %w", err)
		}
		exp = e
	case cfg.TracesExporter == "otlp":
		// Endpoint and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
		e, err := otlptracehttp.New(context.Background())
		if err != nil {
			return nil, fmt.Errorf("web: tracing: %w", err)
		}
		exp = e
	default:
		return &tracing{provider: noop.NewTracerProvider(), shutdown: func(context.Context) error { return nil }}, nil
	}
	opt := sdktrace.WithBatcher(exp)
	if cfg.TraceExporter != nil {
		opt = sdktrace.WithSyncer(exp) // tests read spans as soon as they end
	}
	tp := sdktrace.NewTracerProvider(opt)
	return &tracing{provider: tp, shutdown: tp.Shutdown, on: true}, nil
}

func (t *tracing) queryTracer() database.QueryTracer {
	return database.QueryTracer{Tracer: t.provider.Tracer("github.com/motlan/portal/services/database")}
}

// transport wraps outgoing calls (the data exchange) in client spans that carry the trace.
func (t *tracing) transport(rt http.RoundTripper) http.RoundTripper {
	if !t.on {
		return rt
	}
	return otelhttp.NewTransport(rt, otelhttp.WithTracerProvider(t.provider), otelhttp.WithPropagators(propagation.TraceContext{}))
}

// handler wraps the server in a span per request.
func (t *tracing) handler(h http.Handler) http.Handler {
	if !t.on {
		return h
	}
	return otelhttp.NewHandler(h, "portal", otelhttp.WithTracerProvider(t.provider),
		otelhttp.WithPropagators(propagation.TraceContext{}),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + r.URL.Path }))
}
