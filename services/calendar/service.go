package calendar

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/adminunits"
	"github.com/motlan/portal/services/calendar/internal/calendardb"
	"github.com/motlan/portal/services/fault"
)

// cacheTTL bounds how stale a cached calendar may be when another instance edited the table.
const cacheTTL = time.Minute

// Service serves the calendar from the database, cached, and lets an administrator edit it.
type Service struct {
	pool  *pgxpool.Pool
	q     *calendardb.Queries
	units *adminunits.Map  // the provinces office hours may be set for
	now   func() time.Time // for the cache's age only; the calendar math never reads a clock

	mu       sync.Mutex
	cal      *Calendar
	loadedAt time.Time
	gen      uint64 // bumped by every edit, so a load that raced an edit is not cached
}

// NewService returns the calendar service.
func NewService(pool *pgxpool.Pool) *Service {
	return &Service{pool: pool, q: calendardb.New(pool), units: adminunits.MustLoad(), now: time.Now}
}

// Calendar returns the current calendar, loaded at most a minute ago; an edit through this
// Service is seen at once, an edit made elsewhere within a minute.
func (s *Service) Calendar(ctx context.Context) (*Calendar, error) {
	s.mu.Lock()
	if s.cal != nil && s.now().Sub(s.loadedAt) < cacheTTL {
		cal := s.cal
		s.mu.Unlock()
		return cal, nil
	}
	gen := s.gen
	s.mu.Unlock()

	started := s.now()
	cal, err := Load(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.gen == gen {
		s.cal, s.loadedAt = cal, started
	}
	s.mu.Unlock()
	return cal, nil
}

func (s *Service) invalidate() {
	s.mu.Lock()
	s.gen++
	s.cal = nil
	s.mu.Unlock()
}

// Set adds or replaces the entry for d's date: a holiday must be a weekday, a working day a
// Saturday or Sunday, and both names are required.
func (s *Service) Set(ctx context.Context, d Day) error {
	d.Date = Date(d.Date)
	d.NameVI, d.NameEN = strings.TrimSpace(d.NameVI), strings.TrimSpace(d.NameEN)
	if err := validate(d); err != nil {
		return fault.Wrap(fault.EINVALID, "error.invalid", "calendar.set", err)
	}
	err := s.q.CalendarDaySet(ctx, calendardb.CalendarDaySetParams{Day: d.Date, Kind: d.Kind, NameVi: d.NameVI, NameEn: d.NameEN})
	s.invalidate()
	if err != nil {
		return fmt.Errorf("calendar: set %s: %w", d.Date.Format(time.DateOnly), err)
	}
	return nil
}

// Delete removes the entry for date's Vietnam date, so the day follows the Monday–Friday rule
// again. It fails with fault.ENOTFOUND when there is no entry.
func (s *Service) Delete(ctx context.Context, date time.Time) error {
	day := Date(date)
	n, err := s.q.CalendarDayDelete(ctx, day)
	s.invalidate()
	if err != nil {
		return fmt.Errorf("calendar: delete %s: %w", day.Format(time.DateOnly), err)
	}
	if n == 0 {
		return fault.New(fault.ENOTFOUND, "error.notfound", "calendar.delete")
	}
	return nil
}

// validate checks an entry the way the table's constraints do.
func validate(d Day) error {
	weekend := isWeekend(dayNumber(d.Date))
	switch {
	case d.Kind != KindHoliday && d.Kind != KindWorkday:
		return fmt.Errorf("unknown kind %q", d.Kind)
	case d.Kind == KindHoliday && weekend:
		return errors.New("a holiday on a weekend changes nothing; enter the weekday taken in lieu")
	case d.Kind == KindWorkday && !weekend:
		return errors.New("only a Saturday or Sunday can be declared a working day")
	case strings.TrimSpace(d.NameVI) == "" || strings.TrimSpace(d.NameEN) == "":
		return errors.New("both names are required")
	}
	return nil
}

// Message keys of office-hours faults.
const (
	MsgHoursInvalid  = "admin.hours.error.invalid"
	MsgHoursNational = "admin.hours.error.national"
)

// SetOfficeHours adds or replaces a province's office hours (NationalDefault: the national
// ones). They must make a working day of WorkingDay, with the cut-off inside office hours, for
// a province of the map. Open cases' due dates do not move: they count working days; the hours
// time the 8-hour receipt window and the cut-off of cases submitted from now on.
func (s *Service) SetOfficeHours(ctx context.Context, h OfficeHours) error {
	h.Basis = strings.TrimSpace(h.Basis)
	err := h.Check()
	if _, ok := s.units.ProvinceName(h.ProvinceCode); err == nil && !ok && h.ProvinceCode != NationalDefault {
		err = fmt.Errorf("no province has code %s", h.ProvinceCode)
	}
	if err != nil {
		return fault.Wrap(fault.EINVALID, MsgHoursInvalid, "calendar.setOfficeHours", err)
	}
	err = s.q.OfficeHoursSet(ctx, hoursRow(h))
	s.invalidate()
	if err != nil {
		return fmt.Errorf("calendar: set office hours %s: %w", h.ProvinceCode, err)
	}
	return nil
}

// DeleteOfficeHours removes a province's own office hours, so the national ones apply to it
// again. The national hours can be changed, not removed (fault.EINVALID); a province without
// its own is fault.ENOTFOUND.
func (s *Service) DeleteOfficeHours(ctx context.Context, provinceCode string) error {
	if provinceCode == NationalDefault {
		return fault.New(fault.EINVALID, MsgHoursNational, "calendar.deleteOfficeHours")
	}
	n, err := s.q.OfficeHoursDelete(ctx, provinceCode)
	s.invalidate()
	if err != nil {
		return fmt.Errorf("calendar: delete office hours %s: %w", provinceCode, err)
	}
	if n == 0 {
		return fault.New(fault.ENOTFOUND, "error.notfound", "calendar.deleteOfficeHours")
	}
	return nil
}
