package calendar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAddWorkingHours(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	for _, c := range []struct {
		name  string
		from  time.Time
		hours int
		want  string // Vietnam time
	}{
		{"WithinMorning", at("2026-03-10 08:00"), 2, "2026-03-10 10:00"},
		{"EndsAtLunch", at("2026-03-10 09:30"), 2, "2026-03-10 11:30"},
		{"AcrossLunch", at("2026-03-10 10:30"), 2, "2026-03-10 14:30"},
		{"DuringLunch", at("2026-03-10 12:15"), 1, "2026-03-10 14:30"},
		{"BeforeOpening", at("2026-03-10 06:00"), 1, "2026-03-10 08:30"},
		{"EndsAtClose", at("2026-03-10 14:00"), 3, "2026-03-10 17:00"},
		{"AcrossEvening", at("2026-03-10 16:00"), 2, "2026-03-11 08:30"},
		{"AfterClose", at("2026-03-10 20:00"), 1, "2026-03-11 08:30"},
		{"EightHoursFullDay", at("2026-03-10 07:30"), 8, "2026-03-11 08:00"},
		{"AcrossWeekend", at("2026-03-13 15:00"), 8, "2026-03-16 15:30"},
		{"FromSaturday", at("2026-03-14 10:00"), 8, "2026-03-17 08:00"},
		{"AcrossTet2026", at("2026-02-13 16:00"), 8, "2026-02-23 16:30"},
		{"OntoWorkingSaturday", at("2026-08-21 16:30"), 1, "2026-08-22 08:00"},
		{"AcrossNationalDay2026", at("2026-08-28 16:00"), 2, "2026-09-03 08:30"},
		{"Zero", at("2026-03-14 10:00"), 0, "2026-03-14 10:00"},
		// 03:30 UTC is 10:30 in Vietnam.
		{"FromUTC", time.Date(2026, 3, 10, 3, 30, 0, 0, time.UTC), 2, "2026-03-10 14:30"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := cal.AddWorkingHours(c.from, c.hours)
			require.True(t, at(c.want).Equal(got), "got %s", got.Format("Mon 2006-01-02 15:04 -0700"))
			_, offset := got.Zone()
			require.Equal(t, 7*60*60, offset, "in Vietnam time")
		})
	}
}
