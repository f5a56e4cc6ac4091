// Package audit is the data-access log: one append-only, hash-chained row for every access to a
// citizen's personal data through the portal, shown to that citizen on their My data page. The
// table data_access_log is read and written only here, through the named queries of
// queries/data_access_log.sql compiled by sqlc into internal/auditdb. The table is partitioned
// by month (migration 00031): a past month is exported to a signed archive (archive.go,
// archive_sign.go), checked offline (archive_verify.go), then detached (detach.go).
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/audit/internal/auditdb"
	"github.com/motlan/portal/services/database/pipeline"
)

// Actor kinds.
const (
	ActorCitizen  = "citizen"
	ActorStaff    = "staff"
	ActorHelpdesk = "helpdesk"
	ActorSystem   = "system"
)

// Outcomes of an access.
const (
	OutcomeOK          = "ok"
	OutcomeNotFound    = "not_found"
	OutcomeUnavailable = "unavailable"
	OutcomeDenied      = "denied"
)

// Entry is one access to one citizen's data.
type Entry struct {
	Seq               int64    // global order
	SubjectSeq        int64    // place in the citizen's own chain, from 1
	SubjectPersonalID string   // whose data
	ActorKind         string   // who: citizen, staff, helpdesk, system
	ActorID           string   // the actor's stable id (citizen account, staff login)
	ActorName         string   // shown to the citizen
	ActorRole         string   // e.g. citizen, officer, helpdesk
	Purpose           string   // procedure code or citizen-view
	Reference         string   // draft, case or consent reference
	Databases         []string // population, land, insurance, or portal for views of stored data
	Attributes        []string // what was read
	Outcome           string
	AccessedAt        time.Time
}

// Log appends to and reads the data-access log.
type Log struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// New returns the data-access log.
func New(pool *pgxpool.Pool, now func() time.Time) *Log {
	if now == nil {
		now = time.Now
	}
	return &Log{pool: pool, now: now}
}

var personalID = regexp.MustCompile(`^[0-9]{12}$`)

// Record appends entries in one transaction, in order. AccessedAt defaults to now.
func (l *Log) Record(ctx context.Context, entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	_, err := l.appendOwn(ctx, entries, appendRun{})
	return err
}

// chainLockClass is the first key of the advisory locks on citizens' chains; the second is a
// hash of the personal ID. Two citizens whose IDs hash alike merely wait for each other.
const chainLockClass = 0x4d4c4155 // "MLAU"

// RecordTx appends entries inside the caller's transaction, so an access and its record commit
// together or not at all. Each citizen's entries form their own chain: the append locks the
// chains of the entries' subjects (in a fixed order, so two appends never deadlock), and those
// locks are held until the caller commits.
func (l *Log) RecordTx(ctx context.Context, tx pgx.Tx, entries ...Entry) error {
	_, err := l.appendTx(ctx, tx, entries, appendRun{})
	return err
}

// appendRun says how appendTx runs: in the caller's transaction (RecordTx), or in a
// transaction of its own (own), its BEGIN sent with the chain locks and its COMMIT with the rows,
// so that the append takes two round trips instead of four (appendOwn); and whether it also
// reads the newest limit rows of subject's chain after the append, in the rows' round trip
// (RecordAndList). With ahead, an own transaction's BEGIN, chain lock and check that the head is
// still the one read ahead go with the rows and the COMMIT: one round trip (RecordAndListAfter).
type appendRun struct {
	own     bool
	subject string
	limit   int
	ahead   *Head // the chain's head read ahead, unlocked: one round trip (RecordAndListAfter)
	// written, when set, receives the rows written, in the entries' order, as EntriesOfSubject
	// reads them back (RecordAndListAfter shows them above the rows read with the head).
	written *[]Entry
}

