package calendar_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
)

// TestDataFile reads holidays.json on its own terms: every date's stated weekday is its real
// weekday, holidays fall on weekdays, make-up days on weekends, every entry names a known
// source and says whether it is confirmed, and only 2027's are not.
func TestDataFile(t *testing.T) {
	t.Parallel()
	f := readDataFile(t)
	require.Contains(t, f.Note, "PROVISIONAL")
	require.NotEmpty(t, f.Sources)
	require.Len(t, f.Days, 39)
	seen := map[string]bool{}
	for _, d := range f.Days {
		day, err := time.Parse(time.DateOnly, d.Date)
		require.NoError(t, err)
		require.False(t, seen[d.Date], "%s twice", d.Date)
		seen[d.Date] = true
		require.Equal(t, day.Weekday().String(), d.Weekday, d.Date)
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		switch d.Kind {
		case calendar.KindHoliday:
			require.False(t, weekend, "holiday %s on a weekend", d.Date)
		case calendar.KindWorkday:
			require.True(t, weekend, "workday %s on a weekday", d.Date)
		default:
			t.Fatalf("%s: kind %q", d.Date, d.Kind)
		}
		require.NotEmpty(t, strings.TrimSpace(d.NameVI), d.Date)
		require.NotEmpty(t, strings.TrimSpace(d.NameEN), d.Date)
		require.Contains(t, f.Sources, d.Source, d.Date)
		require.NotNil(t, d.Confirmed, "%s says whether it is confirmed", d.Date)
		require.Equal(t, day.Year() != 2027, *d.Confirmed, d.Date)
	}
	for _, p := range f.Pending {
		require.False(t, seen[p.Date], "pending %s is not also seeded", p.Date)
		require.NotEmpty(t, p.Reason, p.Date)
	}

	days, err := calendar.SeedDays()
	require.NoError(t, err)
	require.Len(t, days, len(f.Days))
}

type dataFile struct {
	Note    string            `json:"note"`
	Sources map[string]string `json:"sources"`
	Days    []struct {
		Date, Weekday, Kind, Source string
		NameVI                      string `json:"name_vi"`
		NameEN                      string `json:"name_en"`
		Confirmed                   *bool
	} `json:"days"`
	Pending []struct {
		Date, Reason string
	} `json:"pending"`
}

func readDataFile(t *testing.T) dataFile {
	t.Helper()
	b, err := os.ReadFile("holidays.json")
	require.NoError(t, err)
	var f dataFile
	require.NoError(t, json.Unmarshal(b, &f))
	return f
}

// entry is the data file's entry for date, which must exist.
func entry(t *testing.T, f dataFile, date string) (kind, source string, confirmed bool) {
	t.Helper()
	for _, d := range f.Days {
		if d.Date == date {
			return d.Kind, d.Source, *d.Confirmed
		}
	}
	t.Fatalf("no entry for %s", date)
	return "", "", false
}

// TestNewYear2026FridayOff: VPCP 12729/VPCP-KGVX (25/12/2025) gives 1–4 January 2026 off, the
// working Friday 2 January swapped with Saturday 10 January.
func TestNewYear2026FridayOff(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	require.False(t, cal.IsWorkingDay(date("2026-01-02")))
	require.Equal(t, date("2026-01-05"), cal.AddWorkingDays(date("2025-12-31"), 1), "off Thursday 1 to Sunday 4 January")
	kind, source, confirmed := entry(t, readDataFile(t), "2026-01-02")
	require.Equal(t, calendar.KindHoliday, kind)
	require.Equal(t, "vpcp-12729-2025", source)
	require.True(t, confirmed)
}

// TestSaturday10January2026Worked: the make-up day of the New Year 2026 swap.
func TestSaturday10January2026Worked(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	require.True(t, cal.IsWorkingDay(date("2026-01-10")))
	require.Equal(t, date("2026-01-10"), cal.AddWorkingDays(date("2026-01-09"), 1))
	kind, source, confirmed := entry(t, readDataFile(t), "2026-01-10")
	require.Equal(t, calendar.KindWorkday, kind)
	require.Equal(t, "vpcp-12729-2025", source)
	require.True(t, confirmed)
}

// TestSaturday22August2026Worked: confirmed by the Prime Minister's approval of October 2025
// (Monday 31 August swapped with Saturday 22 August 2026).
func TestSaturday22August2026Worked(t *testing.T) {
	t.Parallel()
	require.True(t, seeded(t).IsWorkingDay(date("2026-08-22")))
	f := readDataFile(t)
	kind, source, confirmed := entry(t, f, "2026-08-22")
	require.Equal(t, calendar.KindWorkday, kind)
	require.True(t, confirmed)
	require.Contains(t, f.Sources[source], "22 August 2026")
}

// TestCultureDay24November2026NotSeeded: Viet Nam Culture Day is pending, with its reason, until
// a source read here confirms it; it is not a day off in the shipped calendar.
func TestCultureDay24November2026NotSeeded(t *testing.T) {
	t.Parallel()
	require.True(t, seeded(t).IsWorkingDay(date("2026-11-24")))
	f := readDataFile(t)
	require.Len(t, f.Pending, 1)
	require.Equal(t, "2026-11-24", f.Pending[0].Date)
	require.Contains(t, f.Pending[0].Reason, "Not confirmed")
}

