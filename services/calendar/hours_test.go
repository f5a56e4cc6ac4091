package calendar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
)

func TestAddWorkingHours(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	national := cal.Hours("01")
	for _, c := range []struct {
		name  string
		from  time.Time
		hours int
		want  string // Vietnam time
	}{
		{"WithinMorning", at("2026-03-10 08:00"), 2, "2026-03-10 10:00"},
		{"EndsAtLunch", at("2026-03-10 10:00"), 2, "2026-03-10 12:00"},
		{"AcrossLunch", at("2026-03-10 11:00"), 2, "2026-03-10 14:00"},
		{"DuringLunch", at("2026-03-10 12:15"), 1, "2026-03-10 14:00"},
		{"BeforeOpening", at("2026-03-10 06:00"), 1, "2026-03-10 09:00"},
		{"EndsAtClose", at("2026-03-10 14:00"), 3, "2026-03-10 17:00"},
		{"AcrossEvening", at("2026-03-10 16:00"), 2, "2026-03-11 09:00"},
		{"AfterClose", at("2026-03-10 20:00"), 1, "2026-03-11 09:00"},
		{"EightHoursFullDay", at("2026-03-10 08:00"), 8, "2026-03-10 17:00"},
		{"AcrossWeekend", at("2026-03-13 15:00"), 8, "2026-03-16 15:00"},
		{"FromSaturday", at("2026-03-14 10:00"), 8, "2026-03-16 17:00"},
		{"AcrossTet2026", at("2026-02-13 16:00"), 8, "2026-02-23 16:00"},
		// Thursday 1 and Friday 2 January 2026 are off, then the weekend.
		{"AcrossNewYear2026", at("2025-12-31 16:00"), 8, "2026-01-05 16:00"},
		{"OntoWorkingSaturday", at("2026-08-21 16:30"), 1, "2026-08-22 08:30"},
		{"AcrossNationalDay2026", at("2026-08-28 16:00"), 2, "2026-09-03 09:00"},
		{"Zero", at("2026-03-14 10:00"), 0, "2026-03-14 10:00"},
		// 03:30 UTC is 10:30 in Vietnam.
		{"FromUTC", time.Date(2026, 3, 10, 3, 30, 0, 0, time.UTC), 2, "2026-03-10 13:30"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := cal.AddWorkingHours(c.from, c.hours, national)
			require.True(t, at(c.want).Equal(got), "got %s", got.Format("Mon 2006-01-02 15:04 -0700"))
			_, offset := got.Zone()
			require.Equal(t, 7*60*60, offset, "in Vietnam time")
		})
	}
}

// TestWorkingDayIsEightHours: a civil servant's working day is 8 hours (the national default is
// Hà Nội's 08:00–12:00 and 13:00–17:00), so 8 working hours from the opening end at that day's
// close, and every shipped province's hours make 8 hours. The old hours (07:30–11:30,
// 13:30–17:00) made 7.5.
func TestWorkingDayIsEightHours(t *testing.T) {
	t.Parallel()
	cal := seeded(t)
	def := calendar.DefaultOfficeHours()
	require.Equal(t, 8*time.Hour, def.Length())
	require.Equal(t, calendar.WorkingDay, def.Length())
	require.Equal(t, "08:00 12:00 13:00 17:00 15:00", clocks(def))

	shipped, err := calendar.SeedOfficeHours()
	require.NoError(t, err)
	require.NotEmpty(t, shipped)
	require.Equal(t, calendar.NationalDefault, shipped[0].ProvinceCode)
	require.Equal(t, clocks(def), clocks(shipped[0]), "office_hours.json ships the default of the code")
	for _, h := range append(shipped, def) {
		require.Equal(t, 8*time.Hour, h.Length(), h.ProvinceCode)
		opening := at("2026-03-10 00:00").Add(h.MorningStart)
		closing := at("2026-03-10 00:00").Add(h.AfternoonEnd)
		require.True(t, closing.Equal(cal.AddWorkingHours(opening, 8, h)), "8 hours from %s's opening end at its close", h.ProvinceCode)
		require.True(t, closing.Add(24*time.Hour).Equal(cal.AddWorkingHours(opening, 16, h)), "16 hours are two working days")
	}

	// The old hours are refused: they made a working day of 7.5 hours.
	old := calendar.OfficeHours{ProvinceCode: calendar.NationalDefault, MorningStart: 7*time.Hour + 30*time.Minute,
		MorningEnd: 11*time.Hour + 30*time.Minute, AfternoonStart: 13*time.Hour + 30*time.Minute, AfternoonEnd: 17 * time.Hour,
		CutOff: 15 * time.Hour}
	require.Equal(t, 7*time.Hour+30*time.Minute, old.Length())
	require.Error(t, old.Check())
}

