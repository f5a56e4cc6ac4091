package casework_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/casework"
)

// provinces is the agencies' provinces as the sweep sees them.
type provinces map[string]string

func (p provinces) AgencyProvince(_ context.Context, code string) (string, error) {
	if v, ok := p[code]; ok {
		return v, nil
	}
	return "", errors.New("unknown agency")
}

// TestReceiptWindowInOfficeHoursOfProvince: the 8 working hours to receive a case count in the
// office hours of the receiving agency's province. Agency X's province opens at 07:00 (07:00–
// 11:00, 12:00–16:00), agency Y's has the national 08:00–12:00, 13:00–17:00: two cases submitted
// at 07:00 on Wednesday 2 December 2026 are due for receipt at 16:00 and 17:00.
func TestReceiptWindowInOfficeHoursOfProvince(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	early := calendar.OfficeHours{ProvinceCode: "79", MorningStart: 7 * time.Hour, MorningEnd: 11 * time.Hour,
		AfternoonStart: 12 * time.Hour, AfternoonEnd: 16 * time.Hour, CutOff: 15 * time.Hour}
	require.NoError(t, early.Check())
	e.cal = e.cal.WithOfficeHours([]calendar.OfficeHours{calendar.DefaultOfficeHours(), early})
	x := e.newCase(t, spec{submitted: at("2026-12-02 07:00")})
	y := e.newCase(t, spec{agency: agencyY, submitted: at("2026-12-02 07:00")})

	w := e.worker(nil)
	w.Agencies = provinces{agencyX: "79", agencyY: "01"}
	res, err := w.Sweep(ctx, at("2026-12-02 16:00"), 0)
	require.NoError(t, err)
	require.Zero(t, res.ReceiptOverdue, "16:00 is the end of X's window, not past it")

	res, err = w.Sweep(ctx, at("2026-12-02 16:30"), 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, res.ReceiptOverdue)
	require.True(t, e.get2(t, x).ReceiptOverdue, "X's province closed at 16:00")
	require.False(t, e.get2(t, y).ReceiptOverdue, "Y's window ends at 17:00")

	res, err = w.Sweep(ctx, at("2026-12-02 17:01"), 0)
	require.NoError(t, err)
	require.EqualValues(t, 1, res.ReceiptOverdue)
	require.True(t, e.get2(t, y).ReceiptOverdue)

	// An agency the catalogue does not know stops the sweep rather than guess its hours.
	e.newCase(t, spec{submitted: at("2026-12-02 07:00")})
	w.Agencies = provinces{}
	_, err = w.Sweep(ctx, at("2026-12-02 18:00"), 0)
	require.Error(t, err)
	require.Equal(t, casework.ReceiptHours, 8)
}
