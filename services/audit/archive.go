package audit

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/audit/internal/auditdb"
)

// An archive of one month of the data-access log is a JSON Lines file: a header line
// (archiveHeader), then one line per row (archiveRow), each citizen's rows together and in the
// order of their chain. A citizen's first row in the month carries the hash of their row before
// it (prev_hash), from an earlier month, so the chain is checked from there without the earlier
// months. The archive is signed apart (Signature, in <archive>.sig).

// ArchiveFormat names the archive's format in its header.
const ArchiveFormat = "motlan-data-access-log/1"

type archiveHeader struct {
	Format     string    `json:"format"`
	Month      string    `json:"month"` // YYYY-MM, a UTC month
	From       time.Time `json:"from"`
	To         time.Time `json:"to"`
	ExportedAt time.Time `json:"exported_at"`
}

type archiveRow struct {
	Seq               int64     `json:"seq"`
	Chain             int16     `json:"chain"`
	SubjectSeq        int64     `json:"subject_seq"`
	SubjectPersonalID string    `json:"subject_personal_id"`
	ActorKind         string    `json:"actor_kind"`
	ActorID           string    `json:"actor_id"`
	ActorName         string    `json:"actor_name"`
	ActorRole         string    `json:"actor_role"`
	Purpose           string    `json:"purpose"`
	Reference         string    `json:"reference"`
	Databases         []string  `json:"databases"`
	Attributes        []string  `json:"attributes"`
	Outcome           string    `json:"outcome"`
	AccessedAt        time.Time `json:"accessed_at"`
	PrevHash          string    `json:"prev_hash"` // hex
	Hash              string    `json:"hash"`      // hex
}

// MonthRange is the UTC month of month ("2026-11"): [from, to).
func MonthRange(month string) (from, to time.Time, err error) {
	from, err = time.Parse("2006-01", month)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("audit: month %q: want YYYY-MM", month)
	}
	return from, from.AddDate(0, 1, 0), nil
}

// ExportResult describes an archive written by Export.
type ExportResult struct {
	Rows   int64
	MaxSeq int64
	SHA256 []byte // of the archive's bytes, which Signature signs
}

// exportPage is how many rows Export reads at a time.
const exportPage = 5000

// Export writes the archive of one month to w, reading the month in one snapshot, and checks
// every chain as it goes: a month whose rows do not check out is not archived.
func (l *Log) Export(ctx context.Context, month string, w io.Writer) (ExportResult, error) {
	from, to, err := MonthRange(month)
	if err != nil {
		return ExportResult{}, err
	}
	tx, err := l.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return ExportResult{}, fmt.Errorf("audit: export: %w", err)
	}
	defer tx.Rollback(ctx)
	sum := sha256.New()
	bw := bufio.NewWriter(io.MultiWriter(w, sum))
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(archiveHeader{Format: ArchiveFormat, Month: month, From: from, To: to,
		ExportedAt: l.now().UTC().Truncate(time.Second)}); err != nil {
		return ExportResult{}, fmt.Errorf("audit: export: %w", err)
	}
	var res ExportResult
	check := &chainCheck{}
	q := auditdb.New(tx)
	for afterSubject, afterSeq := "", int64(0); ; {
		rows, err := q.MonthRowsAfter(ctx, auditdb.MonthRowsAfterParams{FromAt: from, ToAt: to,
			AfterSubject: afterSubject, AfterSeq: afterSeq, MaxRows: exportPage})
		if err != nil {
			return ExportResult{}, fmt.Errorf("audit: export: %w", err)
		}
		for _, r := range rows {
			v := verifyRowOf(auditdb.ChainsOfSubjectsRow(r))
			if err := check.add(v); err != nil {
				return ExportResult{}, fmt.Errorf("audit: export %s: row %d: %w", month, r.Seq, err)
			}
			if err := enc.Encode(archiveRowOf(v)); err != nil {
				return ExportResult{}, fmt.Errorf("audit: export: %w", err)
			}
			res.Rows++
			res.MaxSeq = max(res.MaxSeq, r.Seq)
		}
		if len(rows) < exportPage {
			break
		}
		afterSubject, afterSeq = rows[len(rows)-1].SubjectPersonalID, rows[len(rows)-1].Seq
	}
	if err := bw.Flush(); err != nil {
		return ExportResult{}, fmt.Errorf("audit: export: %w", err)
	}
	res.SHA256 = sum.Sum(nil)
	return res, nil
}

func archiveRowOf(v verifyRow) archiveRow {
	return archiveRow{Seq: v.Seq, Chain: v.chain, SubjectSeq: v.SubjectSeq, SubjectPersonalID: v.SubjectPersonalID,
		ActorKind: v.ActorKind, ActorID: v.ActorID, ActorName: v.ActorName, ActorRole: v.ActorRole,
		Purpose: v.Purpose, Reference: v.Reference, Databases: v.Databases, Attributes: v.Attributes,
		Outcome: v.Outcome, AccessedAt: v.AccessedAt.UTC(), PrevHash: hex.EncodeToString(v.prevHash),
		Hash: hex.EncodeToString(v.hash)}
}

func (a archiveRow) verifyRow() (verifyRow, error) {
	prev, err := hex.DecodeString(a.PrevHash)
	if err != nil {
		return verifyRow{}, fmt.Errorf("prev_hash: %w", err)
	}
	h, err := hex.DecodeString(a.Hash)
	if err != nil {
		return verifyRow{}, fmt.Errorf("hash: %w", err)
	}
	if a.Databases == nil {
		a.Databases = []string{}
	}
	if a.Attributes == nil {
		a.Attributes = []string{}
	}
	return verifyRow{
		Entry: Entry{Seq: a.Seq, SubjectSeq: a.SubjectSeq, SubjectPersonalID: a.SubjectPersonalID,
			ActorKind: a.ActorKind, ActorID: a.ActorID, ActorName: a.ActorName, ActorRole: a.ActorRole,
			Purpose: a.Purpose, Reference: a.Reference, Databases: a.Databases, Attributes: a.Attributes,
			Outcome: a.Outcome, AccessedAt: a.AccessedAt},
		chain: a.Chain, prevHash: prev, hash: h,
	}, nil
}
