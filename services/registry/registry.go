// Package registry is the portal's client of the National Data Exchange Platform (NDXP): typed
// reads of the population, land and social-insurance databases, each call carrying the portal's
// credential, a purpose and a reference. Each database has its own timeout and circuit breaker,
// so a slow one costs at most its timeout and a dead one fails fast; reads fan out in parallel.
// Every value comes back with its provenance. Nothing fetched is stored here.
package registry

import (
	"errors"
	"net/http"
	"regexp"
	"time"
)

// The national databases behind the exchange.
const (
	Population = "population"
	Land       = "land"
	Insurance  = "insurance"
)

// Databases lists them in the order pages show them.
var Databases = []string{Population, Land, Insurance}

// Purpose of a citizen looking at their own data.
const PurposeCitizenView = "citizen-view"

var purposePattern = regexp.MustCompile(`^([0-9]\.[0-9]{6}|citizen-view)$`)

// Errors of a read. Callers show ErrUnavailable as "currently unavailable", never as a failure
// of the page.
var (
	ErrNotFound    = errors.New("registry: no record")
	ErrUnavailable = errors.New("registry: database unavailable")
	ErrInvalid     = errors.New("registry: invalid request") // never reaches the exchange
	ErrRejected    = errors.New("registry: exchange refused the request")
)

// Request says why and for what the portal reads a citizen's data.
type Request struct {
	PersonalID string
	Purpose    string // procedure code or citizen-view
	Reference  string // draft, case or consent reference
}

// Provenance says where a value came from.
type Provenance struct {
	Database    string
	RecordRef   string
	RetrievedAt time.Time
}

// Config configures the client.
type Config struct {
	BaseURL      string // e.g. http://localhost:8082
	ClientID     string
	ClientSecret string
	Timeout      time.Duration            // per database, retry included; default 2 s
	Timeouts     map[string]time.Duration // per-database overrides
	// Breaker: open after this many consecutive failures, stay open this long.
	BreakerFailures uint32        // default 5
	BreakerOpen     time.Duration // default 10 s
	Now             func() time.Time
	// Wrap decorates the HTTP transport (tracing); nil = none.
	Wrap func(http.RoundTripper) http.RoundTripper
	// Observe is told of every read, refused ones included: the database, its outcome
	// (see Outcome) and how long it took, retry included; nil = nobody.
	Observe func(db, outcome string, took time.Duration)
}

// Outcome names a read's result for metrics and logs: ok, not_found, unavailable, rejected,
// invalid, or wrong_subject and malformed for answers that were not a whole record of the person
// asked (unavailable too, for everything but the metrics).
func Outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrWrongSubject):
		return "wrong_subject"
	case errors.Is(err, ErrMalformed):
		return "malformed"
	case errors.Is(err, ErrNotFound):
		return "not_found"
	case errors.Is(err, ErrRejected):
		return "rejected"
	case errors.Is(err, ErrInvalid):
		return "invalid"
	default:
		return "unavailable"
	}
}

func (c *Config) setDefaults() {
	if c.Timeout == 0 {
		c.Timeout = 2 * time.Second
	}
	if c.BreakerFailures == 0 {
		c.BreakerFailures = 5
	}
	if c.BreakerOpen == 0 {
		c.BreakerOpen = 10 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}
