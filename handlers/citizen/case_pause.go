package citizen

import (
	"github.com/motlan/portal/services/cases"
	casestatus "github.com/motlan/portal/services/cases/status"
	"github.com/motlan/portal/views/pages"
)

// pauseView says whether a case is paused waiting for its citizen (a supplement, or a payment)
// since when and why (the officer's reason on the event that paused it), or, once it went on,
// when it resumed and its due date then. Only the supplement stops the legal clock
// (casework's apply); a payment pauses the processing, not the clock.
func pauseView(k cases.Case, events []cases.Event) pages.PauseView {
	var v pages.PauseView
	if casestatus.AwaitingCitizen.Has(k.Status) {
		v.Paused = true
		v.Kind = "payment"
		if k.Status == casestatus.Supplement {
			v.Kind = "supplement"
		}
		for i := len(events) - 1; i >= 0; i-- {
			if e := events[i]; e.ToStatus == k.Status && e.FromStatus != k.Status {
				v.Since, v.Reason = e.At, e.Reason
				break
			}
		}
		return v
	}
	if casestatus.Finished.Has(k.Status) {
		return v
	}
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if casestatus.AwaitingCitizen.Has(e.FromStatus) && !casestatus.AwaitingCitizen.Has(e.ToStatus) {
			at := e.At
			v.ResumedAt, v.DueOn = &at, k.DueOn
			break
		}
	}
	return v
}
