package forms

import (
	"strconv"
	"strings"
	"time"
)

// A date is asked in three boxes, day, month and year, as GOV.UK's date input does: a browser's
// own date picker shows mm/dd/yyyy to many Vietnamese users and is hard to use on a phone for a
// date of birth. The boxes post <name>.day, <name>.month and <name>.year; JoinDate makes one
// answer of them. A real date is saved as ISO (YYYY-MM-DD), the one form prefill, snapshots and
// PDFs know. Anything else is saved as typed, "year-month-day" with a part left empty when it
// was not typed ("2020--31"), so the boxes show it again, a draft resumes with it, and
// validation can say which part is wrong; such a value never passes Validate.

// Messages of a date typed in three boxes (views/i18n).
const (
	MsgDateDay       = "validation.date.day"        // the day is missing
	MsgDateMonth     = "validation.date.month"      // the month is missing
	MsgDateYear      = "validation.date.year"       // the year is missing
	MsgDateDayMonth  = "validation.date.day_month"  // the day and the month are missing
	MsgDateDayYear   = "validation.date.day_year"   // the day and the year are missing
	MsgDateMonthYear = "validation.date.month_year" // the month and the year are missing
	MsgDateReal      = "validation.date.real"       // no such date (31/02), or not numbers
	MsgDateYear4     = "validation.date.year4"      // the year is not 4 digits
)

// datePartRunes is the most kept of one box: a year has 4 digits, a little more is kept so
// that the citizen sees what they typed and is told it is wrong.
const datePartRunes = 6

// JoinDate makes one answer of a date's three boxes: ISO when they make a real date, "" when
// all are empty, otherwise "year-month-day" as typed (a dash typed in a box is dropped, so the
// answer splits back into the same three parts).
func JoinDate(day, month, year string) string {
	part := func(s string) string {
		return value(strings.ReplaceAll(s, "-", ""), datePartRunes)
	}
	day, month, year = part(day), part(month), part(year)
	if day == "" && month == "" && year == "" {
		return ""
	}
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	if errD == nil && errM == nil && errY == nil && len(year) == 4 && realDate(y, m, d) {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return year + "-" + month + "-" + day
}

// ReadDate reads the date posted under name by get (echo's FormValue, url.Values.Get): from
// its three boxes, or, when none of them was posted, the single value under name (a locked
// date's hidden input, a client that posts ISO).
func ReadDate(get func(string) string, name string) string {
	day, month, year := get(name+".day"), get(name+".month"), get(name+".year")
	if day == "" && month == "" && year == "" {
		return value(get(name), keptRunes)
	}
	return JoinDate(day, month, year)
}

// SplitDate gives the three boxes of a saved answer: an ISO date without leading zeros
// ("2020-03-05" → 5, 3, 2020), or what was typed.
func SplitDate(v string) (day, month, year string) {
	parts := strings.Split(v, "-")
	if len(parts) != 3 {
		return "", "", v
	}
	year, month, day = parts[0], parts[1], parts[2]
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		month, day = strings.TrimLeft(month, "0"), strings.TrimLeft(day, "0")
	}
	return day, month, year
}

// DateProblem is the message for a date answer that is not a real date, and "" for one that is
// (time.Parse then reads it). The caller handles "" (nothing typed).
func DateProblem(v string) string {
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return ""
	}
	day, month, year := SplitDate(v)
	missing := ""
	for _, p := range []struct{ part, name string }{{day, "day"}, {month, "month"}, {year, "year"}} {
		if p.part == "" {
			missing += p.name
		}
	}
	switch missing {
	case "":
	case "day":
		return MsgDateDay
	case "month":
		return MsgDateMonth
	case "year":
		return MsgDateYear
	case "daymonth":
		return MsgDateDayMonth
	case "dayyear":
		return MsgDateDayYear
	case "monthyear":
		return MsgDateMonthYear
	}
	if _, err := strconv.Atoi(year); err == nil && len(year) != 4 {
		return MsgDateYear4
	}
	return MsgDateReal
}

func realDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && t.Month() == time.Month(m)
}
