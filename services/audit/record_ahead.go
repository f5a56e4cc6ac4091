package audit

import (
	"context"
	"errors"
	"fmt"
)

// Head is the head of one citizen's chain read ahead of an append, without the chain's lock
// (ReadHead), for RecordAndListAfter.
type Head struct {
	subject string
	head    chainHead
}

// errHeadMoved is an append after a head read ahead finding, under the chain's lock, that
// another append came first (migration 00038's check).
var errHeadMoved = errors.New("the chain moved past the head read ahead")

// serializationFailure is the SQLSTATE the head check fails with.
const serializationFailure = "40001"

// ReadHead reads the head of subject's chain as it is now, without locking the chain: one
// statement, which may run while the data the append will record is being fetched.
func (l *Log) ReadHead(ctx context.Context, subject string) (Head, error) {
	if !personalID.MatchString(subject) {
		return Head{}, fmt.Errorf("audit: subject %q is not a personal ID", subject)
	}
	heads, err := lockChains(ctx, l.pool, []string{subject}, false, false)
	if err != nil {
		return Head{}, err
	}
	return Head{subject: subject, head: *heads[subject]}, nil
}

// RecordAndListAfter is RecordAndList for entries of head's citizen, whose chain's head was read
// ahead (ReadHead): the transaction's BEGIN, the chain's lock, the check that the head is still
// the one read, the rows, the list and the COMMIT go in one round trip instead of two. When
// another append came first, the check fails the transaction before any row is written, and the
// append runs again as RecordAndList does. A chain is written only under its lock, from the head
// read under it or checked under it, so the chain is the same either way.
func (l *Log) RecordAndListAfter(ctx context.Context, head Head, limit int, entries ...Entry) ([]Entry, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("audit: record and list: limit %d", limit)
	}
	if head.subject == "" {
		return nil, errors.New("audit: record and list after a head: no head was read")
	}
	if len(entries) == 0 {
		return l.ForSubject(ctx, head.subject, limit)
	}
	list, err := l.appendOwn(ctx, entries, appendRun{subject: head.subject, limit: limit, ahead: &head})
	if errors.Is(err, errHeadMoved) {
		return l.appendOwn(ctx, entries, appendRun{subject: head.subject, limit: limit})
	}
	return list, err
}
