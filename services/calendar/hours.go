package calendar

import "time"

// officeHours are the sessions of a working day, as offsets from midnight, Vietnam time.
var officeHours = [...]struct{ start, end time.Duration }{
	{7*time.Hour + 30*time.Minute, 11*time.Hour + 30*time.Minute},
	{13*time.Hour + 30*time.Minute, 17 * time.Hour},
}

// AddWorkingHours returns the moment, in Vietnam time, when the given number of office hours
// (07:30–11:30 and 13:30–17:00 on working days) have passed since from: the deadline of "online
// cases must be received within 8 working hours". Time outside office hours does not count; a
// deadline that falls exactly at the end of a session is that end (11:30 or 17:00), not the
// start of the next. hours <= 0 returns from.
func (c *Calendar) AddWorkingHours(from time.Time, hours int) time.Time {
	t := from.In(vietnam)
	left := time.Duration(hours) * time.Hour
	if left <= 0 {
		return t
	}
	for n := dayNumber(t); ; n++ {
		if !c.working(n) {
			continue
		}
		y, m, d := fromNumber(n).Date()
		midnight := time.Date(y, m, d, 0, 0, 0, 0, vietnam)
		for _, s := range officeHours {
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
