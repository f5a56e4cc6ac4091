package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/motlan/portal/web"
)

// TestTracesCrossHTTPDatabaseAndRegistry checks one trace covers a request, its queries and its
// calls to the data exchange.
func TestTracesCrossHTTPDatabaseAndRegistry(t *testing.T) {
	t.Parallel()
	exp := tracetest.NewInMemoryExporter()
	s, _ := startFullStack(t, func(c *web.Config) { c.TraceExporter = exp })
	b := newBrowser(t)
	b.signIn(s, anPersonalID)
	p := b.consentToMyData(s)
	require.Equal(t, http.StatusOK, p.status)

	spans := exp.GetSpans()
	var server *tracetest.SpanStub
	for i := range spans {
		if spans[i].Name == "GET /my-data" {
			server = &spans[i]
		}
	}
	require.NotNil(t, server, "a span for the request")
	var queries, exchange int
	for _, sp := range spans {
		if sp.SpanContext.TraceID() != server.SpanContext.TraceID() {
			continue
		}
		switch {
		case sp.Name == "db.query":
			queries++
		case strings.HasPrefix(sp.Name, "HTTP GET") || sp.Name == "GET":
			exchange++
		}
	}
	require.Positive(t, queries, "database queries are children of the request")
	require.GreaterOrEqual(t, exchange, 3, "the three registry calls are children of the request")
}