// appendOwn runs appendTx in a transaction of its own, on a connection of the pool.
func (l *Log) appendOwn(ctx context.Context, entries []Entry, run appendRun) (list []Entry, err error) {
	conn, err := l.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: append: %w", err)
	}
	defer func() {
		// A failed statement leaves the transaction open (aborted): end it, which frees the
		// chains' locks. The pool closes a connection released in a transaction, which ends it too.
		if err != nil && conn.Conn().PgConn().TxStatus() != 'I' {
			_, _ = conn.Exec(context.WithoutCancel(ctx), "rollback")
		}
		conn.Release()
	}()
	run.own = true
	return l.appendTx(ctx, conn, entries, run)
}

// appendTx appends entries as run says (RecordTx, appendOwn) on db, a transaction or a
// connection.
func (l *Log) appendTx(ctx context.Context, db auditdb.DBTX, entries []Entry, run appendRun) ([]Entry, error) {
	subjects := map[string]bool{}
	for _, e := range entries {
		if !personalID.MatchString(e.SubjectPersonalID) {
			return nil, fmt.Errorf("audit: subject %q is not a personal ID", e.SubjectPersonalID)
		}
		subjects[e.SubjectPersonalID] = true
	}
	order := slices.Sorted(maps.Keys(subjects)) // the chains' locks and heads go in this order
	var heads map[string]*chainHead
	if run.ahead != nil {
		if !run.own || len(subjects) != 1 || !subjects[run.ahead.subject] {
			return nil, fmt.Errorf("audit: append after a head read ahead: entries of another chain than %s", run.ahead.subject)
		}
		h := run.ahead.head
		heads = map[string]*chainHead{run.ahead.subject: &h}
	} else {
		var err error
		if heads, err = lockChains(ctx, db, order, run.own, true); err != nil {
			return nil, err
		}
	}
	// Each chain's head moves from the one read to the append's last row (ChainAdvance), in the
	// subjects' order, before the rows.
	advances := make([]auditdb.ChainAdvanceParams, len(order))
	for i, pid := range order {
		advances[i] = auditdb.ChainAdvanceParams{SubjectPersonalID: pid, HeadSeq: heads[pid].seq, HeadHash: heads[pid].hash}
	}
	rows := make([]auditdb.EntryInsertParams, len(entries))
	for i, e := range entries {
		if e.AccessedAt.IsZero() {
			e.AccessedAt = l.now()
		}
		// PostgreSQL keeps microseconds: hash what will be read back.
		e.AccessedAt = e.AccessedAt.UTC().Truncate(time.Microsecond)
		if e.Databases == nil {
			e.Databases = []string{}
		}
		if e.Attributes == nil {
			e.Attributes = []string{}
		}
		h := heads[e.SubjectPersonalID]
		// A row is never dated before the row before it in the citizen's chain, so the chain's
		// order and its rows' months agree: a month's archive holds a whole stretch of each
		// chain (Export), and detaching months oldest first leaves each chain whole (Detach).
		if e.AccessedAt.Before(h.at) {
			e.AccessedAt = h.at
		}
		e.SubjectSeq = h.seq + 1
		sum := hashSubjectEntry(h.hash, e)
		rows[i] = auditdb.EntryInsertParams{SubjectSeq: e.SubjectSeq, SubjectPersonalID: e.SubjectPersonalID,
			ActorKind: e.ActorKind, ActorID: e.ActorID, ActorName: e.ActorName, ActorRole: e.ActorRole,
			Purpose: e.Purpose, Reference: e.Reference, Databases: e.Databases, Attributes: e.Attributes,
			Outcome: e.Outcome, AccessedAt: e.AccessedAt, PrevHash: h.hash, Hash: sum}
		h.seq, h.hash, h.at = e.SubjectSeq, sum, e.AccessedAt
	}
	for i := range advances {
		h := heads[advances[i].SubjectPersonalID]
		advances[i].NewSeq, advances[i].NewHash, advances[i].NewAt = h.seq, h.hash, h.at
	}
	// All the rows in one round trip, with the read behind them when one is asked for, and the
	// commit behind them when the transaction is the append's own.
	p := pipeline.New(db)
	q := auditdb.New(p)
	var begun pgx.BatchResults
	var locked *auditdb.ChainLockBatchResults
	if a := run.ahead; a != nil {
		begun = p.Queue("begin")
		locked = q.ChainLock(ctx, []auditdb.ChainLockParams{{Class: chainLockClass, SubjectPersonalID: a.subject}})
	}
	advanced := q.ChainAdvance(ctx, advances)
	inserted := q.EntryInsert(ctx, rows)
	var read *auditdb.EntriesOfSubjectAfterAppendBatchResults
	if run.limit > 0 {
		read = q.EntriesOfSubjectAfterAppend(ctx, []auditdb.EntriesOfSubjectAfterAppendParams{{SubjectPersonalID: run.subject, MaxRows: int64(run.limit)}})
	}
	var committed pgx.BatchResults
	if run.own {
		committed = p.Queue("commit")
	}
	p.Send(ctx)
	var err error
	if begun != nil {
		if _, e := begun.Exec(); e != nil {
			err = fmt.Errorf("audit: begin: %w", e)
		}
		locked.Exec(func(_ int, e error) {
			if err == nil && e != nil {
				err = fmt.Errorf("audit: lock chain: %w", e)
			}
		})
	}
	advanced.Exec(func(_ int, e error) {
		if err == nil && e != nil {
			if pe, ok := errors.AsType[*pgconn.PgError](e); ok && pe.Code == serializationFailure {
				e = errHeadMoved
			}
			err = fmt.Errorf("audit: chain head: %w", e)
		}
	})
	inserted.QueryRow(func(_ int, r auditdb.EntryInsertRow, e error) {
		if err == nil && e != nil {
			err = fmt.Errorf("audit: append: %w", e)
		}
		if e == nil && run.written != nil {
			*run.written = append(*run.written, subjectEntry(auditdb.EntriesOfSubjectRow(r)))
		}
	})
	var list []Entry
	if read != nil {
		read.Query(func(_ int, rs []auditdb.EntriesOfSubjectAfterAppendRow, e error) {
			if err == nil && e != nil {
				err = fmt.Errorf("audit: list after append: %w", e)
			}
			list = make([]Entry, len(rs))
			for i, r := range rs {
				list[i] = subjectEntry(auditdb.EntriesOfSubjectRow(r))
			}
		})
	}
	if committed != nil {
		// After a failed statement the server skips the commit; a commit that ends a failed
		// transaction answers ROLLBACK.
		if tag, e := committed.Exec(); err == nil && (e != nil || tag.String() != "COMMIT") {
			err = fmt.Errorf("audit: append: commit: %q %w", tag.String(), e)
		}
	}
	if e := p.Close(); err == nil && e != nil {
		err = fmt.Errorf("audit: append: %w", e)
	}
	if err != nil {
		return nil, err
	}
	return list, nil
}

