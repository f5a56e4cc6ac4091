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

// dataFile is the layout of holidays.json.
type dataFile struct {
	Note    string   `json:"note"`
	Sources []string `json:"sources"`
	Days    []struct {
		Date        string `json:"date"`
		Weekday     string `json:"weekday"`
		Kind        string `json:"kind"`
		NameVI      string `json:"name_vi"`
		NameEN      string `json:"name_en"`
		Provisional bool   `json:"provisional"`
	} `json:"days"`
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

// Seed writes the embedded schedules into calendar_days, inserting the dates that are missing,
// and returns how many rows it wrote; a second run writes none. A date an administrator changed
// keeps the administrator's value (the shipped file never overrides the edit); a shipped date an
// administrator deleted comes back, so remove a holiday by turning it into the right kind instead.
func Seed(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	days, err := SeedDays()
	if err != nil {
		return 0, err
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("calendar: seed: %w", err)
	}
	defer tx.Rollback(ctx)
	q := calendardb.New(tx)
	written := 0
	for _, d := range days {
		n, err := q.CalendarDaySeed(ctx, calendardb.CalendarDaySeedParams{Day: d.Date, Kind: d.Kind, NameVi: d.NameVI, NameEn: d.NameEN})
		if err != nil {
			return 0, fmt.Errorf("calendar: seed %s: %w", d.Date.Format(time.DateOnly), err)
		}
		written += int(n)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("calendar: seed: %w", err)
	}
	return written, nil
}

// Load reads the whole calendar from calendar_days. Service.Calendar caches it.
func Load(ctx context.Context, pool *pgxpool.Pool) (*Calendar, error) {
	rows, err := calendardb.New(pool).CalendarDays(ctx)
	if err != nil {
		return nil, fmt.Errorf("calendar: load: %w", err)
	}
	days := make([]Day, len(rows))
	for i, r := range rows {
		days[i] = Day{Date: r.Day, Kind: r.Kind, NameVI: r.NameVi, NameEN: r.NameEn}
	}
	return FromDays(days), nil
}
