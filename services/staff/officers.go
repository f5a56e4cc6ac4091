package staff

import (
	"context"
	"fmt"
)

// Officer is a member a supervisor may assign a case to.
type Officer struct {
	Login string
	Name  string
}

// Officers returns the agency's active officers and supervisors, by name: whom a supervisor may
// assign the agency's cases to.
func (s *Service) Officers(ctx context.Context, agency string) ([]Officer, error) {
	rows, err := s.q.StaffOfficers(ctx, agency, assignable)
	if err != nil {
		return nil, fmt.Errorf("staff: officers: %w", err)
	}
	out := make([]Officer, len(rows))
	for i, r := range rows {
		out[i] = Officer{Login: r.Login, Name: r.FullName}
	}
	return out, nil
}
