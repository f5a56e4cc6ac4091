package calendar

import (
	"errors"
	"fmt"
	"time"
)

// NationalDefault is the province code of the national office hours, those of every province
// without its own (no province has code 00).
const NationalDefault = "00"

// WorkingDay is the length of a civil servant's working day: 8 hours, 40 a week. A province
// sets when its sessions start and end, never how long they last in total.
const WorkingDay = 8 * time.Hour

// OfficeHours are a province's office hours: a morning and an afternoon session, as offsets
// from midnight in Vietnam time, and the cut-off after which a case submitted on a working day
// counts from the next working day.
type OfficeHours struct {
	ProvinceCode   string // two digits, or NationalDefault
	MorningStart   time.Duration
	MorningEnd     time.Duration
	AfternoonStart time.Duration
	AfternoonEnd   time.Duration
	CutOff         time.Duration
	Basis          string // the decision or source the hours come from; optional
}

// DefaultOfficeHours are the national hours a calendar uses when none are stored: Hà Nội's,
// 08:00–12:00 and 13:00–17:00, with the 15:00 cut-off. office_hours.json ships the same (a test
// checks it), so a seeded database and a calendar built without one agree.
func DefaultOfficeHours() OfficeHours {
	return OfficeHours{ProvinceCode: NationalDefault, MorningStart: 8 * time.Hour, MorningEnd: 12 * time.Hour,
		AfternoonStart: 13 * time.Hour, AfternoonEnd: 17 * time.Hour, CutOff: 15 * time.Hour}
}

// Length is how long the two sessions last together.
func (h OfficeHours) Length() time.Duration {
	return h.MorningEnd - h.MorningStart + h.AfternoonEnd - h.AfternoonStart
}

// Check reports what is wrong with the hours, the way the office_hours table's constraints do:
// sessions in order within the day, WorkingDay in all, the cut-off inside office hours.
func (h OfficeHours) Check() error {
	switch {
	case !provinceCode(h.ProvinceCode):
		return fmt.Errorf("province code %q is not two digits", h.ProvinceCode)
	case h.MorningStart < 0 || h.AfternoonEnd > 24*time.Hour:
		return errors.New("office hours must fall within the day")
	case h.MorningStart%time.Minute != 0 || h.MorningEnd%time.Minute != 0 || h.AfternoonStart%time.Minute != 0 ||
		h.AfternoonEnd%time.Minute != 0 || h.CutOff%time.Minute != 0:
		return errors.New("office hours are whole minutes")
	case h.MorningStart >= h.MorningEnd || h.MorningEnd > h.AfternoonStart || h.AfternoonStart >= h.AfternoonEnd:
		return errors.New("the morning session must end before the afternoon one starts")
	case h.Length() != WorkingDay:
		return fmt.Errorf("the sessions last %s together, not %s", h.Length(), WorkingDay)
	case h.CutOff <= h.MorningStart || h.CutOff > h.AfternoonEnd:
		return errors.New("the cut-off must fall within office hours")
	}
	return nil
}

func provinceCode(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// Hours returns the office hours of a province: its own, else the national ones (stored, else
// DefaultOfficeHours). ProvinceCode tells which applied.
func (c *Calendar) Hours(provinceCode string) OfficeHours {
	if h, ok := c.hours[provinceCode]; ok {
		return h
	}
	if h, ok := c.hours[NationalDefault]; ok {
		return h
	}
	return DefaultOfficeHours()
}

// OfficeHours returns the stored office hours, the national ones first, then by province code.
func (c *Calendar) OfficeHours() []OfficeHours { return append([]OfficeHours(nil), c.hoursSorted...) }

// AddWorkingHours returns the moment, in Vietnam time, when the given number of office hours
// of h, on working days, have passed since from: the deadline of "online cases must be received
// within 8 working hours", counted in the hours of the receiving agency's province. Time outside
// office hours does not count; a deadline that falls exactly at the end of a session is that end
// (12:00 or 17:00), not the start of the next. hours <= 0 returns from.
func (c *Calendar) AddWorkingHours(from time.Time, hours int, h OfficeHours) time.Time {
	t := from.In(vietnam)
	left := time.Duration(hours) * time.Hour
	if left <= 0 {
		return t
	}
	sessions := [...]struct{ start, end time.Duration }{{h.MorningStart, h.MorningEnd}, {h.AfternoonStart, h.AfternoonEnd}}
	for n := dayNumber(t); ; n++ {
		if !c.working(n) {
			continue
		}
		midnight := civilMidnight(n)
		for _, s := range sessions {
			start, end := midnight.Add(s.start), midnight.Add(s.end)
			if t.Before(start) {
				t = start
			}
			if !t.Before(end) {
				continue
			}
			if avail := end.Sub(t); left <= avail {
				return t.Add(left)
			}
			left -= end.Sub(t)
			t = end
		}
	}
}

// CountsFrom returns when the legal clock of a case submitted at t starts, and whether the
// cut-off rule moved it. "Hồ sơ nộp sau 15 giờ hoặc vào ngày nghỉ được tính từ ngày làm việc
// tiếp theo": a case submitted on a working day up to h's cut-off (15:00 by default) counts from
// t; one submitted after it, or on a day off, counts from the opening (MorningStart) of the next
// working day, as if it had been submitted then. The result is in Vietnam time.
func (c *Calendar) CountsFrom(t time.Time, h OfficeHours) (time.Time, bool) {
	t = t.In(vietnam)
	n := dayNumber(t)
	if c.working(n) && !t.After(civilMidnight(n).Add(h.CutOff)) {
		return t, false
	}
	for n++; !c.working(n); n++ {
	}
	return civilMidnight(n).Add(h.MorningStart), true
}

// civilMidnight is the start of day number n in Vietnam time.
func civilMidnight(n int64) time.Time {
	y, m, d := fromNumber(n).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, vietnam)
}
