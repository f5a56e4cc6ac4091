package audit

import (
	"context"
	"fmt"
)

// RecordAndList is Record, then ForSubject(subject, limit), in one transaction: the rows and the
// read that shows them go in one round trip, and the page that shows a citizen's own access
// (My data) needs no transaction of its own to read the log. The list is read after the rows
// are written, so it holds them; it is returned only once they are committed.
func (l *Log) RecordAndList(ctx context.Context, subject string, limit int, entries ...Entry) ([]Entry, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("audit: record and list: limit %d", limit)
	}
	if len(entries) == 0 {
		return l.ForSubject(ctx, subject, limit)
	}
	return l.recordAndList(ctx, subject, 0, limit, entries)
}

// RecordAndListOnto is RecordAndList for a caller that has read the log already: shown is what
// ForSubject(subject, limit) returned a moment before (My data reads it while the national
// databases answer, off the page's critical path). The append's round trip then reads only the
// rows of subject written since shown's newest (these entries, and anybody else's), and the
// list is those, newest first, then shown, cut at limit: the list RecordAndList would return,
// with at most a few rows read while the chain is locked instead of limit. It is the same list
// because a citizen's rows take their seq while their chain is locked, and the lock is held until
// they commit: every row shown lacks was written after shown's newest, with a greater seq.
func (l *Log) RecordAndListOnto(ctx context.Context, subject string, limit int, shown []Entry, entries ...Entry) ([]Entry, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("audit: record and list: limit %d", limit)
	}
	if len(entries) == 0 {
		return l.ForSubject(ctx, subject, limit)
	}
	var after int64
	if len(shown) > 0 {
		after = shown[0].Seq
	}
	newer, err := l.recordAndList(ctx, subject, after, limit, entries)
	if err != nil {
		return nil, err
	}
	return append(newer, shown[:min(len(shown), limit-len(newer))]...), nil
}

func (l *Log) recordAndList(ctx context.Context, subject string, after int64, limit int, entries []Entry) ([]Entry, error) {
	return l.appendOwn(ctx, entries, appendRun{subject: subject, after: after, limit: limit})
}
