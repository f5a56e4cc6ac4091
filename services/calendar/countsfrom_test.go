package calendar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestAfterThreePMCountsFromNextWorkingDay: a case submitted on a working day after the 15:00
// cut-off counts from the opening of the next working day; up to 15:00 it counts from its
// submission.
func TestAfterThreePMCountsFromNextWorkingDay(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	hours := cal.Hours("01")
	for _, c := range []struct {
		name      string
		submitted time.Time
		want      string // Vietnam time
		moved     bool
	}{
		{"FridayAfterThree", at("2026-03-13 15:30"), "2026-03-16 08:00", true},
		{"FridayAtThree", at("2026-03-13 15:00"), "2026-03-13 15:00", false},
		{"OneSecondPastThree", at("2026-03-13 15:00").Add(time.Second), "2026-03-16 08:00", true},
		{"MondayBeforeThree", at("2026-03-16 14:59"), "2026-03-16 14:59", false},
		{"BeforeOpening", at("2026-03-16 06:30"), "2026-03-16 06:30", false},
		{"Evening", at("2026-03-16 21:00"), "2026-03-17 08:00", true},
		{"BeforeTet2026", at("2026-02-13 16:00"), "2026-02-23 08:00", true},
		{"BeforeNewYear2026", at("2025-12-31 15:01"), "2026-01-05 08:00", true},
		{"OntoWorkingSaturday", at("2026-08-21 15:30"), "2026-08-22 08:00", true},
		// 08:30 UTC is 15:30 in Vietnam.
		{"FromUTC", time.Date(2026, 3, 13, 8, 30, 0, 0, time.UTC), "2026-03-16 08:00", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, moved := cal.CountsFrom(c.submitted, hours)
			require.True(t, at(c.want).Equal(got), "got %s", got.Format("Mon 2006-01-02 15:04 -0700"))
			require.Equal(t, c.moved, moved)
			_, offset := got.Zone()
			require.Equal(t, 7*60*60, offset, "in Vietnam time")
		})
	}
	// A one-day procedure submitted at 15:30 on a Friday counts from Monday: its one working
	// day ends on Tuesday, the next working day's following working day.
	start, _ := cal.CountsFrom(at("2026-03-13 15:30"), hours)
	require.Equal(t, date("2026-03-17"), cal.AddWorkingDays(start, 1))
}

// TestDayOffCountsFromNextWorkingDay: a case submitted on a weekend day or a holiday, at any
// hour, counts from the opening of the next working day; a make-up Saturday is a working day.
func TestDayOffCountsFromNextWorkingDay(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	hours := cal.Hours("01")
	for _, c := range []struct {
		name      string
		submitted time.Time
		want      string
		moved     bool
	}{
		{"SaturdayMorning", at("2026-03-14 09:00"), "2026-03-16 08:00", true},
		{"SundayNight", at("2026-03-15 23:59"), "2026-03-16 08:00", true},
		{"TetMorning", at("2026-02-17 09:00"), "2026-02-23 08:00", true},
		{"NewYear2026FridayOff", at("2026-01-02 10:00"), "2026-01-05 08:00", true},
		{"HungKingsInLieu2026", at("2026-04-27 09:00"), "2026-04-28 08:00", true},
		{"WorkingSaturday10January2026", at("2026-01-10 10:00"), "2026-01-10 10:00", false},
		{"WorkingSaturday22August2026", at("2026-08-22 14:00"), "2026-08-22 14:00", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, moved := cal.CountsFrom(c.submitted, hours)
			require.True(t, at(c.want).Equal(got), "got %s", got.Format("Mon 2006-01-02 15:04 -0700"))
			require.Equal(t, c.moved, moved)
		})
	}
}
