package audit

import (
	"context"
	"fmt"
)

// RecordAndList is Record, then ForSubject(subject, limit), in one transaction: the rows and the
// read that shows them go in one round trip, and the page that shows a citizen's own access
// (My data) needs no transaction of its own to read the log. The list is read after the rows
// are written, so it holds them; it is returned only once they are committed. The transaction
// is the append's own: two round trips (appendOwn).
func (l *Log) RecordAndList(ctx context.Context, subject string, limit int, entries ...Entry) ([]Entry, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("audit: record and list: limit %d", limit)
	}
	if len(entries) == 0 {
		return l.ForSubject(ctx, subject, limit)
	}
	return l.appendOwn(ctx, entries, appendRun{subject: subject, limit: limit})
}