// chainHead is the newest row of a citizen's chain: its place, hash and time, zeros before the
// first.
type chainHead struct {
	seq  int64
	hash []byte
	at   time.Time
}

// set takes the head from ChainHead's row; no row leaves the zeros of a chain's first row.
func (h *chainHead) set(r auditdb.ChainHeadRow, err error) error {
	switch {
	case errors.Is(err, pgx.ErrNoRows): // the citizen's first row: the chain starts from zeros
	case err != nil:
		return fmt.Errorf("audit: chain head: %w", err)
	default:
		h.seq, h.hash, h.at = r.SubjectSeq, r.Hash, r.AccessedAt.UTC()
	}
	return nil
}

// lockChains locks the chains of subjects, in that order, and reads their heads, in one round
// trip (services/database/pipeline): the statements run one after the other, and each head is read by a
// statement of its own, after every lock is held, so its snapshot sees what the previous holder
// committed.
//
// With begin, the pipeline opens with BEGIN: the append's own transaction starts in the round
// trip that takes its locks (appendOwn).
//
// Without lock it only reads the heads, as they are at that moment (ReadHead).
func lockChains(ctx context.Context, db auditdb.DBTX, subjects []string, begin, lock bool) (map[string]*chainHead, error) {
	heads := make(map[string]*chainHead, len(subjects))
	locks := make([]auditdb.ChainLockParams, len(subjects))
	for i, pid := range subjects {
		heads[pid] = &chainHead{hash: make([]byte, sha256.Size)}
		locks[i] = auditdb.ChainLockParams{Class: chainLockClass, SubjectPersonalID: pid}
	}
	p := pipeline.New(db)
	var begun pgx.BatchResults
	if begin {
		begun = p.Queue("begin")
	}
	q := auditdb.New(p)
	var locked *auditdb.ChainLockBatchResults
	if lock {
		locked = q.ChainLock(ctx, locks)
	}
	read := q.ChainHead(ctx, subjects)
	p.Send(ctx)
	var err error
	if begun != nil {
		if _, e := begun.Exec(); e != nil {
			err = fmt.Errorf("audit: begin: %w", e)
		}
	}
	if locked != nil {
		locked.Exec(func(_ int, e error) {
			if err == nil && e != nil {
				err = fmt.Errorf("audit: lock chains: %w", e)
			}
		})
	}
	read.QueryRow(func(i int, r auditdb.ChainHeadRow, e error) {
		if e := heads[subjects[i]].set(r, e); err == nil && e != nil {
			err = e
		}
	})
	if e := p.Close(); err == nil && e != nil {
		err = fmt.Errorf("audit: lock chains: %w", e)
	}
	if err != nil {
		return nil, err
	}
	return heads, nil
}

