package calendar

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/motlan/portal/services/calendar/internal/calendardb"
)

// officeHoursJSON holds the shipped office hours; see its "note" for the rules and sources.
//
//go:embed office_hours.json
var officeHoursJSON []byte

// hoursFile is the layout of office_hours.json.
type hoursFile struct {
	Note  string `json:"note"`
	Hours []struct {
		ProvinceCode   string `json:"province_code"`
		Name           string `json:"name"`
		MorningStart   string `json:"morning_start"`
		MorningEnd     string `json:"morning_end"`
		AfternoonStart string `json:"afternoon_start"`
		AfternoonEnd   string `json:"afternoon_end"`
		CutOff         string `json:"cutoff"`
		Basis          string `json:"basis"`
		Source         string `json:"source"`
		Confirmed      bool   `json:"confirmed"`
	} `json:"hours"`
}

// SeedOfficeHours returns the office hours embedded in the binary, the rows Seed writes.
func SeedOfficeHours() ([]OfficeHours, error) {
	var f hoursFile
	dec := json.NewDecoder(bytes.NewReader(officeHoursJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("calendar: read office_hours.json: %w", err)
	}
	out := make([]OfficeHours, 0, len(f.Hours))
	for _, e := range f.Hours {
		h := OfficeHours{ProvinceCode: e.ProvinceCode, Basis: e.Basis}
		for _, v := range []struct {
			in  string
			out *time.Duration
		}{{e.MorningStart, &h.MorningStart}, {e.MorningEnd, &h.MorningEnd}, {e.AfternoonStart, &h.AfternoonStart},
			{e.AfternoonEnd, &h.AfternoonEnd}, {e.CutOff, &h.CutOff}} {
			d, err := ParseClock(v.in)
			if err != nil {
				return nil, fmt.Errorf("calendar: office_hours.json: %s: %w", e.ProvinceCode, err)
			}
			*v.out = d
		}
		if err := h.Check(); err != nil {
			return nil, fmt.Errorf("calendar: office_hours.json: %s: %w", e.ProvinceCode, err)
		}
		out = append(out, h)
	}
	return out, nil
}

// ParseClock reads a wall-clock time "15:04" as an offset from midnight.
func ParseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// FormatClock writes an offset from midnight as "15:04".
func FormatClock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// clock converts a PostgreSQL time of day to an offset from midnight.
func clock(t pgtype.Time) time.Duration { return time.Duration(t.Microseconds) * time.Microsecond }

func pgClock(d time.Duration) pgtype.Time {
	return pgtype.Time{Microseconds: d.Microseconds(), Valid: true}
}

// hoursRow is h as the office_hours queries take it.
func hoursRow(h OfficeHours) calendardb.OfficeHoursSetParams {
	return calendardb.OfficeHoursSetParams{ProvinceCode: h.ProvinceCode, MorningStart: pgClock(h.MorningStart),
		MorningEnd: pgClock(h.MorningEnd), AfternoonStart: pgClock(h.AfternoonStart), AfternoonEnd: pgClock(h.AfternoonEnd),
		Cutoff: pgClock(h.CutOff), Basis: h.Basis}
}
