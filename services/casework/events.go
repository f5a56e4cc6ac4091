package casework

import (
	"bytes"
	"context"

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

// VerifyEvents walks a case's chain from its first event (or its anchor) and reports the first event whose
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
	// A case whose first months were detached (portal audit detach -table case_events) goes on
	// from its anchor, the newest of its detached events.
	start, prev, err := s.cases.EventAnchor(ctx, s.pool, caseID)
	if err != nil {
		return false, 0, err
	}
	for i, e := range evs {
		if e.Seq != start+i+1 || !bytes.Equal(e.PrevHash, prev) || !bytes.Equal(cases.EventHash(prev, caseID, e), e.Hash) {
			return false, e.ID, nil
		}
		prev = e.Hash
	}
	return true, 0, nil
}
