package calendar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
)

func TestAddWorkingDays(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	for _, c := range []struct {
		name string
		from time.Time
		n    int
		want string
	}{
		{"FridayPlusOneIsMonday", date("2026-03-06"), 1, "2026-03-09"},
		{"AcrossTet2026", date("2026-02-13"), 1, "2026-02-23"},
		{"FiveAcrossTet2026", date("2026-02-12"), 5, "2026-02-26"},
		{"InsideTet2026", date("2026-02-18"), 1, "2026-02-23"},
		{"AcrossNationalDay2026", date("2026-08-28"), 1, "2026-09-03"},
		{"OntoWorkingSaturday", date("2026-08-21"), 1, "2026-08-22"},
		{"OverWorkingSaturday", date("2026-08-21"), 2, "2026-08-24"},
		{"AcrossHungKings2026", date("2026-04-24"), 1, "2026-04-28"},
		{"Across30April2026", date("2026-04-29"), 1, "2026-05-04"},
		{"Across30April2026Long", date("2026-04-27"), 3, "2026-05-04"},
		{"AcrossNewYear2026", date("2025-12-31"), 1, "2026-01-05"},
		{"OntoWorkingSaturday10January2026", date("2026-01-09"), 1, "2026-01-10"},
		{"AcrossNewYear2027", date("2026-12-31"), 1, "2027-01-04"},
		{"AcrossTet2027", date("2027-02-03"), 1, "2027-02-11"},
		{"Across30April2025", date("2025-04-25"), 1, "2025-04-26"},
		{"Across30April2025Long", date("2025-04-29"), 1, "2025-05-05"},
		{"TwentyDays", date("2026-08-17"), 20, "2026-09-16"},
		{"ZeroOnWorkingDay", date("2026-02-23"), 0, "2026-02-23"},
		{"ZeroInTet", date("2026-02-14"), 0, "2026-02-23"},
		{"ZeroOnWorkingSaturday", date("2026-08-22"), 0, "2026-08-22"},
		{"MinusOneAcrossTet", date("2026-02-23"), -1, "2026-02-13"},
		{"MinusOneFromSaturday", date("2026-02-14"), -1, "2026-02-13"},
		{"MinusTwoAcrossNationalDay", date("2026-09-03"), -2, "2026-08-27"},
		// 00:30 on Friday 13 February in Vietnam is still Thursday in UTC: the Vietnam date counts.
		{"VietnamDate", time.Date(2026, 2, 12, 17, 30, 0, 0, time.UTC), 1, "2026-02-23"},
		{"VietnamZone", at("2026-02-13 23:59"), 1, "2026-02-23"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := cal.AddWorkingDays(c.from, c.n)
			require.Equal(t, date(c.want), got, "got %s", got.Format("Mon 2006-01-02"))
		})
	}
}

func TestIsWorkingDay(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	require.True(t, cal.IsWorkingDay(date("2026-03-10")), "an ordinary Tuesday")
	require.False(t, cal.IsWorkingDay(date("2026-03-14")), "an ordinary Saturday")
	require.False(t, cal.IsWorkingDay(date("2026-03-15")), "an ordinary Sunday")
	require.False(t, cal.IsWorkingDay(date("2026-02-17")), "Tết")
	require.True(t, cal.IsWorkingDay(date("2026-08-22")), "make-up Saturday")
	// 17:00 UTC on Friday 21 August is midnight of Saturday 22 August in Vietnam.
	require.True(t, cal.IsWorkingDay(time.Date(2026, 8, 21, 17, 0, 0, 0, time.UTC)))
	require.True(t, cal.IsWorkingDay(time.Date(2026, 8, 22, 16, 59, 0, 0, time.UTC)))
	require.False(t, cal.IsWorkingDay(time.Date(2026, 8, 22, 17, 0, 0, 0, time.UTC)), "Sunday 23 August in Vietnam")
	// A year without data follows the Monday–Friday rule.
	require.True(t, cal.IsWorkingDay(date("2030-01-01")))
}

func TestNextWorkingDay(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	require.Equal(t, date("2026-02-23"), cal.NextWorkingDay(date("2026-02-14")))
	require.Equal(t, date("2026-02-24"), cal.NextWorkingDay(date("2026-02-23")))
	require.Equal(t, date("2026-09-03"), cal.NextWorkingDay(date("2026-08-28")))
	require.Equal(t, date("2026-08-22"), cal.NextWorkingDay(date("2026-08-21")))
}

