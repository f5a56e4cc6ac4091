package calendar

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/calendar/internal/calendardb"
	"github.com/motlan/portal/services/fault"
)

// cacheTTL bounds how stale a cached calendar may be when another instance edited the table.
const cacheTTL = time.Minute

// Service serves the calendar from the database, cached, and lets an administrator edit it.
type Service struct {
	pool *pgxpool.Pool
	q    *calendardb.Queries
	now  func() time.Time // for the cache's age only; the calendar math never reads a clock

	mu       sync.Mutex
	cal      *Calendar
	loadedAt time.Time
	gen      uint64 // bumped by every edit, so a load that raced an edit is not cached
}

// NewService returns the calendar service.
func NewService(pool *pgxpool.Pool) *Service {
	return &Service{pool: pool, q: calendardb.New(pool), now: time.Now}
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
