package audit

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/motlan/portal/services/audit/internal/auditdb"
	"github.com/motlan/portal/services/database/pipeline"
)

// Head is the head of one citizen's chain read ahead of an append, without the chain's lock,
// with the newest rows of the chain read just after it (ReadHead), for RecordAndListAfter.
type Head struct {
	subject string
	head    chainHead
	limit   int
	log     []Entry // the chain's newest limit rows, newest first, read after the head
}

// errHeadMoved is an append after a head read ahead finding, under the chain's lock, that
// another append came first (ChainAdvance, migration 00039).
var errHeadMoved = errors.New("the chain moved past the head read ahead")

// serializationFailure is the SQLSTATE the head check fails with.
const serializationFailure = "40001"

// ReadHead reads the head of subject's chain as it is now, without locking the chain, and then
// the newest limit rows of the chain, in one round trip that may run while the data the append
// will record is being fetched.
func (l *Log) ReadHead(ctx context.Context, subject string, limit int) (Head, error) {
	if !personalID.MatchString(subject) {
		return Head{}, fmt.Errorf("audit: subject %q is not a personal ID", subject)
	}
	if limit <= 0 {
		return Head{}, fmt.Errorf("audit: read head: limit %d", limit)
	}
	h := Head{subject: subject, limit: limit, head: chainHead{hash: make([]byte, sha256.Size)}}
	p := pipeline.New(l.pool)
	q := auditdb.New(p)
	head := q.ChainHead(ctx, []string{subject})
	read := q.EntriesOfSubjectAfterAppend(ctx, []auditdb.EntriesOfSubjectAfterAppendParams{{SubjectPersonalID: subject, MaxRows: int64(limit)}})
	p.Send(ctx)
	var err error
	head.QueryRow(func(_ int, r auditdb.ChainHeadRow, e error) { err = h.head.set(r, e) })
	read.Query(func(_ int, rs []auditdb.EntriesOfSubjectAfterAppendRow, e error) {
		if err == nil && e != nil {
			err = fmt.Errorf("audit: read head: log: %w", e)
		}
		h.log = make([]Entry, len(rs))
		for i, r := range rs {
			h.log[i] = subjectEntry(auditdb.EntriesOfSubjectRow(r))
		}
	})
	if e := p.Close(); err == nil && e != nil {
		err = fmt.Errorf("audit: read head: %w", e)
	}
	if err != nil {
		return Head{}, err
	}
	return h, nil
}

// RecordAndListAfter is RecordAndList for entries of head's citizen, whose chain's head and
// newest rows were read ahead (ReadHead): the transaction's BEGIN, the chain's lock, the check
// that the head is still the one read with its advance to the last row (ChainAdvance), the rows
// and the COMMIT go in one round trip, and the list
// is the rows written, newest first, above the rows read with the head. The check passing means
// nothing was appended to the chain since the head was read, and the rows were read after it, so
// the list is the one RecordAndList would read after the append. When another append came first,
// the check fails the transaction before any row is written, and the append runs again as
// RecordAndList does. A chain is written only under its lock, from the head read under it or
// checked under it, so the chain is the same either way.
func (l *Log) RecordAndListAfter(ctx context.Context, head Head, entries ...Entry) ([]Entry, error) {
	if head.subject == "" {
		return nil, errors.New("audit: record and list after a head: no head was read")
	}
	if len(entries) == 0 {
		return head.log, nil
	}
	var written []Entry
	_, err := l.appendOwn(ctx, entries, appendRun{subject: head.subject, ahead: &head, written: &written})
	if errors.Is(err, errHeadMoved) {
		return l.appendOwn(ctx, entries, appendRun{subject: head.subject, limit: head.limit})
	}
	if err != nil {
		return nil, err
	}
	list := make([]Entry, 0, head.limit)
	for i := len(written) - 1; i >= 0 && len(list) < head.limit; i-- {
		list = append(list, written[i])
	}
	for _, e := range head.log {
		if len(list) == head.limit {
			break
		}
		list = append(list, e)
	}
	return list, nil
}
