package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sony/gobreaker/v2"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/motlan/portal/services/personalid"
)

// Client reads the national databases through the exchange.
type Client struct {
	cfg      Config
	base     *url.URL
	http     *http.Client // adds the bearer token
	breakers map[string]*gobreaker.CircuitBreaker[[]byte]
	log      *slog.Logger
}

// New returns a client. It does not call the exchange until the first read.
func New(cfg Config, log *slog.Logger) (*Client, error) {
	cfg.setDefaults()
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("registry: base URL %q: want an absolute URL", cfg.BaseURL)
	}
	if log == nil {
		log = slog.Default()
	}
	transport := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        1024,
		MaxIdleConnsPerHost: 512, // a busy portal fans out three reads per prefill: keep them all alive
		IdleConnTimeout:     90 * time.Second,
	}
	cc := clientcredentials.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		TokenURL:     base.JoinPath("/oauth2/token").String(),
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	tokenCtx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: transport, Timeout: 5 * time.Second})
	var rt http.RoundTripper = transport
	if cfg.Wrap != nil {
		rt = cfg.Wrap(transport)
	}
	c := &Client{
		cfg:      cfg,
		base:     base,
		http:     &http.Client{Transport: &oauth2.Transport{Source: cc.TokenSource(tokenCtx), Base: rt}},
		breakers: map[string]*gobreaker.CircuitBreaker[[]byte]{},
		log:      log,
	}
	for _, db := range Databases {
		c.breakers[db] = gobreaker.NewCircuitBreaker[[]byte](gobreaker.Settings{
			Name:        db,
			MaxRequests: 1,
			Timeout:     cfg.BreakerOpen,
			ReadyToTrip: func(counts gobreaker.Counts) bool { return counts.ConsecutiveFailures >= cfg.BreakerFailures },
			// A missing record or a refused request is an answer, not a sick database.
			IsSuccessful: func(err error) bool {
				return err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, ErrRejected) || errors.Is(err, context.Canceled)
			},
			OnStateChange: func(name string, from, to gobreaker.State) {
				log.Warn("registry circuit", "database", name, "from", from.String(), "to", to.String())
			},
		})
	}
	return c, nil
}

// BreakerFailures is the number of consecutive failed reads of a database its breaker counts.
func (c *Client) BreakerFailures(db string) uint32 {
	if b, ok := c.breakers[db]; ok {
		return b.Counts().ConsecutiveFailures
	}
	return 0
}

// BreakerState tells whether a database's circuit is closed, half-open or open.
func (c *Client) BreakerState(db string) string {
	if b, ok := c.breakers[db]; ok {
		return b.State().String()
	}
	return ""
}

func (c *Client) timeout(db string) time.Duration {
	if d, ok := c.cfg.Timeouts[db]; ok && d > 0 {
		return d
	}
	return c.cfg.Timeout
}

// get reads path from db's endpoint and decodes the JSON body into out. It validates the
// request before anything leaves the portal, retries once on a transient failure while the
// database's time budget lasts, and accepts only a whole record of the person asked: any
// other answer is a failure of the database's breaker.
func (c *Client) get(ctx context.Context, db, path string, query url.Values, req Request, out record) (err error) {
	if c.cfg.Observe != nil {
		start := time.Now()
		defer func() { c.cfg.Observe(db, Outcome(err), time.Since(start)) }()
	}
	if !personalid.Valid(req.PersonalID) || !purposePattern.MatchString(req.Purpose) || req.Reference == "" || len(req.Reference) > 100 {
		return ErrInvalid
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout(db))
	defer cancel()
	_, err = c.breakers[db].Execute(func() ([]byte, error) {
		b, err := c.do(ctx, path, query, req)
		if err != nil && transient(err) && ctx.Err() == nil {
			b, err = c.do(ctx, path, query, req)
		}
		if err != nil {
			return nil, err
		}
		return b, c.accept(ctx, db, req.PersonalID, b, out)
	})
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		return fmt.Errorf("%w: %s circuit open", ErrUnavailable, db)
	}
	return err
}

// errTransient marks failures worth one more try: a refused connection, a 502/503/504.
type errTransient struct{ err error }

func (e errTransient) Error() string { return e.err.Error() }
func (e errTransient) Unwrap() error { return e.err }

func transient(err error) bool {
	var t errTransient
	return errors.As(err, &t)
}

func (c *Client) do(ctx context.Context, path string, query url.Values, req Request) ([]byte, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = query.Encode()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("X-NDXP-Purpose", req.Purpose)
	hreq.Header.Set("X-NDXP-Reference", req.Reference)
	resp, err := c.http.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, path, ctx.Err())
		}
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return nil, fmt.Errorf("%w: token: %s", ErrRejected, re.Response.Status)
		}
		return nil, errTransient{fmt.Errorf("%w: %s: %v", ErrUnavailable, path, err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: read: %v", ErrUnavailable, path, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		return body, nil
	case resp.StatusCode == http.StatusNotFound:
		return nil, ErrNotFound
	case resp.StatusCode == http.StatusBadGateway, resp.StatusCode == http.StatusServiceUnavailable, resp.StatusCode == http.StatusGatewayTimeout:
		return nil, errTransient{fmt.Errorf("%w: %s: %s", ErrUnavailable, path, resp.Status)}
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("%w: %s: %s", ErrUnavailable, path, resp.Status)
	default:
		return nil, fmt.Errorf("%w: %s: %s %s", ErrRejected, path, resp.Status, strings.TrimSpace(string(body)))
	}
}
