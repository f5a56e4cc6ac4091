package calendar

import "time"

// vietnam is Vietnam time, UTC+7 all year (no daylight saving). Every date the calendar reasons
// about is a civil date in this zone, whatever the location of the time.Time it was given.
var vietnam = time.FixedZone("ICT", 7*60*60)

// Vietnam returns the UTC+7 location the calendar reasons in, for callers that show times.
func Vietnam() *time.Location { return vietnam }

// Date returns the Vietnam civil date of t as 00:00 UTC on that date, the form Day.Date and the
// calendar's results take (and the form pgx reads a PostgreSQL date into).
func Date(t time.Time) time.Time { return fromNumber(dayNumber(t)) }

// dayNumber is the number of days from 1970-01-01 to t's Vietnam civil date.
func dayNumber(t time.Time) int64 {
	y, m, d := t.In(vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func fromNumber(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }

// weekday of a day number: 1970-01-01 was a Thursday.
func weekday(n int64) time.Weekday { return time.Weekday(floorMod(n+4, 7)) }

func isWeekend(n int64) bool {
	w := weekday(n)
	return w == time.Saturday || w == time.Sunday
}

// weekdaysThrough counts Monday–Friday days up to and including n, from a fixed origin; only
// differences of it mean anything.
func weekdaysThrough(n int64) int64 {
	k := n + 3 // k ≡ 0 (mod 7) on Mondays
	return 5*floorDiv(k, 7) + min(floorMod(k, 7)+1, 5)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - b*floorDiv(a, b) }
