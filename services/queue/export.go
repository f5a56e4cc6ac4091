package queue

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/motlan/portal/services/audit"
)

// Reader is the staff member who exports the queue.
type Reader struct {
	Login, Name, Role string
}

// MaxExport is the most cases one export holds.
const MaxExport = 400_000

// exportChunk is how many people's rows one transaction writes. Each person's chain takes an
// advisory lock until the transaction ends, and PostgreSQL's lock table is shared by every
// session (max_locks_per_transaction × max_connections, 6,400 by default): an agency's whole
// list at once could fill it.
const exportChunk = 500

// Exporter lists an agency's queue for the supervisor's CSV export (services/stats writes it).
// The file names every applicant in it, so the export is a read of their data: it writes one row
// in the data-access log of each person in the file, however many of their cases it holds.
type Exporter struct {
	Queue *Service
	Log   *audit.Log
}

// Export returns every case of the agency's queue that f selects (f.After is ignored), sorted
// as the queue is, at most MaxExport, once their applicants' access rows are written: no file
// leaves unlogged. The rows are appended in one round trip per 500 people, each batch in its own
// transaction; when a batch fails, the export fails and no file is returned.
func (e Exporter) Export(ctx context.Context, r Reader, agency string, f Filter) ([]Item, error) {
	f.After = ""
	q := e.Queue.pinned(ctx)
	var items []Item
	for len(items) < MaxExport {
		p, err := q.List(ctx, agency, f, 200)
		if err != nil {
			return nil, err
		}
		items = append(items, p.Items...)
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	if len(items) > MaxExport {
		items = items[:MaxExport]
	}
	rows := exportAccess(r, items)
	for len(rows) > 0 {
		n := min(len(rows), exportChunk)
		if err := e.Log.Record(ctx, rows[:n]...); err != nil {
			return nil, fmt.Errorf("queue: export: %w", err)
		}
		rows = rows[n:]
	}
	return items, nil
}

// exportAccess is one row per applicant of items, in the order they first appear, naming the
// codes of their cases in the file.
func exportAccess(r Reader, items []Item) []audit.Entry {
	codes := map[string][]string{}
	var people []string
	for _, it := range items {
		if _, ok := codes[it.ApplicantPID]; !ok {
			people = append(people, it.ApplicantPID)
		}
		codes[it.ApplicantPID] = append(codes[it.ApplicantPID], it.Code)
	}
	out := make([]audit.Entry, len(people))
	for i, pid := range people {
		out[i] = audit.Entry{
			SubjectPersonalID: pid, ActorKind: audit.ActorStaff, ActorID: "staff:" + r.Login, ActorName: r.Name,
			ActorRole: r.Role, Purpose: "agency-export", Reference: reference(codes[pid]), Databases: []string{"portal"},
			Attributes: []string{"case.applicant_name", "case.status", "case.dates"}, Outcome: audit.OutcomeOK,
		}
	}
	return out
}

// reference lists a person's case codes, cut to the log's 200 characters.
func reference(codes []string) string {
	s := strings.Join(codes, ", ")
	if utf8.RuneCountInString(s) > 200 {
		s = string([]rune(s)[:197]) + "…"
	}
	return s
}
