package ndxp

import (
	"crypto/subtle"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// requireAdmin lets through requests bearing the admin token.
func (s *Server) requireAdmin(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearer(r)
		if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.adminToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ndxp-admin"`)
			writeError(w, http.StatusUnauthorized, "unauthorized", "the admin token is required")
			return
		}
		next(w, r)
	})
}

// faultJSON is a Fault on the admin API.
type faultJSON struct {
	LatencyMS       int64   `json:"latency_ms"`
	FailureRate     float64 `json:"failure_rate"`
	Answer          string  `json:"answer,omitempty"`
	OtherPersonalID string  `json:"other_personal_id,omitempty"`
}

func (s *Server) listFaults(w http.ResponseWriter, _ *http.Request) {
	out := make(map[string]faultJSON)
	for db, f := range s.faults.all() {
		out[db] = faultJSON{LatencyMS: f.Latency.Milliseconds(), FailureRate: f.FailureRate, Answer: f.Answer, OtherPersonalID: f.Other}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) putFault(w http.ResponseWriter, r *http.Request) {
	db := r.PathValue("database")
	if !knownDatabase(db) {
		writeError(w, http.StatusNotFound, "not_found", "databases are population, land and insurance")
		return
	}
	var in faultJSON
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request",
			`want {"latency_ms":<ms>,"failure_rate":<0..1>,"answer":"other-person|empty|incomplete","other_personal_id":"<12 digits>"}`)
		return
	}
	f := Fault{Latency: time.Duration(in.LatencyMS) * time.Millisecond, FailureRate: in.FailureRate, Answer: in.Answer, Other: in.OtherPersonalID}
	if err := s.SetFault(db, f); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request",
			"latency_ms must not be negative, failure_rate must be within 0..1, answer one of other-person, empty, incomplete, other_personal_id 12 digits with other-person")
		return
	}
	s.logger.Info("ndxp: fault set", slog.String("database", db), slog.Duration("latency", f.Latency), slog.Float64("failure_rate", f.FailureRate),
		slog.String("answer", f.Answer))
	writeJSON(w, http.StatusOK, in)
}

func (s *Server) clearFaults(w http.ResponseWriter, _ *http.Request) {
	s.ClearFaults()
	s.logger.Info("ndxp: faults cleared")
	w.WriteHeader(http.StatusNoContent)
}

// showLog returns the latest data requests, newest first: ?limit=N (default 100) and
// ?personal_id= to keep one subject's.
func (s *Server) showLog(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "invalid_request", "limit must be a positive number")
			return
		}
		limit = min(n, logCapacity)
	}
	var match func(*LogEntry) bool
	if pid := r.URL.Query().Get("personal_id"); pid != "" {
		match = func(e *LogEntry) bool { return e.PersonalID == pid }
	}
	writeJSON(w, http.StatusOK, struct {
		Entries []LogEntry `json:"entries"`
	}{s.log.newest(limit, match)})
}
