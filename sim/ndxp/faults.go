package ndxp

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault makes a database slow, failing, untrustworthy, or all three: every request is answered
// Latency after it arrived, or fails then with probability FailureRate (0..1), and a request
// that does not fail is answered as Answer says.
type Fault struct {
	Latency     time.Duration
	FailureRate float64
	// Answer replaces the record asked for: "" (the true record), AnswerOtherPerson,
	// AnswerEmpty or AnswerIncomplete.
	Answer string
	// Other is whose record AnswerOtherPerson returns; "" = the first demo person, by
	// personal ID, other than the one asked.
	Other string
}

// What a database may answer instead of the record asked for, so that a client's checks
// can be tried: the exchange mixing up two requests, an empty body, a record cut short.
const (
	AnswerOtherPerson = "other-person" // another person's complete record, with 200
	AnswerEmpty       = "empty"        // {} with 200
	AnswerIncomplete  = "incomplete"   // the person asked, every other required field missing
)

func (f Fault) validate() error {
	if f.Latency < 0 {
		return fmt.Errorf("latency %s: must not be negative", f.Latency)
	}
	if !(f.FailureRate >= 0 && f.FailureRate <= 1) { // also rejects NaN
		return fmt.Errorf("failure rate %v: want 0..1", f.FailureRate)
	}
	switch f.Answer {
	case "", AnswerOtherPerson, AnswerEmpty, AnswerIncomplete:
	default:
		return fmt.Errorf("answer %q: want %s, %s or %s", f.Answer, AnswerOtherPerson, AnswerEmpty, AnswerIncomplete)
	}
	if f.Other != "" && (f.Answer != AnswerOtherPerson || !validPersonalID(f.Other)) {
		return fmt.Errorf("other %q: a 12-digit personal ID, with answer %s", f.Other, AnswerOtherPerson)
	}
	return nil
}

func knownDatabase(db string) bool {
	return db == DBPopulation || db == DBLand || db == DBInsurance
}

// ParseFaults parses a fault specification such as
// "land=latency:200ms,failure:0.5;insurance=failure:1;population=answer:other-person":
// databases separated by ";", each with a comma-separated list of latency:<duration>,
// failure:<rate>, answer:<other-person|empty|incomplete> and other:<personal ID>.
func ParseFaults(spec string) (map[string]Fault, error) {
	out := make(map[string]Fault)
	for part := range strings.SplitSeq(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		db, settings, ok := strings.Cut(part, "=")
		db = strings.TrimSpace(db)
		if !ok || !knownDatabase(db) {
			return nil, fmt.Errorf("faults %q: want <database>=<settings> with database population, land or insurance", part)
		}
		if _, dup := out[db]; dup {
			return nil, fmt.Errorf("faults: %s given twice", db)
		}
		var f Fault
		for setting := range strings.SplitSeq(settings, ",") {
			key, value, ok := strings.Cut(strings.TrimSpace(setting), ":")
			var err error
			switch {
			case !ok:
				err = errors.New("want latency:<duration>, failure:<rate>, answer:<kind> or other:<personal ID>")
			case key == "latency":
				f.Latency, err = time.ParseDuration(value)
			case key == "failure":
				f.FailureRate, err = strconv.ParseFloat(value, 64)
			case key == "answer":
				f.Answer = value
			case key == "other":
				f.Other = value
			default:
				err = fmt.Errorf("unknown setting %q", key)
			}
			if err != nil {
				return nil, fmt.Errorf("faults %s %q: %w", db, setting, err)
			}
		}
		if err := f.validate(); err != nil {
			return nil, fmt.Errorf("faults %s: %w", db, err)
		}
		out[db] = f
	}
	return out, nil
}

// faultTable holds the current fault of each database.
type faultTable struct {
	mu sync.RWMutex
	m  map[string]Fault
}

func newFaultTable() *faultTable { return &faultTable{m: make(map[string]Fault)} }

func (t *faultTable) get(db string) Fault {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.m[db]
}

func (t *faultTable) all() map[string]Fault {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := map[string]Fault{DBPopulation: {}, DBLand: {}, DBInsurance: {}}
	for db, f := range t.m {
		out[db] = f
	}
	return out
}

// SetFault sets the fault of a database; the zero Fault clears it.
func (s *Server) SetFault(database string, f Fault) error {
	if !knownDatabase(database) {
		return fmt.Errorf("ndxp: unknown database %q", database)
	}
	if err := f.validate(); err != nil {
		return fmt.Errorf("ndxp: %s: %w", database, err)
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.m[database] = f
	return nil
}

// ClearFaults makes every database fast and reliable again.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	clear(s.faults.m)
}

var errInjected = errors.New("injected failure")

// injectFault applies a database's fault to a request that arrived at since: it waits until
// the latency has passed since then, unless the client gives up first, then maybe fails. A
// database "at 50 ms" answers 50 ms after it was asked, whatever the simulator's own lookup
// and encoding took meanwhile (they run on the machine under test, a real database's do not).
// The draw uses math/rand/v2's global source, which is safe for concurrent use.
func (s *Server) injectFault(ctx context.Context, db string, since time.Time) error {
	f := s.faults.get(db)
	if wait := f.Latency - time.Since(since); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	if f.FailureRate > 0 && rand.Float64() < f.FailureRate { //nolint:gosec // G404: injected failures need a fair coin, not an unpredictable one
		return errInjected
	}
	return nil
}
