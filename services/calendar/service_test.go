package calendar_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/database/dbtest"
	"github.com/motlan/portal/services/fault"
)

func TestSeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	days, err := calendar.SeedDays()
	require.NoError(t, err)

	hours, err := calendar.SeedOfficeHours()
	require.NoError(t, err)
	n, err := calendar.Seed(ctx, pool)
	require.NoError(t, err)
	require.Equal(t, calendar.Seeded{Days: len(days), OfficeHours: len(hours)}, n)

	t.Run("Idempotent", func(t *testing.T) {
		n, err := calendar.Seed(ctx, pool)
		require.NoError(t, err)
		require.Equal(t, calendar.Seeded{}, n)
		var rows int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM calendar_days`).Scan(&rows))
		require.Equal(t, len(days), rows)
	})
	t.Run("Load", func(t *testing.T) {
		cal, err := calendar.Load(ctx, pool)
		require.NoError(t, err)
		want := calendar.FromDays(days)
		for _, y := range []int{2025, 2026, 2027} {
			require.Equal(t, want.Holidays(y), cal.Holidays(y))
		}
		require.Equal(t, date("2026-02-23"), cal.AddWorkingDays(date("2026-02-13"), 1))
		require.Equal(t, date("2026-09-03"), cal.AddWorkingDays(date("2026-08-28"), 1))
		require.Equal(t, hours, cal.OfficeHours(), "the shipped office hours, read back")
		require.Equal(t, hours[0], cal.Hours("79"), "a province without its own: the national hours")
	})
	t.Run("KeepsAdministratorEdits", func(t *testing.T) {
		_, err := pool.Exec(ctx, `UPDATE calendar_days SET name_en = 'changed' WHERE day = '2026-02-17'`)
		require.NoError(t, err)
		_, err = pool.Exec(ctx, `DELETE FROM calendar_days WHERE day = '2026-08-22'`)
		require.NoError(t, err)
		n, err := calendar.Seed(ctx, pool)
		require.NoError(t, err)
		require.Equal(t, calendar.Seeded{Days: 1}, n, "only the missing shipped date is written back")
		var name string
		require.NoError(t, pool.QueryRow(ctx, `SELECT name_en FROM calendar_days WHERE day = '2026-02-17'`).Scan(&name))
		require.Equal(t, "changed", name, "an administrator's edit survives a new seed")
	})
	t.Run("ErrWorkdayOnWeekday", func(t *testing.T) {
		_, err := pool.Exec(ctx, `INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ('2026-03-10', 'workday', 'x', 'x')`)
		require.Error(t, err, "the table refuses a working Tuesday")
		_, err = pool.Exec(ctx, `INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ('2026-03-14', 'holiday', 'x', 'x')`)
		require.Error(t, err, "the table refuses a holiday on a Saturday")
		_, err = pool.Exec(ctx, `INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ('2026-03-10', 'closed', 'x', 'x')`)
		require.Error(t, err, "the table refuses an unknown kind")
	})
}

func TestService(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	_, err := calendar.Seed(ctx, pool)
	require.NoError(t, err)
	var clock atomic.Int64
	clock.Store(time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC).UnixNano())
	svc := calendar.NewService(pool)
	calendar.SetClock(svc, func() time.Time { return time.Unix(0, clock.Load()) })
	advance := func(d time.Duration) { clock.Add(int64(d)) }
	working := func(day string) bool {
		t.Helper()
		cal, err := svc.Calendar(ctx)
		require.NoError(t, err)
		return cal.IsWorkingDay(date(day))
	}

	require.True(t, working("2026-03-10"))
	require.False(t, working("2026-02-17"))

	// A change made behind the service's back is not seen while the cache is fresh...
	_, err = pool.Exec(ctx, `INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ('2026-03-10', 'holiday', 'x', 'x')`)
	require.NoError(t, err)
	advance(30 * time.Second)
	require.True(t, working("2026-03-10"), "cached")

	t.Run("SetInvalidates", func(t *testing.T) {
		require.NoError(t, svc.Set(ctx, calendar.Day{Date: date("2026-03-11"), Kind: calendar.KindHoliday, NameVI: " Nghỉ ", NameEN: "Day off"}))
		require.False(t, working("2026-03-11"))
		require.False(t, working("2026-03-10"), "reloaded")
		cal, err := svc.Calendar(ctx)
		require.NoError(t, err)
		require.Contains(t, cal.Holidays(2026), calendar.Day{Date: date("2026-03-11"), Kind: calendar.KindHoliday, NameVI: "Nghỉ", NameEN: "Day off"}, "names are trimmed")
	})
	t.Run("Expires", func(t *testing.T) {
		_, err := pool.Exec(ctx, `DELETE FROM calendar_days WHERE day = '2026-03-10'`)
		require.NoError(t, err)
		require.False(t, working("2026-03-10"), "cached")
		advance(cacheTTL())
		require.True(t, working("2026-03-10"), "reloaded after a minute")
	})
	t.Run("SetReplaces", func(t *testing.T) {
		require.NoError(t, svc.Set(ctx, calendar.Day{Date: date("2026-03-11"), Kind: calendar.KindHoliday, NameVI: "Khác", NameEN: "Other"}))
		require.NoError(t, svc.Set(ctx, calendar.Day{Date: date("2026-03-14"), Kind: calendar.KindWorkday, NameVI: "Làm bù", NameEN: "Make-up day"}))
		require.True(t, working("2026-03-14"))
		cal, err := svc.Calendar(ctx)
		require.NoError(t, err)
		require.Equal(t, date("2026-03-14"), cal.AddWorkingDays(date("2026-03-10"), 3))
	})
	t.Run("Delete", func(t *testing.T) {
		require.NoError(t, svc.Delete(ctx, at("2026-03-11 09:00")))
		require.True(t, working("2026-03-11"))
		require.Equal(t, fault.ENOTFOUND, fault.Code(svc.Delete(ctx, date("2026-03-11"))))
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for name, d := range map[string]calendar.Day{
			"HolidayOnSaturday": {Date: date("2026-03-21"), Kind: calendar.KindHoliday, NameVI: "x", NameEN: "x"},
			"WorkdayOnMonday":   {Date: date("2026-03-23"), Kind: calendar.KindWorkday, NameVI: "x", NameEN: "x"},
			"UnknownKind":       {Date: date("2026-03-23"), Kind: "closed", NameVI: "x", NameEN: "x"},
			"NoName":            {Date: date("2026-03-23"), Kind: calendar.KindHoliday, NameVI: " ", NameEN: "x"},
		} {
			require.Equal(t, fault.EINVALID, fault.Code(svc.Set(ctx, d)), name)
		}
		require.True(t, working("2026-03-23"))
	})
	t.Run("Concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				for range 20 {
					cal, err := svc.Calendar(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					_ = cal.AddWorkingDays(date("2026-02-13"), i)
				}
			})
		}
		for range 5 {
			require.NoError(t, svc.Set(ctx, calendar.Day{Date: date("2026-03-12"), Kind: calendar.KindHoliday, NameVI: "x", NameEN: "x"}))
			advance(cacheTTL())
		}
		wg.Wait()
		require.False(t, working("2026-03-12"))
	})
}

func cacheTTL() time.Duration { return time.Minute }

func TestServiceOfficeHours(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	_, err := calendar.Seed(ctx, pool)
	require.NoError(t, err)
	svc := calendar.NewService(pool)
	hoursOf := func(province string) calendar.OfficeHours {
		t.Helper()
		cal, err := svc.Calendar(ctx)
		require.NoError(t, err)
		return cal.Hours(province)
	}
	require.Equal(t, calendar.NationalDefault, hoursOf("79").ProvinceCode)

	hcm := calendar.OfficeHours{ProvinceCode: "79", MorningStart: 7*time.Hour + 30*time.Minute, MorningEnd: 11*time.Hour + 30*time.Minute,
		AfternoonStart: 13 * time.Hour, AfternoonEnd: 17 * time.Hour, CutOff: 15 * time.Hour, Basis: "  Quyết định thử  "}
	t.Run("SetInvalidates", func(t *testing.T) {
		require.NoError(t, svc.SetOfficeHours(ctx, hcm))
		got := hoursOf("79")
		want := hcm
		want.Basis = "Quyết định thử"
		require.Equal(t, want, got, "seen at once, basis trimmed")
		require.Equal(t, calendar.NationalDefault, hoursOf("48").ProvinceCode)
	})
	t.Run("SetNational", func(t *testing.T) {
		national := hoursOf("00")
		national.CutOff = 16 * time.Hour
		require.NoError(t, svc.SetOfficeHours(ctx, national))
		require.Equal(t, 16*time.Hour, hoursOf("48").CutOff, "provinces without their own follow the national hours")
		require.Equal(t, 15*time.Hour, hoursOf("79").CutOff)
		n, err := calendar.Seed(ctx, pool)
		require.NoError(t, err)
		require.Zero(t, n.OfficeHours)
		require.Equal(t, 16*time.Hour, hoursOf("48").CutOff, "an administrator's edit survives a new seed")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for name, h := range map[string]calendar.OfficeHours{
			"NoSuchProvince": func() calendar.OfficeHours { h := hcm; h.ProvinceCode = "99"; return h }(),
			"SevenAndAHalf":  func() calendar.OfficeHours { h := hcm; h.AfternoonStart = 13*time.Hour + 30*time.Minute; return h }(),
			"CutOffAtNight":  func() calendar.OfficeHours { h := hcm; h.CutOff = 20 * time.Hour; return h }(),
		} {
			err := svc.SetOfficeHours(ctx, h)
			require.Equal(t, fault.EINVALID, fault.Code(err), name)
			require.Equal(t, calendar.MsgHoursInvalid, fault.Message(err), name)
		}
		require.Equal(t, 11*time.Hour+30*time.Minute, hoursOf("79").MorningEnd, "unchanged")
	})
	t.Run("TableRefusesSevenAndAHalfHours", func(t *testing.T) {
		_, err := pool.Exec(ctx, `INSERT INTO office_hours (province_code, morning_start, morning_end, afternoon_start, afternoon_end, cutoff)
			VALUES ('48', '07:30', '11:30', '13:30', '17:00', '15:00')`)
		require.Error(t, err)
		_, err = pool.Exec(ctx, `INSERT INTO office_hours (province_code, morning_start, morning_end, afternoon_start, afternoon_end, cutoff)
			VALUES ('48', '07:30', '11:30', '13:00', '17:00', '18:00')`)
		require.Error(t, err, "a cut-off after closing")
	})
	t.Run("Delete", func(t *testing.T) {
		require.NoError(t, svc.DeleteOfficeHours(ctx, "79"))
		require.Equal(t, calendar.NationalDefault, hoursOf("79").ProvinceCode)
		require.Equal(t, fault.ENOTFOUND, fault.Code(svc.DeleteOfficeHours(ctx, "79")))
		err := svc.DeleteOfficeHours(ctx, calendar.NationalDefault)
		require.Equal(t, fault.EINVALID, fault.Code(err))
		require.Equal(t, calendar.MsgHoursNational, fault.Message(err))
	})
}
