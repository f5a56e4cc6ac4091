package citizen

import (
	"time"

	"github.com/motlan/portal/services/calendar"
)

// civilToday is today's Vietnamese date, at 00:00 UTC.
func civilToday(now time.Time) time.Time { return calendar.Date(now) }
