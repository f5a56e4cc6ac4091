package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
)

// Report is the result of checking the whole log.
type Report struct {
	Rows      int64
	OK        bool
	BrokenSeq int64  // the first row (by seq) that does not check out; 0 when OK
	Reason    string // why it does not
}

const verifyColumns = `seq, chain, coalesce(subject_seq, 0), subject_personal_id, actor_kind, actor_id, actor_name, actor_role,
	purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash`

type verifyRow struct {
	Entry
	chain          int16
	prevHash, hash []byte
}

func scanVerifyRow(rows interface{ Scan(...any) error }) (verifyRow, error) {
	var r verifyRow
	err := rows.Scan(&r.Seq, &r.chain, &r.SubjectSeq, &r.SubjectPersonalID, &r.ActorKind, &r.ActorID, &r.ActorName, &r.ActorRole,
		&r.Purpose, &r.Reference, &r.Databases, &r.Attributes, &r.Outcome, &r.AccessedAt, &r.prevHash, &r.hash)
	return r, err
}

// Verify checks every row and reports the first (by seq) whose hash, link to the row before it,
// or place in its chain does not check out. Rows from before the log became per citizen are
// checked as the one global chain they were written as; newer rows as each citizen's chain.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	rep := Report{OK: true}
	fail := func(seq int64, reason string) {
		if rep.OK || seq < rep.BrokenSeq {
			rep.OK, rep.BrokenSeq, rep.Reason = false, seq, reason
		}
	}
	if err := l.verifyGlobal(ctx, fail); err != nil {
		return Report{}, err
	}
	n, err := l.verifySubjects(ctx, fail)
	if err != nil {
		return Report{}, err
	}
	rep.Rows = n
	return rep, nil
}

// verifyGlobal walks the chain-1 rows in order: seq 1, 2, 3… each linked to the one before.
func (l *Log) verifyGlobal(ctx context.Context, fail func(int64, string)) error {
	rows, err := l.pool.Query(ctx, `SELECT `+verifyColumns+` FROM data_access_log WHERE chain = 1 ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("audit: verify: %w", err)
	}
	defer rows.Close()
	prev := make([]byte, sha256.Size)
	var want int64 = 1
	for rows.Next() {
		r, err := scanVerifyRow(rows)
		if err != nil {
			return fmt.Errorf("audit: verify: %w", err)
		}
		switch {
		case r.Seq != want:
			fail(want, fmt.Sprintf("row %d is missing (next row is %d)", want, r.Seq))
			return nil
		case !bytes.Equal(r.prevHash, prev):
			fail(r.Seq, "its link to the previous row does not match")
			return nil
		case !bytes.Equal(hashEntry(prev, r.Entry), r.hash):
			fail(r.Seq, "its content does not match its hash")
			return nil
		}
		prev = r.hash
		want++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("audit: verify: %w", err)
	}
	return nil
}

// verifySubjects walks each citizen's rows in order: the chain-2 rows must number 1, 2, 3…
// and each must link to the citizen's row before it, of either chain. It returns the rows seen.
func (l *Log) verifySubjects(ctx context.Context, fail func(int64, string)) (int64, error) {
	rows, err := l.pool.Query(ctx, `SELECT `+verifyColumns+` FROM data_access_log ORDER BY subject_personal_id, seq`)
	if err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	defer rows.Close()
	var n int64
	subject, prev, last, broken := "", make([]byte, sha256.Size), int64(0), false
	for rows.Next() {
		r, err := scanVerifyRow(rows)
		if err != nil {
			return 0, fmt.Errorf("audit: verify: %w", err)
		}
		n++
		if r.SubjectPersonalID != subject {
			subject, prev, last, broken = r.SubjectPersonalID, make([]byte, sha256.Size), 0, false
		}
		if broken { // one report per citizen: the rest of their chain follows from the break
			continue
		}
		switch {
		case r.chain == 1 && last > 0:
			fail(r.Seq, "a row of the old global chain comes after this citizen's own chain began")
			broken = true
		case r.chain == 1:
			// Checked by verifyGlobal; it is the link for the citizen's first chain-2 row.
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
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	return n, nil
}
