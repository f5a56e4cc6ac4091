package citizen

import "time"

// vietnam is UTC+7, the civil time of every date the citizen sees.
var vietnam = time.FixedZone("ICT", 7*3600)

// civilToday is today's Vietnamese date, at 00:00 UTC.
func civilToday(now time.Time) time.Time {
	t := now.In(vietnam)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
