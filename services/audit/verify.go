package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
)

// Report is the result of checking the whole chain.
type Report struct {
	Rows      int64
	OK        bool
	BrokenSeq int64  // the first row that does not check out; 0 when OK
	Reason    string // why it does not
}

// Verify walks the chain from the first row and reports the first row whose hash, link to the
// previous row, or sequence number does not check out.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	rows, err := l.pool.Query(ctx, `
		SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
		       databases, attributes, outcome, accessed_at, prev_hash, hash
		FROM data_access_log ORDER BY seq`)
	if err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	defer rows.Close()
	rep := Report{OK: true}
	prev := make([]byte, sha256.Size)
	var want int64 = 1
	for rows.Next() {
		var e Entry
		var prevHash, hash []byte
		if err := rows.Scan(&e.Seq, &e.SubjectPersonalID, &e.ActorKind, &e.ActorID, &e.ActorName, &e.ActorRole,
			&e.Purpose, &e.Reference, &e.Databases, &e.Attributes, &e.Outcome, &e.AccessedAt, &prevHash, &hash); err != nil {
			return Report{}, fmt.Errorf("audit: verify: %w", err)
		}
		rep.Rows++
		switch {
		case e.Seq != want:
			return broken(rep, want, fmt.Sprintf("row %d is missing (next row is %d)", want, e.Seq)), nil
		case !bytes.Equal(prevHash, prev):
			return broken(rep, e.Seq, "its link to the previous row does not match"), nil
		case !bytes.Equal(hashEntry(prev, e), hash):
			return broken(rep, e.Seq, "its content does not match its hash"), nil
		}
		prev = hash
		want++
	}
	if err := rows.Err(); err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	return rep, nil
}

func broken(rep Report, seq int64, reason string) Report {
	rep.OK, rep.BrokenSeq, rep.Reason = false, seq, reason
	return rep
}
