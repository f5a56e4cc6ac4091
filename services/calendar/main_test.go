package calendar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/database/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// date is a civil date in the form the calendar returns.
func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

var vn = time.FixedZone("ICT", 7*60*60)

// at is a wall-clock time in Vietnam.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vn)
	if err != nil {
		panic(err)
	}
	return t
}

// seeded is the calendar built from the embedded data file.
func seeded(t *testing.T) *calendar.Calendar {
	t.Helper()
	days, err := calendar.SeedDays()
	require.NoError(t, err)
	return calendar.FromDays(days)
}
