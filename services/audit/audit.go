// Package audit is the data-access log: one append-only, hash-chained row for every access to a
// citizen's personal data through the portal, shown to that citizen on their My data page.
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
	"github.com/jackc/pgx/v5/pgxpool"
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
	tx, err := l.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("audit: record: %w", err)
	}
	defer tx.Rollback(ctx)
	if err := l.RecordTx(ctx, tx, entries...); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("audit: record: %w", err)
	}
	return nil
}

// chainLockClass is the first key of the advisory locks on citizens' chains; the second is a
// hash of the personal ID. Two citizens whose IDs hash alike merely wait for each other.
const chainLockClass = 0x4d4c4155 // "MLAU"

// RecordTx appends entries inside the caller's transaction, so an access and its record commit
// together or not at all. Each citizen's entries form their own chain: the append locks the
// chains of the entries' subjects (in a fixed order, so two appends never deadlock), and those
// locks are held until the caller commits.
func (l *Log) RecordTx(ctx context.Context, tx pgx.Tx, entries ...Entry) error {
	type head struct {
		seq  int64
		hash []byte
	}
	heads := map[string]*head{}
	for _, e := range entries {
		if !personalID.MatchString(e.SubjectPersonalID) {
			return fmt.Errorf("audit: subject %q is not a personal ID", e.SubjectPersonalID)
		}
		heads[e.SubjectPersonalID] = nil
	}
	// Lock each chain, then read its head, in one round trip: the statements of a batch run one
	// after the other, and the head is read by a statement of its own, after the lock is held,
	// so its snapshot sees what the previous holder committed.
	subjects := slices.Sorted(maps.Keys(heads))
	var batch pgx.Batch
	for _, pid := range subjects {
		batch.Queue(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, int32(chainLockClass), pid)
		h := &head{hash: make([]byte, sha256.Size)}
		heads[pid] = h
		batch.Queue(`SELECT coalesce(subject_seq, 0), hash FROM data_access_log
			WHERE subject_personal_id = $1 ORDER BY seq DESC LIMIT 1`, pid).QueryRow(func(row pgx.Row) error {
			if err := row.Scan(&h.seq, &h.hash); err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("audit: chain head: %w", err)
			}
			return nil
		})
	}
	if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
		return fmt.Errorf("audit: lock chains: %w", err)
	}
	var rows pgx.Batch
	for _, e := range entries {
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
		e.SubjectSeq = h.seq + 1
		sum := hashSubjectEntry(h.hash, e)
		rows.Queue(`
			INSERT INTO data_access_log (chain, subject_seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role,
				purpose, reference, databases, attributes, outcome, accessed_at, prev_hash, hash)
			VALUES (2, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			e.SubjectSeq, e.SubjectPersonalID, e.ActorKind, e.ActorID, e.ActorName, e.ActorRole,
			e.Purpose, e.Reference, e.Databases, e.Attributes, e.Outcome, e.AccessedAt, h.hash, sum)
		h.seq, h.hash = e.SubjectSeq, sum
	}
	// All the rows in one round trip.
	if err := tx.SendBatch(ctx, &rows).Close(); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	return nil
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
	rows, err := l.pool.Query(ctx, `
		SELECT seq, subject_personal_id, actor_kind, actor_id, actor_name, actor_role, purpose, reference,
		       databases, attributes, outcome, accessed_at
		FROM data_access_log WHERE subject_personal_id = $1 ORDER BY seq DESC LIMIT $2`, personalID, limit)
	if err != nil {
		return nil, fmt.Errorf("audit: for subject: %w", err)
	}
	entries, err := pgx.CollectRows(rows, scanEntry)
	if err != nil {
		return nil, fmt.Errorf("audit: for subject: %w", err)
	}
	return entries, nil
}

func scanEntry(row pgx.CollectableRow) (Entry, error) {
	var e Entry
	err := row.Scan(&e.Seq, &e.SubjectPersonalID, &e.ActorKind, &e.ActorID, &e.ActorName, &e.ActorRole,
		&e.Purpose, &e.Reference, &e.Databases, &e.Attributes, &e.Outcome, &e.AccessedAt)
	return e, err
}