// TestOfficeHoursPerProvince: the hours of the receiving agency's province count; a province
// without its own uses the national hours, and a calendar without stored hours the default.
func TestOfficeHoursPerProvince(t *testing.T) {
	t.Parallel()
	days, err := calendar.SeedDays()
	require.NoError(t, err)
	national := calendar.DefaultOfficeHours()
	national.Basis = "mặc định"
	// Hours a province might set: an earlier start and a shorter lunch.
	early := calendar.OfficeHours{ProvinceCode: "46", MorningStart: 7*time.Hour + 30*time.Minute, MorningEnd: 11*time.Hour + 30*time.Minute,
		AfternoonStart: 13 * time.Hour, AfternoonEnd: 17 * time.Hour, CutOff: 16 * time.Hour}
	require.NoError(t, early.Check())
	cal := calendar.FromDays(days).WithOfficeHours([]calendar.OfficeHours{early, national})

	require.Equal(t, early, cal.Hours("46"))
	require.Equal(t, national, cal.Hours("01"), "no row of its own: the national hours")
	require.Equal(t, []calendar.OfficeHours{national, early}, cal.OfficeHours(), "national first, then by code")
	require.Equal(t, calendar.DefaultOfficeHours(), calendar.FromDays(days).Hours("46"), "nothing stored: the default")
	require.Empty(t, calendar.FromDays(days).OfficeHours())

	from := at("2026-03-10 07:45") // a Tuesday
	require.True(t, at("2026-03-10 12:00").Equal(cal.AddWorkingHours(from, 4, cal.Hours("01"))), "08:00 + 4 h")
	require.True(t, at("2026-03-10 13:15").Equal(cal.AddWorkingHours(from, 4, cal.Hours("46"))), "07:45–11:30, then 13:00–13:15")
	// 15:30 is past the national cut-off, not past this province's 16:00.
	_, late := cal.CountsFrom(at("2026-03-10 15:30"), cal.Hours("01"))
	require.True(t, late)
	_, late = cal.CountsFrom(at("2026-03-10 15:30"), cal.Hours("46"))
	require.False(t, late)
}

func TestOfficeHoursCheck(t *testing.T) {
	t.Parallel()
	ok := calendar.DefaultOfficeHours()
	require.NoError(t, ok.Check())
	for name, change := range map[string]func(*calendar.OfficeHours){
		"ProvinceCode":      func(h *calendar.OfficeHours) { h.ProvinceCode = "1" },
		"SevenAndAHalf":     func(h *calendar.OfficeHours) { h.MorningStart = 8*time.Hour + 30*time.Minute },
		"Overlap":           func(h *calendar.OfficeHours) { h.MorningEnd, h.AfternoonStart = 13*time.Hour, 12*time.Hour },
		"CutOffAfterClose":  func(h *calendar.OfficeHours) { h.CutOff = 17*time.Hour + time.Minute },
		"CutOffAtOpening":   func(h *calendar.OfficeHours) { h.CutOff = 8 * time.Hour },
		"Seconds":           func(h *calendar.OfficeHours) { h.CutOff = 15*time.Hour + time.Second },
		"AfternoonPastDay":  func(h *calendar.OfficeHours) { h.AfternoonEnd = 25 * time.Hour },
		"MorningBeforeZero": func(h *calendar.OfficeHours) { h.MorningStart = -time.Hour },
	} {
		h := ok
		change(&h)
		require.Error(t, h.Check(), name)
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	d, err := calendar.ParseClock("07:30")
	require.NoError(t, err)
	require.Equal(t, 7*time.Hour+30*time.Minute, d)
	require.Equal(t, "07:30", calendar.FormatClock(d))
	for _, bad := range []string{"", "7h30", "24:00", "12:60", "1230"} {
		_, err := calendar.ParseClock(bad)
		require.Error(t, err, bad)
	}
}

// clocks writes the hours as "morning-start morning-end afternoon-start afternoon-end cut-off".
func clocks(h calendar.OfficeHours) string {
	f := calendar.FormatClock
	return f(h.MorningStart) + " " + f(h.MorningEnd) + " " + f(h.AfternoonStart) + " " + f(h.AfternoonEnd) + " " + f(h.CutOff)
}
