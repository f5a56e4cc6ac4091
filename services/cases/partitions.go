package cases

import (
	"context"
	"fmt"
	"time"
)

// EnsurePartitions creates the monthly partitions of the timeline (case_events) for the month
// of at and the monthsAhead after it, when missing, and returns those it made. The jobs service
// calls it every day, so a month's partition is there before its first event.
func (s *Service) EnsurePartitions(ctx context.Context, at time.Time, monthsAhead int) ([]string, error) {
	made, err := s.q.EventPartitionsEnsure(ctx, at, monthsAhead)
	if err != nil {
		return nil, fmt.Errorf("cases: ensure partitions: %w", err)
	}
	return made, nil
}
