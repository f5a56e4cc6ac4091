// Package ndxp is a development simulator of the National Data Exchange Platform (NDXP,
// Nền tảng chia sẻ, điều phối dữ liệu): one gateway in front of the national population,
// land and social insurance databases, speaking JSON over HTTP.
//
// Clients get a bearer token with the OAuth 2.0 client credentials grant (or send their
// credentials with HTTP Basic on every call). Every data request states its purpose (a
// procedure code, or citizen-view) and a reference, and the platform logs it, as the
// real one does. The databases hold the demo citizens of the project, written by hand,
// and any number of synthetic citizens derived from a seed. Each database can be made
// slow or failing at run time to exercise the portal's fallbacks.
package ndxp

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Names of the databases behind the platform, as used for faults and the request log.
const (
	DBPopulation = "population"
	DBLand       = "land"
	DBInsurance  = "insurance"
)

// Defaults of Config.
const (
	DefaultClientID     = "motlan-portal"
	DefaultClientSecret = "dev-ndxp-secret" //nolint:gosec // G101: the simulator's documented development default
	DefaultAdminToken   = "dev-ndxp-admin"  //nolint:gosec // G101: the simulator's documented development default
)

// Config configures a Server.
type Config struct {
	Clients    map[string]string // client id → secret; nil or empty = the default client
	AdminToken string            // bearer token of the admin endpoints; "" = DefaultAdminToken
	Seed       int64             // seed of the synthetic citizens
	Synthetic  int               // number of synthetic citizens, 0..MaxSynthetic
	Faults     map[string]Fault  // initial faults by database name
	Now        func() time.Time  // nil = time.Now; token expiry and the request log
	Logger     *slog.Logger      // nil = slog.Default()
}

// Server is the simulated platform; it is an http.Handler.
type Server struct {
	clients    map[string]string
	adminToken string
	now        func() time.Time
	logger     *slog.Logger
	units      *units
	demo       *demo
	synth      *synth
	tokens     *tokenStore
	faults     *faultTable
	log        *accessLog
	updates    *updates
	handler    http.Handler
}

// New builds a Server, generating its synthetic citizens; a million take about a second.
func New(cfg Config) (*Server, error) {
	s := &Server{
		clients:    cfg.Clients,
		adminToken: cfg.AdminToken,
		now:        cfg.Now,
		logger:     cfg.Logger,
		tokens:     newTokenStore(),
		faults:     newFaultTable(),
		log:        newAccessLog(logCapacity),
		updates:    newUpdates(),
	}
	if len(s.clients) == 0 {
		s.clients = map[string]string{DefaultClientID: DefaultClientSecret}
	}
	for id, secret := range s.clients {
		if id == "" || secret == "" {
			return nil, errors.New("ndxp: a client needs an id and a secret")
		}
	}
	if s.adminToken == "" {
		s.adminToken = DefaultAdminToken
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	for db, f := range cfg.Faults {
		if err := s.SetFault(db, f); err != nil {
			return nil, err
		}
	}
	var err error
	if s.units, err = loadUnits(); err != nil {
		return nil, fmt.Errorf("ndxp: %w", err)
	}
	voc, err := loadVocab()
	if err != nil {
		return nil, fmt.Errorf("ndxp: %w", err)
	}
	if s.demo, err = loadDemo(s.units); err != nil {
		return nil, fmt.Errorf("ndxp: %w", err)
	}
	if s.synth, err = newSynth(cfg.Seed, cfg.Synthetic, s.units, voc, s.demo.ids()); err != nil {
		return nil, fmt.Errorf("ndxp: %w", err)
	}
	s.handler = s.routes()
	return s, nil
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth2/token", s.issueToken)
	mux.Handle("GET /population/v1/citizens/{personal_id}", s.dataHandler(DBPopulation, pathSubject, s.showCitizen))
	mux.Handle("GET /land/v1/parcels", s.dataHandler(DBLand, holderSubject, s.listParcels))
	mux.Handle("GET /insurance/v1/participants/{personal_id}", s.dataHandler(DBInsurance, pathSubject, s.showParticipant))
	mux.HandleFunc("POST /exchange/v1/population/updates", s.postUpdate)
	mux.Handle("GET /admin/faults", s.requireAdmin(s.listFaults))
	mux.Handle("PUT /admin/faults/{database}", s.requireAdmin(s.putFault))
	mux.Handle("DELETE /admin/faults", s.requireAdmin(s.clearFaults))
	mux.Handle("GET /admin/log", s.requireAdmin(s.showLog))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint")
	})
	return s.logRequests(mux)
}

// ServeHTTP serves the token endpoint, the three databases, the update endpoint of the
// population database, the admin endpoints and /healthz.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// SyntheticCitizens is the number of synthetic citizens.
func (s *Server) SyntheticCitizens() int { return len(s.synth.ids) }

// SyntheticPersonalID returns the personal ID of the i-th synthetic citizen
// (0 ≤ i < Config.Synthetic), so that tests and load generators can pick people.
func (s *Server) SyntheticPersonalID(i int) string {
	return formatPID(s.synth.ids[i])
}

// logRequests logs every request: successes at debug level (a load test makes many),
// client errors at info and server errors, injected failures included, at warning.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelDebug
		switch {
		case sw.status >= 500:
			level = slog.LevelWarn
		case sw.status >= 400:
			level = slog.LevelInfo
		}
		s.logger.Log(r.Context(), level, "ndxp: http request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
