package web

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRequestIDInLogLines(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := slog.New(requestIDHandler{slog.NewTextHandler(&buf, nil)}).With("component", "test")
	log.InfoContext(withRequestID(context.Background(), "req-123"), "hello")
	require.Contains(t, buf.String(), "request_id=req-123")
	buf.Reset()
	log.InfoContext(context.Background(), "no request")
	require.NotContains(t, buf.String(), "request_id")
}