func TestWorkingDaysBetween(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	require.Equal(t, 1, cal.WorkingDaysBetween(date("2026-02-13"), date("2026-02-23")))
	require.Equal(t, 0, cal.WorkingDaysBetween(date("2026-02-13"), date("2026-02-22")))
	require.Equal(t, -1, cal.WorkingDaysBetween(date("2026-02-23"), date("2026-02-13")))
	require.Equal(t, 0, cal.WorkingDaysBetween(date("2026-02-23"), date("2026-02-23")))
	require.Equal(t, 1, cal.WorkingDaysBetween(date("2026-08-21"), date("2026-08-23")), "the make-up Saturday")
	require.Equal(t, 250, cal.WorkingDaysBetween(date("2025-12-31"), date("2026-12-31")), "working days in 2026")
	require.Equal(t, 261, calendar.FromDays(nil).WorkingDaysBetween(date("2025-12-31"), date("2026-12-31")), "weekdays in 2026")
}

// TestWorkingDaysBetweenProperty checks, for every date from late 2024 to early 2028, that
// WorkingDaysBetween agrees with a day-by-day count and with AddWorkingDays.
func TestWorkingDaysBetweenProperty(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	day := 24 * time.Hour
	naive := func(from, to time.Time) int {
		n := 0
		for d := from.Add(day); !d.After(to); d = d.Add(day) {
			if cal.IsWorkingDay(d) {
				n++
			}
		}
		for d := to.Add(day); !d.After(from); d = d.Add(day) {
			if cal.IsWorkingDay(d) {
				n--
			}
		}
		return n
	}
	for from := date("2024-12-01"); from.Before(date("2028-02-01")); from = from.Add(day) {
		for k := -45; k <= 45; k++ {
			to := from.Add(time.Duration(k) * day)
			require.Equal(t, naive(from, to), cal.WorkingDaysBetween(from, to), "%s → %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
		}
		for n := 1; n <= 30; n++ {
			to := cal.AddWorkingDays(from, n)
			require.True(t, cal.IsWorkingDay(to))
			require.Equal(t, n, cal.WorkingDaysBetween(from, to), "%s + %d = %s", from.Format(time.DateOnly), n, to.Format(time.DateOnly))
			require.Equal(t, n-1, cal.WorkingDaysBetween(from, to.Add(-day)), "%s + %d is the first such date", from.Format(time.DateOnly), n)
			require.Equal(t, -n, cal.WorkingDaysBetween(to, from))
			if cal.IsWorkingDay(from) {
				require.Equal(t, from, cal.AddWorkingDays(to, -n), "%s - %d", to.Format(time.DateOnly), n)
			}
		}
		want := from
		if !cal.IsWorkingDay(from) {
			want = cal.NextWorkingDay(from)
		}
		require.Equal(t, want, cal.AddWorkingDays(from, 0))
	}
}

func TestFromDays(t *testing.T) {
	t.Parallel()
	cal := calendar.FromDays([]calendar.Day{
		{Date: date("2026-03-10"), Kind: calendar.KindHoliday, NameVI: "a", NameEN: "a"},
		{Date: date("2026-03-10"), Kind: calendar.KindWorkday, NameVI: "b", NameEN: "b"}, // later wins
		{Date: date("2026-03-11"), Kind: "other", NameVI: "c", NameEN: "c"},              // ignored
		{Date: date("2026-03-14"), Kind: calendar.KindHoliday, NameVI: "d", NameEN: "d"}, // a Saturday: changes nothing
		{Date: at("2026-03-16 05:00"), Kind: calendar.KindHoliday, NameVI: "e", NameEN: "e"},
	})
	require.True(t, cal.IsWorkingDay(date("2026-03-10")))
	require.True(t, cal.IsWorkingDay(date("2026-03-11")))
	require.False(t, cal.IsWorkingDay(date("2026-03-14")))
	require.False(t, cal.IsWorkingDay(date("2026-03-16")))
	require.Equal(t, 4, cal.WorkingDaysBetween(date("2026-03-09"), date("2026-03-16")))
	hs := cal.Holidays(2026)
	require.Len(t, hs, 3)
	require.Equal(t, date("2026-03-16"), hs[2].Date, "dates are normalised to 00:00 UTC")
}
