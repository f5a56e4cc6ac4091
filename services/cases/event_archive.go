package cases

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/cases/status"
)

// An archive of one month of the timeline (case_events) is a JSON Lines file, as the
// data-access log's (services/audit): a header line (eventArchiveHeader), then one line per
// event (eventArchiveRow), each case's events together and in the order of its chain. A case's
// first event in the month carries the hash of its event before (prev_hash), from an earlier
// month, so its chain is checked from there without the earlier months. `portal audit export
// -table case_events` signs it apart (<archive>.sig) with the archive key.

// EventArchiveFormat names the archive's format in its header and in its signature.
const EventArchiveFormat = "motlan-case-events/1"

type eventArchiveHeader struct {
	Format     string    `json:"format"`
	Month      string    `json:"month"` // YYYY-MM, a UTC month: the partitions' months are UTC
	From       time.Time `json:"from"`
	To         time.Time `json:"to"`
	ExportedAt time.Time `json:"exported_at"`
}

type eventArchiveRow struct {
	ID         int64     `json:"id"`
	CaseID     int64     `json:"case_id"`
	Seq        int       `json:"seq"`
	At         time.Time `json:"at"`
	ActorKind  string    `json:"actor_kind"`
	ActorID    string    `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	Role       string    `json:"role"`
	Action     string    `json:"action"`
	FromStatus int16     `json:"from_status"` // 0 for the submission
	ToStatus   int16     `json:"to_status"`
	Note       string    `json:"note"`
	Reason     string    `json:"reason"`
	Amount     *int64    `json:"amount"`
	DueOn      string    `json:"due_on"`    // YYYY-MM-DD or ""
	PrevHash   string    `json:"prev_hash"` // hex
	Hash       string    `json:"hash"`      // hex
}

// EventMonthRange is the UTC month of month ("2026-11"): [from, to).
func EventMonthRange(month string) (from, to time.Time, err error) {
	from, err = time.Parse("2006-01", month)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("cases: month %q: want YYYY-MM", month)
	}
	return from, from.AddDate(0, 1, 0), nil
}

// EventExport describes an archive written by ExportEvents.
type EventExport struct {
	Rows   int64
	MaxID  int64
	SHA256 []byte // of the archive's bytes, which the signature signs
}

// eventExportPage is how many events ExportEvents reads at a time.
const eventExportPage = 5000

// ExportEvents writes the archive of one month of the timeline to w, reading the month in one
// snapshot, and checks every chain as it goes: a month whose events do not check out is not
// archived.
func (s *Service) ExportEvents(ctx context.Context, month string, w io.Writer) (EventExport, error) {
	from, to, err := EventMonthRange(month)
	if err != nil {
		return EventExport{}, err
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return EventExport{}, fmt.Errorf("cases: export events: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // read only: nothing to lose
	sum := sha256.New()
	bw := bufio.NewWriter(io.MultiWriter(w, sum))
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(eventArchiveHeader{Format: EventArchiveFormat, Month: month, From: from, To: to,
		ExportedAt: s.now().UTC().Truncate(time.Second)}); err != nil {
		return EventExport{}, fmt.Errorf("cases: export events: %w", err)
	}
	var res EventExport
	check := &eventChainCheck{}
	for afterCase, afterSeq := int64(0), 0; ; {
		rows, err := tx.Query(ctx, `SELECT id, case_id, seq, at, actor_kind, actor_id, actor_name, role, action,
				coalesce(from_status, 0), to_status, note, reason, amount, due_on, prev_hash, hash
			FROM case_events WHERE at >= $1 AND at < $2 AND (case_id, seq) > ($3, $4)
			ORDER BY case_id, seq LIMIT $5`, from, to, afterCase, afterSeq, eventExportPage)
		if err != nil {
			return EventExport{}, fmt.Errorf("cases: export events: %w", err)
		}
		evs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archivedEvent, error) {
			var a archivedEvent
			err := r.Scan(&a.ID, &a.caseID, &a.Seq, &a.At, &a.ActorKind, &a.ActorID, &a.ActorName, &a.Role, &a.Action,
				&a.FromStatus, &a.ToStatus, &a.Note, &a.Reason, &a.Amount, &a.DueOn, &a.PrevHash, &a.Hash)
			return a, err
		})
		if err != nil {
			return EventExport{}, fmt.Errorf("cases: export events: %w", err)
		}
		for _, e := range evs {
			if err := check.add(e); err != nil {
				return EventExport{}, fmt.Errorf("cases: export events %s: event %d: %w", month, e.ID, err)
			}
			if err := enc.Encode(e.row()); err != nil {
				return EventExport{}, fmt.Errorf("cases: export events: %w", err)
			}
			res.Rows++
			res.MaxID = max(res.MaxID, e.ID)
		}
		if len(evs) < eventExportPage {
			break
		}
		afterCase, afterSeq = evs[len(evs)-1].caseID, evs[len(evs)-1].Seq
	}
	if err := bw.Flush(); err != nil {
		return EventExport{}, fmt.Errorf("cases: export events: %w", err)
	}
	res.SHA256 = sum.Sum(nil)
	return res, nil
}

// archivedEvent is an event of the timeline with its case.
type archivedEvent struct {
	Event
	caseID int64
}

func (a archivedEvent) row() eventArchiveRow {
	r := eventArchiveRow{ID: a.ID, CaseID: a.caseID, Seq: a.Seq, At: a.At.UTC(), ActorKind: a.ActorKind, ActorID: a.ActorID,
		ActorName: a.ActorName, Role: a.Role, Action: a.Action, FromStatus: int16(a.FromStatus), ToStatus: int16(a.ToStatus),
		Note: a.Note, Reason: a.Reason, Amount: a.Amount, PrevHash: hex.EncodeToString(a.PrevHash), Hash: hex.EncodeToString(a.Hash)}
	if a.DueOn != nil {
		r.DueOn = a.DueOn.Format(time.DateOnly)
	}
	return r
}

func (r eventArchiveRow) event() (archivedEvent, error) {
	prev, err := hex.DecodeString(r.PrevHash)
	if err != nil {
		return archivedEvent{}, fmt.Errorf("prev_hash: %w", err)
	}
	h, err := hex.DecodeString(r.Hash)
	if err != nil {
		return archivedEvent{}, fmt.Errorf("hash: %w", err)
	}
	a := archivedEvent{caseID: r.CaseID, Event: Event{ID: r.ID, Seq: r.Seq, At: r.At, ActorKind: r.ActorKind, ActorID: r.ActorID,
		ActorName: r.ActorName, Role: r.Role, Action: r.Action, FromStatus: status.Status(r.FromStatus), ToStatus: status.Status(r.ToStatus),
		Note: r.Note, Reason: r.Reason, Amount: r.Amount, PrevHash: prev, Hash: h}}
	if r.DueOn != "" {
		d, err := time.Parse(time.DateOnly, r.DueOn)
		if err != nil {
			return archivedEvent{}, fmt.Errorf("due_on: %w", err)
		}
		a.DueOn = &d
	}
	return a, nil
}

// eventChainCheck checks events that come each case's together, in the order of its chain:
// each one's hash is its content's, and each one follows the case's previous event in the
// month (the first links to whatever came before the month).
type eventChainCheck struct {
	caseID int64
	seq    int
	hash   []byte
}

func (c *eventChainCheck) add(e archivedEvent) error {
	if len(e.PrevHash) != sha256.Size || len(e.Hash) != sha256.Size {
		return errors.New("a hash is not 32 bytes")
	}
	if e.caseID == c.caseID {
		if e.Seq != c.seq+1 || !bytes.Equal(e.PrevHash, c.hash) {
			return fmt.Errorf("case %d: seq %d does not follow seq %d", e.caseID, e.Seq, c.seq)
		}
	} else if e.caseID < c.caseID {
		return fmt.Errorf("case %d comes after case %d", e.caseID, c.caseID)
	}
	if !bytes.Equal(EventHash(e.PrevHash, e.caseID, e.Event), e.Hash) {
		return fmt.Errorf("case %d seq %d: its content does not match its hash", e.caseID, e.Seq)
	}
	c.caseID, c.seq, c.hash = e.caseID, e.Seq, e.Hash
	return nil
}

// EventArchiveReport is what VerifyEventArchive found in a valid archive.
type EventArchiveReport struct {
	Month string
	Rows  int64
	Cases int64 // cases with events in the month
}

// VerifyEventArchive checks an archive of the timeline offline: it must be one month's header,
// then events of that month whose chains check out, each case's from the hash its first event
// links to. The signature is checked apart, over the same bytes.
func VerifyEventArchive(r io.Reader) (EventArchiveReport, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	if !sc.Scan() {
		return EventArchiveReport{}, errors.Join(errors.New("cases: event archive: no header"), sc.Err())
	}
	var h eventArchiveHeader
	if err := strictJSON(sc.Bytes(), &h); err != nil {
		return EventArchiveReport{}, fmt.Errorf("cases: event archive: header: %w", err)
	}
	from, to, err := EventMonthRange(h.Month)
	if err != nil || h.Format != EventArchiveFormat || !h.From.Equal(from) || !h.To.Equal(to) {
		return EventArchiveReport{}, fmt.Errorf("cases: event archive: header: not a %s archive of one month", EventArchiveFormat)
	}
	rep := EventArchiveReport{Month: h.Month}
	check := &eventChainCheck{}
	for line := 2; sc.Scan(); line++ {
		var row eventArchiveRow
		if err := strictJSON(sc.Bytes(), &row); err != nil {
			return rep, fmt.Errorf("cases: event archive: line %d: %w", line, err)
		}
		e, err := row.event()
		if err != nil {
			return rep, fmt.Errorf("cases: event archive: line %d: %w", line, err)
		}
		if e.At.Before(from) || !e.At.Before(to) {
			return rep, fmt.Errorf("cases: event archive: line %d: event %d is not of %s", line, e.ID, h.Month)
		}
		if e.caseID != check.caseID {
			rep.Cases++
		}
		if err := check.add(e); err != nil {
			return rep, fmt.Errorf("cases: event archive: line %d: %w", line, err)
		}
		rep.Rows++
	}
	if err := sc.Err(); err != nil {
		return rep, fmt.Errorf("cases: event archive: %w", err)
	}
	return rep, nil
}

// strictJSON decodes one JSON value into v, refusing unknown fields and trailing data.
func strictJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}
