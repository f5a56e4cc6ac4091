package citizen

import (
	"context"
	"time"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
)

// countsFromNextDay tells whether a case was submitted after the cut-off of its agency's
// province, or on a day off, so that it counts from the next working day (the receipt says so),
// and that cut-off. It reads the calendar as it is now: an administrator's later change to the
// hours or holidays of that day would change the answer, not the expected date stored then.
func (h *Handler) countsFromNextDay(ctx context.Context, k cases.Case, a catalogue.Agency) (bool, time.Duration, error) {
	cal, err := h.Apply.Calendar.Calendar(ctx)
	if err != nil {
		return false, 0, err
	}
	hours := cal.Hours(a.ProvinceCode)
	_, next := cal.CountsFrom(k.SubmittedAt, hours)
	return next, hours.CutOff, nil
}
