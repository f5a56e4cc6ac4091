package ndxp

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"time"
	"unicode/utf8"
)

// Headers every data request carries.
const (
	headerPurpose   = "X-NDXP-Purpose"
	headerReference = "X-NDXP-Reference"
)

// purposeRE matches a procedure code of the national procedure database, e.g. 1.001193.
var purposeRE = regexp.MustCompile(`^[0-9]\.[0-9]{6}$`)

const maxReference = 100

// statusClientGone is logged when the client cancelled before the answer was ready.
const statusClientGone = 499

// fetcher looks a subject up in one database; found is false for an unknown person.
type fetcher func(pid string) (v any, found bool)

func pathSubject(r *http.Request) string   { return r.PathValue("personal_id") }
func holderSubject(r *http.Request) string { return r.URL.Query().Get("holder") }

// dataHandler serves one database: it authenticates the client, checks the purpose,
// reference and personal ID, applies the database's fault, looks the person up, and
// logs the request whatever its outcome.
func (s *Server) dataHandler(db string, subject func(*http.Request) string, fetch fetcher) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived := time.Now()
		e := LogEntry{
			Time:       s.now().UTC(),
			Database:   db,
			PersonalID: clip(subject(r), 32),
			Purpose:    clip(r.Header.Get(headerPurpose), 32),
			Reference:  clip(r.Header.Get(headerReference), maxReference),
		}
		e.ClientID, e.Status = s.serveData(w, r, arrived, db, subject(r), fetch)
		s.log.add(e)
	})
}

// serveData answers a request that arrived at arrived: the record is looked up and encoded
// first, and sent when the database's latency has passed since the request arrived.
func (s *Server) serveData(w http.ResponseWriter, r *http.Request, arrived time.Time, db, pid string, fetch fetcher) (clientID string, status int) {
	clientID, ok := s.authenticate(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ndxp"`)
		return "", writeError(w, http.StatusUnauthorized, "unauthorized", "a valid bearer token or client credentials are required")
	}
	purpose, reference := r.Header.Get(headerPurpose), r.Header.Get(headerReference)
	if purpose != "citizen-view" && !purposeRE.MatchString(purpose) {
		return clientID, writeError(w, http.StatusBadRequest, "invalid_request",
			headerPurpose+" must be a procedure code such as 1.001193, or citizen-view")
	}
	if reference == "" || !utf8.ValidString(reference) || utf8.RuneCountInString(reference) > maxReference {
		return clientID, writeError(w, http.StatusBadRequest, "invalid_request",
			headerReference+" must be present, UTF-8 and at most 100 characters")
	}
	if !validPersonalID(pid) {
		return clientID, writeError(w, http.StatusBadRequest, "invalid_personal_id", "a personal ID has exactly 12 digits")
	}
	v, found := fetch(pid)
	if f := s.faults.get(db); f.Answer != "" {
		v, found = s.untrueAnswer(db, pid, f, fetch)
	}
	var body []byte
	status = http.StatusOK
	if found {
		body, status = encodeJSON(v)
	}
	if err := s.injectFault(r.Context(), db, arrived); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return clientID, statusClientGone // nobody is listening
		}
		return clientID, writeError(w, http.StatusServiceUnavailable, "unavailable", "the "+db+" database is unavailable, try again later")
	}
	if !found {
		return clientID, writeError(w, http.StatusNotFound, "not_found", "no record of this person in the "+db+" database")
	}
	writeBody(w, status, body)
	return clientID, status
}

// clip keeps at most n runes of s, so a hostile header cannot fill the log.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func (s *Server) showCitizen(pid string) (any, bool) {
	c, ok := s.citizen(pid)
	return c, ok
}

func (s *Server) listParcels(pid string) (any, bool) {
	parcels, ok := s.parcels(pid)
	return Parcels{HolderPersonalID: pid, Parcels: parcels}, ok
}

func (s *Server) showParticipant(pid string) (any, bool) {
	p, ok := s.participant(pid)
	return p, ok
}

// citizen looks a person up in the population database, as issued results updated it.
func (s *Server) citizen(pid string) (*Citizen, bool) {
	if c, ok := s.updates.person(pid); ok {
		return c, true
	}
	return s.baseCitizen(pid)
}

// baseCitizen looks a person up among the demo and the synthetic citizens.
func (s *Server) baseCitizen(pid string) (*Citizen, bool) {
	if c, ok := s.demo.citizens[pid]; ok {
		return c, true
	}
	i, ok := s.synth.lookup(pid)
	if !ok {
		return nil, false
	}
	var hh household
	s.synth.derive(s.synth.householdOf(i), &hh)
	return s.synth.citizen(&hh, i-hh.start), true
}

// parcels lists the parcels a person holds; it reports false for an unknown person.
func (s *Server) parcels(pid string) ([]Parcel, bool) {
	if _, ok := s.demo.citizens[pid]; ok {
		return s.demo.parcelsOf(pid), true
	}
	i, ok := s.synth.lookup(pid)
	if !ok {
		return nil, false
	}
	var hh household
	s.synth.derive(s.synth.householdOf(i), &hh)
	return s.synth.parcels(&hh, i-hh.start), true
}

// participant looks a person up in the social insurance database.
func (s *Server) participant(pid string) (*Participant, bool) {
	if _, ok := s.demo.citizens[pid]; ok {
		p, ok := s.demo.participants[pid]
		return p, ok
	}
	i, ok := s.synth.lookup(pid)
	if !ok {
		return nil, false
	}
	var hh household
	s.synth.derive(s.synth.householdOf(i), &hh)
	p := s.synth.participant(&hh, i-hh.start)
	return p, p != nil
}
