package web_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/database/dbtest"
)

// jsonLog collects what a portal logs with LOG_FORMAT=json.
type jsonLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *jsonLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// withRequestID returns the records logged for the request with the given ID; every line
// logged must be JSON.
func (l *jsonLog) withRequestID(t *testing.T, id string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for line := range strings.Lines(l.buf.String()) {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), "a log line that is not JSON: %s", line)
		if rec["request_id"] == id {
			out = append(out, rec)
		}
	}
	return out
}

// startStackOn runs the VNeID simulator and a portal on dbURL (seeded) that logs JSON to the
// returned log.
func startStackOn(t *testing.T, dbURL string) (*stack, *jsonLog) {
	t.Helper()
	simLn, issuer := listen(t)
	portalLn, base := listen(t)
	sim := startSim(t, simLn, issuer, base, nil)
	logs := &jsonLog{}
	s := startPortalLogged(t, portalLn, base, issuer, dbURL, nil, slog.New(slog.NewJSONHandler(logs, nil)))
	s.sim = sim
	return s, logs
}

// TestRequestIDIsTheServers: the ID on a page and in the logs is always the portal's own; a
// client's X-Request-Id is only logged beside it, cut short and cleaned.
func TestRequestIDIsTheServers(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.URL(t)
	seed(t, dbURL)
	s, logs := startStackOn(t, dbURL)
	b := newBrowser(t)
	get := func(t *testing.T, clientID string) (page, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, s.portalURL+"/no/such/page", nil)
		require.NoError(t, err)
		if clientID != "" {
			req.Header.Set("X-Request-Id", clientID)
		}
		p := b.do(req)
		require.Equal(t, http.StatusNotFound, p.status)
		id := p.header.Get("X-Request-Id")
		require.Regexp(t, `^[0-9a-f]{32}$`, id, "an ID the portal made")
		require.Equal(t, id, strings.TrimSpace(p.doc(t).Find("[data-testid=request-id]").Text()), "the error page shows it")
		return p, id
	}
	requestLine := func(t *testing.T, id string) map[string]any {
		t.Helper()
		var lines []map[string]any
		for _, rec := range logs.withRequestID(t, id) {
			if rec["msg"] == "request" {
				lines = append(lines, rec)
			}
		}
		require.Len(t, lines, 1, "the request's log line carries the portal's ID")
		return lines[0]
	}

	t.Run("ClientIDIgnored", func(t *testing.T) {
		p, id := get(t, "evil<script>")
		require.NotContains(t, id, "evil")
		require.NotContains(t, p.body, "evil")
		require.Equal(t, "evil_script_", requestLine(t, id)["client_request_id"])
	})
	t.Run("ClientIDCapped", func(t *testing.T) {
		_, id := get(t, strings.Repeat("a", 500))
		require.Equal(t, strings.Repeat("a", 64), requestLine(t, id)["client_request_id"])
	})
	t.Run("NoClientID", func(t *testing.T) {
		p1, id1 := get(t, "")
		_, id2 := get(t, "")
		require.NotEqual(t, id1, id2, "one ID per request")
		require.NotContains(t, requestLine(t, id1), "client_request_id")
		require.NotEmpty(t, p1.body)
	})
}
