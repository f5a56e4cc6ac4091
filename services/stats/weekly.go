package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/calendar"
)

// Week counts the cases that reached a final status in one week: decided (9) approved or
// refused, or ended otherwise (3, not received; 8, stopped or withdrawn).
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

	// date_trunc('week', …) goes back to the Monday. A status 9 event is counted by the case's
	// outcome; a 9 without one (never written by casework) counts as other.
	rows, err := s.pool.Query(ctx, `
		SELECT date_trunc('week', `+vnDate("e.at")+`)::date AS week,
			count(DISTINCT e.case_id) FILTER (WHERE e.to_status = 9 AND c.outcome = 'approved'),
			count(DISTINCT e.case_id) FILTER (WHERE e.to_status = 9 AND c.outcome = 'refused'),
			count(DISTINCT e.case_id) FILTER (WHERE e.to_status IN (3, 8) OR c.outcome IS NULL)
		FROM case_events e JOIN cases c ON c.id = e.case_id
		WHERE c.agency_code = $1 AND e.to_status IN (3, 8, 9) AND e.from_status IS DISTINCT FROM e.to_status
			AND e.at >= $2 AND e.at < $3
		GROUP BY week`, agency, from, to)
	if err != nil {
		return nil, fmt.Errorf("stats: weekly %s: %w", agency, err)
	}
	var (
		week                     time.Time
		approved, refused, other int
	)
	_, err = pgx.ForEachRow(rows, []any{&week, &approved, &refused, &other}, func() error {
		i, ok := index[week.Format(time.DateOnly)]
		if !ok {
			return fmt.Errorf("week %s outside the window", week.Format(time.DateOnly))
		}
		out[i].Approved, out[i].Refused, out[i].Other = approved, refused, other
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: weekly %s: %w", agency, err)
	}
	return out, nil
}