// TestInLieuRuleCitesArticle111: a holiday on the weekly rest day is taken on the next working
// day under art. 111(3) of the Labour Code, not art. 112 (which lists the holidays).
func TestInLieuRuleCitesArticle111(t *testing.T) {
	t.Parallel()
	f := readDataFile(t)
	require.Contains(t, f.Note, "(Labour Code 2019, art. 111(3))")
	require.Contains(t, f.Sources["labour-code"], "Điều 111 khoản 3")
	require.NotContains(t, f.Sources["labour-code"], "Điều 112: public holidays; a holiday on the weekly rest day")
}

// TestKeyDates pins the weekdays the schedule is built on (lunar dates computed at UTC+7).
func TestKeyDates(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		date string
		want time.Weekday
		what string
	}{
		{"2025-01-01", time.Wednesday, "New Year 2025"},
		{"2025-01-29", time.Wednesday, "Tết 2025, 1st day"},
		{"2025-01-25", time.Saturday, "Tết 2025 break starts"},
		{"2025-02-02", time.Sunday, "Tết 2025 break ends"},
		{"2025-04-07", time.Monday, "Hùng Kings 2025"},
		{"2025-04-26", time.Saturday, "make-up day 2025"},
		{"2025-08-30", time.Saturday, "National Day 2025 break starts"},
		{"2025-09-02", time.Tuesday, "National Day 2025"},
		{"2026-01-01", time.Thursday, "New Year 2026"},
		{"2026-01-02", time.Friday, "New Year 2026, swapped day off"},
		{"2026-01-10", time.Saturday, "make-up day for 2 January 2026"},
		{"2026-02-14", time.Saturday, "Tết 2026 break starts"},
		{"2026-02-17", time.Tuesday, "Tết 2026, 1st day"},
		{"2026-02-22", time.Sunday, "Tết 2026 break ends"},
		{"2026-04-26", time.Sunday, "Hùng Kings 2026"},
		{"2026-04-30", time.Thursday, "30 April 2026"},
		{"2026-08-22", time.Saturday, "make-up day 2026"},
		{"2026-08-29", time.Saturday, "National Day 2026 break starts"},
		{"2026-09-02", time.Wednesday, "National Day 2026"},
		{"2027-01-01", time.Friday, "New Year 2027"},
		{"2027-02-06", time.Saturday, "Tết 2027, 1st day"},
		{"2027-04-16", time.Friday, "Hùng Kings 2027"},
		{"2027-05-01", time.Saturday, "1 May 2027"},
		{"2027-09-02", time.Thursday, "National Day 2027"},
	} {
		require.Equal(t, c.want, date(c.date).Weekday(), "%s %s", c.what, c.date)
	}
}

// TestSchedule checks each year's entries against the announced (2025, 2026) and provisional
// (2027) schedules, and that each break is off from its first to its last day.
func TestSchedule(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	want := map[int][]string{
		2025: {"01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-26 workday",
			"04-30", "05-01", "05-02", "09-01", "09-02"},
		2026: {"01-01", "01-02", "01-10 workday", "02-16", "02-17", "02-18", "02-19", "02-20", "04-27", "04-30", "05-01",
			"08-22 workday", "08-31", "09-01", "09-02"},
		2027: {"01-01", "02-04", "02-05", "02-08", "02-09", "02-10", "04-16", "04-30", "05-03",
			"09-02", "09-03"},
	}
	for year, entries := range want {
		var got []string
		for _, d := range cal.Holidays(year) {
			s := d.Date.Format("01-02")
			if d.Kind == calendar.KindWorkday {
				s += " workday"
			}
			got = append(got, s)
			require.Equal(t, time.UTC, d.Date.Location())
			require.NotEmpty(t, d.NameVI)
		}
		require.Equal(t, entries, got, "%d", year)
	}
	require.Equal(t, []int{2025, 2026, 2027}, cal.Years())
	require.Empty(t, cal.Holidays(2028))

	for _, b := range []struct{ before, first, last, after string }{
		{"2025-01-24", "2025-01-25", "2025-02-02", "2025-02-03"}, // Tết 2025
		{"2025-04-29", "2025-04-30", "2025-05-04", "2025-05-05"}, // 30 April 2025
		{"2025-08-29", "2025-08-30", "2025-09-02", "2025-09-03"}, // National Day 2025
		{"2025-12-31", "2026-01-01", "2026-01-04", "2026-01-05"}, // New Year 2026
		{"2026-02-13", "2026-02-14", "2026-02-22", "2026-02-23"}, // Tết 2026
		{"2026-04-24", "2026-04-25", "2026-04-27", "2026-04-28"}, // Hùng Kings 2026
		{"2026-04-29", "2026-04-30", "2026-05-03", "2026-05-04"}, // 30 April 2026
		{"2026-08-28", "2026-08-29", "2026-09-02", "2026-09-03"}, // National Day 2026
		{"2027-02-03", "2027-02-04", "2027-02-10", "2027-02-11"}, // Tết 2027 (provisional)
		{"2027-04-29", "2027-04-30", "2027-05-03", "2027-05-04"}, // 30 April 2027
		{"2027-09-01", "2027-09-02", "2027-09-05", "2027-09-06"}, // National Day 2027
	} {
		require.True(t, cal.IsWorkingDay(date(b.before)), b.before)
		for d := date(b.first); !d.After(date(b.last)); d = d.AddDate(0, 0, 1) {
			require.False(t, cal.IsWorkingDay(d), "%s is in the break %s–%s", d.Format(time.DateOnly), b.first, b.last)
		}
		require.True(t, cal.IsWorkingDay(date(b.after)), b.after)
	}
	require.True(t, cal.IsWorkingDay(date("2025-04-26")), "Saturday 26 April 2025 is worked")
	require.True(t, cal.IsWorkingDay(date("2026-08-22")), "Saturday 22 August 2026 is worked")
}
