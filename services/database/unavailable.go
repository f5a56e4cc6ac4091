package database

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/url"

	"github.com/jackc/pgx/v5/pgconn"
)

// RetryAfterSeconds is how long a request answered "database unavailable" is told to wait
// before trying again: about what a primary's restart or failover takes.
const RetryAfterSeconds = 30

// Unavailable reports whether err means for certain that the database could not be reached or
// stopped answering, rather than that it refused the request: no connection could be made
// (server down, restarting, failing over, too many connections, "the database system is
// shutting down"), a connection already closed, or no connection or answer before the deadline
// (a pool that cannot connect ends in its caller's deadline). Such a request may succeed when
// tried again later; the HTTP layer answers it with 503 and Retry-After.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if _, ok := errors.AsType[*pgconn.ConnectError](err); ok {
		return true
	}
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		switch pe.Code {
		case "57P01", "57P02", "57P03": // admin or crash shutdown, cannot connect now
			return true
		case "53300": // too many connections
			return true
		}
		return len(pe.Code) == 5 && pe.Code[:2] == "08" // connection exception; any other answer: the server is up
	}
	return errors.Is(err, pgconn.ErrConnClosed) || pgconn.Timeout(err) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, context.DeadlineExceeded)
}

// MaybeCut reports whether err may be a database connection cut under a query (the server
// crashed, or the network between failed): pgx then returns the bare network error, an
// unexpected EOF or a reset, with nothing to say it was the database's. Only asking the
// database tells (a ping that fails: it is unavailable). An HTTP client's network error is
// another system's, never the database's.
func MaybeCut(err error) bool {
	if _, ok := errors.AsType[*url.Error](err); ok {
		return false
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF)
}
