package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
)

// storeFailure carries, through a request's context, a session store's failure (the session
// table's database down) from scs's ErrorFunc back to the middleware (session_idle.go), which
// returns it as the request's error: the portal's error page and log line, 503 when the
// database is unavailable. scs's own ErrorFunc answers a bare "Internal Server Error" in
// English and writes to the standard logger.
type storeFailure struct {
	loaded bool  // the session was loaded: the handler runs, and may have answered already
	err    error // the load's failure, for the middleware to return
}

type storeFailureKey struct{}

func withStoreFailure(ctx context.Context, f *storeFailure) context.Context {
	return context.WithValue(ctx, storeFailureKey{}, f)
}

// sessionStoreError is the session managers' ErrorFunc. A failed load is handed back to the
// middleware; a failed save happens as the response is being written (scs saves before the
// first byte), too late for an error page, so it is logged here, with the request's ID.
func sessionStoreError(log *slog.Logger) func(http.ResponseWriter, *http.Request, error) {
	return func(_ http.ResponseWriter, r *http.Request, err error) {
		f, ok := r.Context().Value(storeFailureKey{}).(*storeFailure)
		if ok && !f.loaded {
			f.err = fmt.Errorf("web: load the session: %w", err)
			return
		}
		log.ErrorContext(r.Context(), "session not saved", slog.Any("error", err))
	}
}
