package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/audit/internal/auditdb"
)

// Report is the result of checking the whole log.
type Report struct {
	Rows      int64
	OK        bool
	BrokenSeq int64  // the first row (by seq) that does not check out; 0 when OK
	Reason    string // why it does not
}

type verifyRow struct {
	Entry
	chain          int16
	prevHash, hash []byte
}

func verifyRowOf(r auditdb.ChainsOfSubjectsRow) verifyRow {
	return verifyRow{
		Entry: Entry{Seq: r.Seq, SubjectSeq: r.SubjectSeq, SubjectPersonalID: r.SubjectPersonalID,
			ActorKind: r.ActorKind, ActorID: r.ActorID, ActorName: r.ActorName, ActorRole: r.ActorRole,
			Purpose: r.Purpose, Reference: r.Reference, Databases: r.Databases, Attributes: r.Attributes,
			Outcome: r.Outcome, AccessedAt: r.AccessedAt},
		chain: r.Chain, prevHash: r.PrevHash, hash: r.Hash,
	}
}

// Verify checks every row and reports the first (by seq) whose hash, link to the citizen's row
// before it, or place in the citizen's chain does not check out. The rows are read through the
// partitioned table, every month at once; a chain whose start was detached (Detach) is checked
// from its anchor, the last row detached, and every chain must end at its head (migration
// 00039), so rows removed from the end of a chain are found too.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	rep := Report{OK: true}
	fail := func(seq int64, reason string) {
		if rep.OK || seq < rep.BrokenSeq {
			rep.OK, rep.BrokenSeq, rep.Reason = false, seq, reason
		}
	}
	n, err := l.verifySubjects(ctx, fail, verifyPage)
	if err != nil {
		return Report{}, err
	}
	rep.Rows = n
	return rep, nil
}

// verifyPage is how many citizens' chains Verify reads at a time.
const verifyPage = 1000

// verifySubjects walks each citizen's rows in order: they must number 1, 2, 3… and each must link
// to the citizen's row before it. It reads the chains page citizens at a time, all pages in one
// snapshot, and returns the rows seen.
func (l *Log) verifySubjects(ctx context.Context, fail func(int64, string), page int64) (int64, error) {
	tx, err := l.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	defer tx.Rollback(ctx)
	q := auditdb.New(tx)
	var n int64
	for after := ""; ; {
		subjects, err := q.SubjectsAfter(ctx, after, page)
		if err != nil {
			return 0, fmt.Errorf("audit: verify: %w", err)
		}
		if len(subjects) == 0 {
			return n, nil
		}
		rows, err := q.ChainsOfSubjects(ctx, subjects)
		if err != nil {
			return 0, fmt.Errorf("audit: verify: %w", err)
		}
		anchors, err := q.AnchorsOfSubjects(ctx, subjects)
		if err != nil {
			return 0, fmt.Errorf("audit: verify: %w", err)
		}
		heads, err := q.HeadsOfSubjects(ctx, subjects)
		if err != nil {
			return 0, fmt.Errorf("audit: verify: %w", err)
		}
		n += verifyChains(rows, anchorsOf(anchors), headsOf(heads), fail)
		after = subjects[len(subjects)-1]
	}
}

// anchorsOf maps citizens to the newest row of their chain in detached months.
func anchorsOf(rows []auditdb.AnchorsOfSubjectsRow) map[string]chainHead {
	m := make(map[string]chainHead, len(rows))
	for _, r := range rows {
		m[r.SubjectPersonalID] = chainHead{seq: r.SubjectSeq, hash: r.Hash}
	}
	return m
}

// headsOf maps citizens to the head of their chain (migration 00039).
func headsOf(rows []auditdb.HeadsOfSubjectsRow) map[string]chainHead {
	m := make(map[string]chainHead, len(rows))
	for _, r := range rows {
		m[r.SubjectPersonalID] = chainHead{seq: r.SubjectSeq, hash: r.Hash}
	}
	return m
}

// verifyChains checks whole chains, each citizen's rows in order, and returns the rows seen. A
// citizen's chain starts from 32 zero bytes, or from their anchor when its start was detached,
// and ends at its head: rows missing at the end of a chain are reported at its last row.
func verifyChains(rows []auditdb.ChainsOfSubjectsRow, anchors, heads map[string]chainHead, fail func(int64, string)) int64 {
	subject, prev, last, lastSeq, broken := "", make([]byte, sha256.Size), int64(0), int64(0), false
	ended := func() { // the chain of subject ends at its head
		if subject == "" || broken {
			return
		}
		switch h, ok := heads[subject]; {
		case !ok:
			fail(lastSeq, "this citizen's chain has no head")
		case h.seq > last:
			fail(lastSeq, fmt.Sprintf("rows %d to %d of this citizen's chain are missing at its end (its head is row %d)", last+1, h.seq, h.seq))
		case h.seq != last || !bytes.Equal(h.hash, prev):
			fail(lastSeq, fmt.Sprintf("the chain's head (row %d) is not its last row (row %d)", h.seq, last))
		}
	}
	for _, row := range rows {
		r := verifyRowOf(row)
		if r.SubjectPersonalID != subject {
			ended()
			subject, prev, last, broken = r.SubjectPersonalID, make([]byte, sha256.Size), 0, false
			if a, ok := anchors[subject]; ok {
				prev, last = a.hash, a.seq
			}
		}
		lastSeq = r.Seq
		if broken { // one report per citizen: the rest of their chain follows from the break
			continue
		}
		switch {
		case r.chain != 2:
			// The schema's default; RecordTx always writes chain 2 (see migration 00015).
			fail(r.Seq, "it is not a row of a citizen's chain")
			broken = true
		case r.SubjectSeq != last+1:
			fail(r.Seq, fmt.Sprintf("row %d of this citizen's chain is missing (this is row %d)", last+1, r.SubjectSeq))
			broken = true
		case !bytes.Equal(r.prevHash, prev):
			fail(r.Seq, "its link to the citizen's previous row does not match")
			broken = true
		case !bytes.Equal(hashSubjectEntry(prev, r.Entry), r.hash):
			fail(r.Seq, "its content does not match its hash")
			broken = true
		}
		prev, last = r.hash, r.SubjectSeq
	}
	ended()
	return int64(len(rows))
}
