package ndxp

import (
	"sync"
	"time"
)

// logCapacity is how many data requests the platform remembers.
const logCapacity = 100_000

// LogEntry is one data request as the platform logged it: a read, or an update (updates.go),
// whose reference is the result code and whose subject is the person it concerns.
type LogEntry struct {
	Time       time.Time `json:"time"`
	ClientID   string    `json:"client_id"` // "" when the client was not authenticated
	Database   string    `json:"database"`
	Operation  string    `json:"operation,omitempty"` // "update" for an update; "" for a read
	PersonalID string    `json:"personal_id"`         // the subject, as asked for
	Purpose    string    `json:"purpose"`
	Reference  string    `json:"reference"`
	Status     int       `json:"status"` // HTTP status; 499 when the client gave up
}

// accessLog is a ring buffer of the latest entries.
type accessLog struct {
	mu       sync.Mutex
	capacity int
	entries  []LogEntry // grows up to capacity, then wraps
	next     int        // where the next entry goes once full
}

func newAccessLog(capacity int) *accessLog { return &accessLog{capacity: capacity} }

func (l *accessLog) add(e LogEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) < l.capacity {
		l.entries = append(l.entries, e)
		return
	}
	l.entries[l.next] = e
	l.next = (l.next + 1) % l.capacity
}

// newest returns up to limit entries that match, newest first; limit < 0 means all.
func (l *accessLog) newest(limit int, match func(*LogEntry) bool) []LogEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []LogEntry{}
	n := len(l.entries)
	for k := 0; k < n && (limit < 0 || len(out) < limit); k++ {
		e := &l.entries[((l.next-1-k)%n+n)%n]
		if match == nil || match(e) {
			out = append(out, *e)
		}
	}
	return out
}

// Log returns the data requests the platform remembers (the latest 100,000), newest first.
func (s *Server) Log() []LogEntry { return s.log.newest(-1, nil) }
