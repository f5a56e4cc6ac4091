package ndxp

import (
	"fmt"
	"time"
)

// The registries' data is as of the end of October 2026: the last month with
// contributions, the latest birth or filing. It is fixed, not taken from the clock, so
// that a seed always gives the same data.
const (
	dataYear      = 2026
	lastDataMonth = month(dataYear*12 + 9) // 2026-10
)

// month counts months since year 0: year*12 + (month-1).
type month int

func monthOf(year int, m time.Month) month { return month(year*12 + int(m) - 1) }

func (m month) year() int               { return int(m) / 12 }
func (m month) month() time.Month       { return time.Month(int(m)%12 + 1) }
func (m month) String() string          { return fmt.Sprintf("%04d-%02d", m.year(), int(m.month())) }
func (m month) day(d int) time.Time     { return time.Date(m.year(), m.month(), d, 0, 0, 0, 0, time.UTC) }
func (m month) firstDay() time.Time     { return m.day(1) }
func (m month) lastDay() time.Time      { return (m + 1).day(1).AddDate(0, 0, -1) }
func monthOfTime(t time.Time) month     { return monthOf(t.Year(), t.Month()) }
func dateString(t time.Time) string     { return t.Format(time.DateOnly) }
func asOfDate() time.Time               { return lastDataMonth.lastDay() }
func yearStart(year int) time.Time      { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
func dayOfYear(year, doy int) time.Time { return yearStart(year).AddDate(0, 0, doy) }

func parseMonth(s string) (month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	return monthOfTime(t), nil
}

func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

// daysIn is the number of days of a year.
func daysIn(year int) int {
	if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 366
	}
	return 365
}
