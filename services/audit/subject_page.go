package audit

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/audit/internal/auditdb"
)

// ForSubjectBefore returns up to limit accesses to one citizen's data older than the row whose
// Seq is before, newest first: a page of their whole log, read by keyset on seq, so a page
// costs the same however far back it is. The next page's before is the last row's Seq.
func (l *Log) ForSubjectBefore(ctx context.Context, personalID string, before int64, limit int) ([]Entry, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("audit: for subject before: limit %d", limit)
	}
	rows, err := auditdb.New(l.pool).EntriesOfSubjectBefore(ctx, personalID, before, int64(limit))
	if err != nil {
		return nil, fmt.Errorf("audit: for subject before: %w", err)
	}
	entries := make([]Entry, len(rows))
	for i, r := range rows {
		entries[i] = subjectEntry(auditdb.EntriesOfSubjectRow(r))
	}
	return entries, nil
}
