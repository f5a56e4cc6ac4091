// Package calendar counts Vietnamese working days: Monday to Friday, minus public holidays,
// plus the weekend days declared working (make-up days), and working hours: the office hours of
// each province, 8 hours a day. Legal deadlines — a case's due date, the 8 working hours to
// receive an online case, the 15:00 cut-off after which a case counts from the next working
// day — are computed here. Holidays and office hours are data: tables seeded from embedded
// files (holidays.json, office_hours.json) and editable by an administrator. The tables
// calendar_days and office_hours are read and written only here, through the named queries of
// queries/*.sql compiled by sqlc into internal/calendardb.
package calendar

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Kinds of calendar days.
const (
	KindHoliday = "holiday" // a weekday off
	KindWorkday = "workday" // a Saturday or Sunday worked
)

// Day is one exception to the Monday–Friday week.
type Day struct {
	Date   time.Time // a civil date at 00:00 UTC
	Kind   string    // KindHoliday or KindWorkday
	NameVI string
	NameEN string
}

// Calendar is an immutable snapshot of the calendar, safe for concurrent use. All dates it is
// given are read as Vietnam civil dates (UTC+7); the dates it returns are civil dates at
// 00:00 UTC. Outside the years it holds data for, it knows only the Monday–Friday rule.
type Calendar struct {
	days   map[int64]Day // every known day, by day number
	sorted []Day         // the same, in date order
	// shifts are the day numbers, in order, that change the Monday–Friday count (-1 for a
	// holiday on a weekday, +1 for a workday on a weekend); cum[i] is the total change over
	// shifts[:i+1], so a count over any range takes two binary searches.
	shifts []int64
	cum    []int64
	// hours are the stored office hours by province code (NationalDefault for the national
	// ones), hoursSorted the same in code order; without any, Hours gives DefaultOfficeHours.
	hours       map[string]OfficeHours
	hoursSorted []OfficeHours
}

// FromDays builds a calendar from days, with the default office hours (WithOfficeHours changes
// them), for tests and tools; Load builds it from the database. A later entry for the same date
// replaces an earlier one; entries of an unknown kind are ignored.
func FromDays(days []Day) *Calendar {
	c := &Calendar{days: make(map[int64]Day, len(days))}
	for _, d := range days {
		if d.Kind != KindHoliday && d.Kind != KindWorkday {
			continue
		}
		n := dayNumber(d.Date)
		d.Date = fromNumber(n)
		c.days[n] = d
	}
	for _, d := range c.days {
		c.sorted = append(c.sorted, d)
	}
	slices.SortFunc(c.sorted, func(a, b Day) int { return a.Date.Compare(b.Date) })
	var sum int64
	for _, d := range c.sorted {
		n := dayNumber(d.Date)
		var delta int64
		switch {
		case d.Kind == KindHoliday && !isWeekend(n):
			delta = -1
		case d.Kind == KindWorkday && isWeekend(n):
			delta = +1
		default:
			continue // changes nothing
		}
		sum += delta
		c.shifts = append(c.shifts, n)
		c.cum = append(c.cum, sum)
	}
	return c
}

// WithOfficeHours returns a copy of the calendar that uses hs, one entry a province (a later one
// replaces an earlier one), for the office hours; the national entry, if any, covers the
// provinces without their own.
func (c *Calendar) WithOfficeHours(hs []OfficeHours) *Calendar {
	cp := *c
	cp.hours = make(map[string]OfficeHours, len(hs))
	for _, h := range hs {
		cp.hours[h.ProvinceCode] = h
	}
	cp.hoursSorted = make([]OfficeHours, 0, len(cp.hours))
	for _, h := range cp.hours {
		cp.hoursSorted = append(cp.hoursSorted, h)
	}
	slices.SortFunc(cp.hoursSorted, func(a, b OfficeHours) int { return strings.Compare(a.ProvinceCode, b.ProvinceCode) })
	return &cp
}

func (c *Calendar) working(n int64) bool {
	if d, ok := c.days[n]; ok {
		return d.Kind == KindWorkday
	}
	return !isWeekend(n)
}

// IsWorkingDay reports whether d's Vietnam date is a working day.
func (c *Calendar) IsWorkingDay(d time.Time) bool { return c.working(dayNumber(d)) }

// AddWorkingDays returns the date n working days after from's date; the day from falls on does
// not count, so a case received on a Friday with 1 working day is due on Monday. With n == 0 it
// returns from's date if that is a working day, else the next working day. A negative n counts
// back: -1 is the last working day before from's date.
func (c *Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	d := dayNumber(from)
	switch {
	case n > 0:
		for n > 0 {
			d++
			if c.working(d) {
				n--
			}
		}
	case n < 0:
		for n < 0 {
			d--
			if c.working(d) {
				n++
			}
		}
	default:
		for !c.working(d) {
			d++
		}
	}
	return fromNumber(d)
}

// NextWorkingDay returns the first working day after d's date.
func (c *Calendar) NextWorkingDay(d time.Time) time.Time { return c.AddWorkingDays(d, 1) }

// WorkingDaysBetween counts the working days after from's date up to and including to's date;
// it is negative when to is before from (minus the count from to to from), so
// WorkingDaysBetween(from, AddWorkingDays(from, n)) == n for every n >= 1. A case received on
// from is late on to when the count exceeds its legal time.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	a, b := dayNumber(from), dayNumber(to)
	if b < a {
		return -c.count(b, a)
	}
	return c.count(a, b)
}

// count returns the working days in (a, b], a <= b, in O(log n).
func (c *Calendar) count(a, b int64) int {
	return int(weekdaysThrough(b) - weekdaysThrough(a) + c.shiftThrough(b) - c.shiftThrough(a))
}

// shiftThrough is the sum of the shifts on days up to and including n.
func (c *Calendar) shiftThrough(n int64) int64 {
	i := sort.Search(len(c.shifts), func(i int) bool { return c.shifts[i] > n })
	if i == 0 {
		return 0
	}
	return c.cum[i-1]
}

// Holidays returns the year's calendar entries in date order: the holidays and the weekend
// days declared working (tell them apart by Kind).
func (c *Calendar) Holidays(year int) []Day {
	var out []Day
	for _, d := range c.sorted {
		if d.Date.Year() == year {
			out = append(out, d)
		}
	}
	return out
}

// Years returns the years the calendar holds entries for, in order. A deadline computed beyond
// the last of them counts only Monday–Friday, so an administrator should be warned in time.
func (c *Calendar) Years() []int {
	var out []int
	for _, d := range c.sorted {
		if y := d.Date.Year(); len(out) == 0 || out[len(out)-1] != y {
			out = append(out, y)
		}
	}
	return out
}