// hashSubjectEntry is the hash of a row of a citizen's chain (chain 2): SHA-256 over the
// citizen's previous row's hash, a version tag, the row's place in the citizen's chain and every
// field, each length-prefixed so no two different rows encode alike. The global seq is not
// covered: it is only an order, taken from a sequence at insert.
func hashSubjectEntry(prev []byte, e Entry) []byte {
	h := sha256.New()
	h.Write(prev)
	writeFields(h, "chain2", fmt.Sprint(e.SubjectSeq))
	writeEntryFields(h, e)
	return h.Sum(nil)
}

func writeEntryFields(h hash.Hash, e Entry) {
	writeFields(h, e.SubjectPersonalID, e.ActorKind, e.ActorID, e.ActorName, e.ActorRole, e.Purpose, e.Reference,
		strings.Join(e.Databases, "\x1f"), strings.Join(e.Attributes, "\x1f"), e.Outcome,
		e.AccessedAt.UTC().Format(time.RFC3339Nano))
}

func writeFields(h hash.Hash, fields ...string) {
	for _, s := range fields {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
}

// ForSubject returns the newest accesses to one citizen's data, newest first.
func (l *Log) ForSubject(ctx context.Context, personalID string, limit int) ([]Entry, error) {
	rows, err := auditdb.New(l.pool).EntriesOfSubject(ctx, personalID, int64(limit))
	if err != nil {
		return nil, fmt.Errorf("audit: for subject: %w", err)
	}
	entries := make([]Entry, len(rows))
	for i, r := range rows {
		entries[i] = subjectEntry(r)
	}
	return entries, nil
}

// subjectEntry is a row of a citizen's log as they are shown it.
func subjectEntry(r auditdb.EntriesOfSubjectRow) Entry {
	return Entry{Seq: r.Seq, SubjectPersonalID: r.SubjectPersonalID, ActorKind: r.ActorKind,
		ActorID: r.ActorID, ActorName: r.ActorName, ActorRole: r.ActorRole, Purpose: r.Purpose,
		Reference: r.Reference, Databases: r.Databases, Attributes: r.Attributes, Outcome: r.Outcome,
		AccessedAt: r.AccessedAt}
}
