package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
)

// fixedCalendar serves one calendar.
type fixedCalendar struct{ cal *calendar.Calendar }

func (f fixedCalendar) Calendar(context.Context) (*calendar.Calendar, error) { return f.cal, nil }

// oneDay makes the residence procedure a one-day procedure, as birth registration is, and
// returns a submitter whose calendar has the tests' holiday (Wednesday 2 December 2026) and
// the given office hours.
func oneDay(t *testing.T, e *env, hours ...calendar.OfficeHours) *cases.Submitter {
	t.Helper()
	_, err := e.pool.Exec(context.Background(), `UPDATE procedures SET processing_days = 1 WHERE code = $1`, residence)
	require.NoError(t, err)
	cal, err := testCalendar{}.Calendar(context.Background())
	require.NoError(t, err)
	return cases.NewSubmitter(e.cases, catalogue.New(e.pool), fixedCalendar{cal.WithOfficeHours(hours)}, e.notes)
}

// expected submits An's one-day case at the Vietnam time when and returns its expected date.
func expected(t *testing.T, e *env, s *cases.Submitter, when string) string {
	t.Helper()
	d := e.draft(t, e.an, true)
	e.clock.Set(at(when))
	c, err := s.SubmitDraft(context.Background(), e.an, d, true, e.rules())
	require.NoError(t, err)
	require.Equal(t, "CA-00070", c.AgencyCode, "a police station of Hà Nội (province 01)")
	return c.ExpectedDueOn.Format(time.DateOnly)
}

// TestAfterThreePMCountsFromNextWorkingDay: "1 ngày; nhận hồ sơ sau 15 giờ thì trả kết quả
// trong ngày làm việc tiếp theo". A one-day case submitted at 15:30 on Friday 27 November 2026
// counts from Monday 30 November, is received within that day's 8 working hours, and is
// promised for Tuesday 1 December: the next working day's following working day. On Monday
// after 15:00 it counts from Tuesday, and the holiday of Wednesday 2 December puts its day on
// Thursday.
func TestAfterThreePMCountsFromNextWorkingDay(t *testing.T) {
	t.Parallel()
	e := setup(t)
	s := oneDay(t, e)
	require.Equal(t, "2026-12-01", expected(t, e, s, "2026-11-27 15:30"), "Friday after 15:00")
	require.Equal(t, "2026-12-01", expected(t, e, s, "2026-11-30 08:00"), "Monday at opening: received by 17:00")
	require.Equal(t, "2026-12-03", expected(t, e, s, "2026-11-30 15:30"), "Monday after 15:00")
}

// TestDayOffCountsFromNextWorkingDay: submitted on Saturday 28 November 2026, a one-day case
// counts from Monday's opening and is promised for Tuesday 1 December; submitted on the holiday
// of Wednesday 2 December, it counts from Thursday and is promised for Friday 4 December.
func TestDayOffCountsFromNextWorkingDay(t *testing.T) {
	t.Parallel()
	e := setup(t)
	s := oneDay(t, e)
	require.Equal(t, "2026-12-01", expected(t, e, s, "2026-11-28 10:00"), "Saturday")
	require.Equal(t, "2026-12-04", expected(t, e, s, "2026-12-02 09:00"), "the holiday of Wednesday 2 December")
}

// TestExpectedDateInOfficeHoursOfProvince: the 8 working hours before receipt count in the hours
// of the agency's province. Submitted at 08:00 on Monday 30 November, a case is received by
// 17:00 that day in the national hours (due Tuesday); where the day runs 07:00–11:00 and
// 12:00–16:00, one hour is left for Tuesday, and the case is due on Thursday 3 December (the
// Wednesday is a holiday).
func TestExpectedDateInOfficeHoursOfProvince(t *testing.T) {
	t.Parallel()
	early := calendar.OfficeHours{ProvinceCode: "01", MorningStart: 7 * time.Hour, MorningEnd: 11 * time.Hour,
		AfternoonStart: 12 * time.Hour, AfternoonEnd: 16 * time.Hour, CutOff: 15 * time.Hour}
	e := setup(t)
	require.Equal(t, "2026-12-01", expected(t, e, oneDay(t, e, calendar.DefaultOfficeHours()), "2026-11-30 08:00"))
	require.Equal(t, "2026-12-03", expected(t, e, oneDay(t, e, calendar.DefaultOfficeHours(), early), "2026-11-30 08:00"))
	other := early
	other.ProvinceCode = "79"
	require.Equal(t, "2026-12-01", expected(t, e, oneDay(t, e, other), "2026-11-30 08:00"), "another province's hours do not count")
}
