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

// Verify checks every row and reports the first (by seq) whose hash, link to the citizen's row
// before it, or place in the citizen's chain does not check out.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	rep := Report{OK: true}
	fail := func(seq int64, reason string) {
		if rep.OK || seq < rep.BrokenSeq {
			rep.OK, rep.BrokenSeq, rep.Reason = false, seq, reason
		}
	}
	n, err := l.verifySubjects(ctx, fail)
	if err != nil {
		return Report{}, err
	}
	rep.Rows = n
	return rep, nil
}

// verifySubjects walks each citizen's rows in order: they must number 1, 2, 3… and each must link
// to the citizen's row before it. It returns the rows seen.
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
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	return n, nil
}
