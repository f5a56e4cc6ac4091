package calendar

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar/internal/calendardb"
)

// holidaysJSON holds the official schedules; see its "note" for the sources and assumptions.
//
//go:embed holidays.json
var holidaysJSON []byte

// dataFile is the layout of holidays.json: each day names its source (a key of Sources) and
// whether it is confirmed; Pending days are reported but unconfirmed, and never seeded.
type dataFile struct {
	Note    string            `json:"note"`
	Sources map[string]string `json:"sources"`
	Days    []struct {
		Date      string `json:"date"`
		Weekday   string `json:"weekday"`
		Kind      string `json:"kind"`
		NameVI    string `json:"name_vi"`
		NameEN    string `json:"name_en"`
		Source    string `json:"source"`
		Confirmed bool   `json:"confirmed"`
	} `json:"days"`
	Pending []struct {
		Date    string `json:"date"`
		Weekday string `json:"weekday"`
		Kind    string `json:"kind"`
		NameVI  string `json:"name_vi"`
		NameEN  string `json:"name_en"`
		Reason  string `json:"reason"`
	} `json:"pending"`
}

// SeedDays returns the schedules embedded in the binary, the days Seed writes.
func SeedDays() ([]Day, error) {
	var f dataFile
	dec := json.NewDecoder(bytes.NewReader(holidaysJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("calendar: read holidays.json: %w", err)
	}
	days := make([]Day, 0, len(f.Days))
	for _, e := range f.Days {
		date, err := time.Parse(time.DateOnly, e.Date)
		if err != nil {
			return nil, fmt.Errorf("calendar: holidays.json: %w", err)
		}
		if _, ok := f.Sources[e.Source]; !ok {
			return nil, fmt.Errorf("calendar: holidays.json: %s: unknown source %q", e.Date, e.Source)
		}
		if e.Weekday != date.Weekday().String() {
			return nil, fmt.Errorf("calendar: holidays.json: %s is a %s, not a %s", e.Date, date.Weekday(), e.Weekday)
		}
		d := Day{Date: date, Kind: e.Kind, NameVI: e.NameVI, NameEN: e.NameEN}
		if err := validate(d); err != nil {
			return nil, fmt.Errorf("calendar: holidays.json: %s: %w", e.Date, err)
		}
		days = append(days, d)
	}
	return days, nil
}

// Seeded tells how many rows Seed wrote.
type Seeded struct {
	Days        int // calendar_days
	OfficeHours int // office_hours
}

// Seed writes the embedded schedules into calendar_days and the embedded office hours into
// office_hours, in one transaction, inserting the dates and provinces that are missing, and
// returns how many rows it wrote; a second run writes none. A date or a province an
// administrator changed keeps the administrator's value (the shipped files never override the
// edit); a shipped date an administrator deleted comes back, so remove a holiday by turning it
// into the right kind instead (a deleted province's hours come back too).
func Seed(ctx context.Context, pool *pgxpool.Pool) (Seeded, error) {
	var out Seeded
	days, err := SeedDays()
	if err != nil {
		return out, err
	}
	hours, err := SeedOfficeHours()
	if err != nil {
		return out, err
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return out, fmt.Errorf("calendar: seed: %w", err)
	}
	defer tx.Rollback(ctx)
	q := calendardb.New(tx)
	for _, d := range days {
		n, err := q.CalendarDaySeed(ctx, calendardb.CalendarDaySeedParams{Day: d.Date, Kind: d.Kind, NameVi: d.NameVI, NameEn: d.NameEN})
		if err != nil {
			return Seeded{}, fmt.Errorf("calendar: seed %s: %w", d.Date.Format(time.DateOnly), err)
		}
		out.Days += int(n)
	}
	for _, h := range hours {
		n, err := q.OfficeHoursSeed(ctx, calendardb.OfficeHoursSeedParams(hoursRow(h)))
		if err != nil {
			return Seeded{}, fmt.Errorf("calendar: seed office hours %s: %w", h.ProvinceCode, err)
		}
		out.OfficeHours += int(n)
	}
	if err := tx.Commit(ctx); err != nil {
		return Seeded{}, fmt.Errorf("calendar: seed: %w", err)
	}
	return out, nil
}

// Load reads the whole calendar from calendar_days and office_hours. Service.Calendar caches it.
func Load(ctx context.Context, pool *pgxpool.Pool) (*Calendar, error) {
	q := calendardb.New(pool)
	rows, err := q.CalendarDays(ctx)
	if err != nil {
		return nil, fmt.Errorf("calendar: load: %w", err)
	}
	days := make([]Day, len(rows))
	for i, r := range rows {
		days[i] = Day{Date: r.Day, Kind: r.Kind, NameVI: r.NameVi, NameEN: r.NameEn}
	}
	hrows, err := q.OfficeHours(ctx)
	if err != nil {
		return nil, fmt.Errorf("calendar: load office hours: %w", err)
	}
	hours := make([]OfficeHours, len(hrows))
	for i, r := range hrows {
		hours[i] = OfficeHours{ProvinceCode: r.ProvinceCode, MorningStart: clock(r.MorningStart), MorningEnd: clock(r.MorningEnd),
			AfternoonStart: clock(r.AfternoonStart), AfternoonEnd: clock(r.AfternoonEnd), CutOff: clock(r.Cutoff), Basis: r.Basis}
	}
	return FromDays(days).WithOfficeHours(hours), nil
}
