package i18n_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/viewctx"
)

func TestFormats(t *testing.T) {
	t.Parallel()
	vi := viewctx.With(context.Background(), viewctx.Page{Lang: "vi"})
	en := viewctx.With(context.Background(), viewctx.Page{Lang: "en"})
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	require.Equal(t, "27/11/2026 16:30", i18n.DateTime(vi, at))
	require.Equal(t, "27 Nov 2026, 16:30", i18n.DateTime(en, at))
	require.Equal(t, "15/03/1988", i18n.Date(vi, "1988-03-15"))
	due := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC) // a civil date: no zone shift
	require.Equal(t, "04/12/2026", i18n.CivilDate(vi, due))
	require.Equal(t, "4 Dec 2026", i18n.CivilDate(en, due))
	require.Equal(t, "10/2026", i18n.Month(vi, "2026-10"))
	require.Equal(t, "1.575.000 ₫", i18n.Money(vi, 1575000))
	require.Equal(t, "1,575,000 ₫", i18n.Money(en, 1575000))
	require.Equal(t, "-1.000", i18n.Number(vi, -1000))
	require.Equal(t, "999", i18n.Number(vi, 999))
	require.Equal(t, "85,5 m²", i18n.Area(vi, 85.5))
	require.Equal(t, "85.5 m²", i18n.Area(en, 85.5))
}

// TestDatesAsTimeFormat holds the digit-by-digit date writer to time.Format's layouts, over
// every day of several years (leap days, single-digit days and months, years of fewer than
// four digits) and every hour and minute.
func TestDatesAsTimeFormat(t *testing.T) {
	t.Parallel()
	vi := viewctx.With(context.Background(), viewctx.Page{Lang: "vi"})
	en := viewctx.With(context.Background(), viewctx.Page{Lang: "en"})
	ict := time.FixedZone("ICT", 7*3600)
	for _, start := range []time.Time{
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1975, 4, 30, 0, 0, 0, 0, time.UTC),
		time.Date(999, 12, 25, 0, 0, 0, 0, time.UTC), time.Date(9, 2, 3, 0, 0, 0, 0, time.UTC),
	} {
		for i := range 800 {
			day := start.AddDate(0, 0, i)
			require.Equal(t, day.Format("02/01/2006"), i18n.CivilDate(vi, day))
			require.Equal(t, day.Format("2 Jan 2006"), i18n.CivilDate(en, day))
			at := day.Add(time.Duration(i*97) * time.Minute) // a different hour and minute each day
			require.Equal(t, at.In(ict).Format("02/01/2006 15:04"), i18n.DateTime(vi, at))
			require.Equal(t, at.In(ict).Format("2 Jan 2006, 15:04"), i18n.DateTime(en, at))
		}
	}
	require.Empty(t, i18n.DateTime(vi, time.Time{}))
}
