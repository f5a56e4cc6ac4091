package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"time"

	"github.com/motlan/portal/services/cases"
)

// Event is one step of a case's timeline (services/cases).
type Event = cases.Event

// Events returns the timeline of a case the actor may see, oldest first.
func (s *Service) Events(ctx context.Context, a Actor, caseID int64) ([]Event, error) {
	if _, err := s.Get(ctx, a, caseID); err != nil {
		return nil, err
	}
	return s.cases.Events(ctx, caseID)
}

// VerifyEvents walks a case's chain from its first event and reports the first event whose
// sequence number, link to the previous event, or content does not check out. The chain has no
// secret: it shows that events were changed, removed or reordered after the fact by someone
// who did not recompute every later hash, not that nobody could have. A case without any event
// (not even its submission) does not check out either, with brokenEventID 0.
func (s *Service) VerifyEvents(ctx context.Context, caseID int64) (ok bool, brokenEventID int64, err error) {
	if _, err := s.cases.Get(ctx, s.pool, caseID); err != nil {
		return false, 0, err
	}
	evs, err := s.cases.Events(ctx, caseID)
	if err != nil {
		return false, 0, err
	}
	if len(evs) == 0 {
		return false, 0, nil // every case has at least its submission
	}
	prev := make([]byte, sha256.Size)
	for i, e := range evs {
		if e.Seq != i+1 || !bytes.Equal(e.PrevHash, prev) || !bytes.Equal(hashEvent(prev, caseID, e), e.Hash) {
			return false, e.ID, nil
		}
		prev = e.Hash
	}
	return true, 0, nil
}

// hashEvent is SHA-256 over the previous hash and every field, each length-prefixed, exactly
// as case_event_hash computes it in the database (migrations/00008_casework.sql).
func hashEvent(prev []byte, caseID int64, e Event) []byte {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	h.Write(prev)
	field(strconv.FormatInt(caseID, 10))
	field(strconv.Itoa(e.Seq))
	field(e.At.UTC().Format("2006-01-02T15:04:05.000000"))
	field(e.ActorKind)
	field(e.ActorID)
	field(e.ActorName)
	field(e.Role)
	field(e.Action)
	if e.FromStatus != 0 {
		field(strconv.Itoa(int(e.FromStatus)))
	} else {
		field("")
	}
	field(strconv.Itoa(int(e.ToStatus)))
	field(e.Note)
	field(e.Reason)
	if e.Amount != nil {
		field(strconv.FormatInt(*e.Amount, 10))
	} else {
		field("")
	}
	if e.DueOn != nil {
		field(e.DueOn.Format(time.DateOnly))
	} else {
		field("")
	}
	return h.Sum(nil)
}
