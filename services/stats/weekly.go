package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/motlan/portal/services/calendar"
)

// Week counts the cases that finished in one week: decided (9) approved or refused, or ended
// otherwise (3, not received; 8, stopped or withdrawn). A delivery (10) after the decision is
// not a second ending.
type Week struct {
	Start    time.Time // the Monday, a Vietnam date at 00:00 UTC (as pgx reads a date)
	Approved int
	Refused  int
	Other    int
}

// MaxWeeks bounds Weekly's window.
const MaxWeeks = 104

// Weekly returns the last weeks weeks, the current one included, oldest first; a week without
// any finished case is there with zeros. weeks is clamped to 1..MaxWeeks.
func (s *Service) Weekly(ctx context.Context, agency string, weeks int) ([]Week, error) {
	weeks = min(max(weeks, 1), MaxWeeks)
	today := calendar.Date(s.now())
	monday := today.AddDate(0, 0, -(int(today.Weekday())+6)%7)
	first := monday.AddDate(0, 0, -7*(weeks-1))
	out := make([]Week, weeks)
	index := make(map[string]int, weeks)
	for i := range out {
		out[i].Start = first.AddDate(0, 0, 7*i)
		index[out[i].Start.Format(time.DateOnly)] = i
	}
	from := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, calendar.Vietnam())
	to := time.Date(monday.Year(), monday.Month(), monday.Day()+7, 0, 0, 0, 0, calendar.Vietnam())

	ends, err := s.caseTables(ctx).EndingsByWeek(ctx, agency, from, to)
	if err != nil {
		return nil, fmt.Errorf("stats: weekly %s: %w", agency, err)
	}
	for _, e := range ends {
		i, ok := index[e.Start.Format(time.DateOnly)]
		if !ok {
			return nil, fmt.Errorf("stats: weekly %s: week %s outside the window", agency, e.Start.Format(time.DateOnly))
		}
		out[i].Approved, out[i].Refused, out[i].Other = e.Approved, e.Refused, e.Other
	}
	return out, nil
}
