package staff

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Officer is a member a supervisor may assign a case to.
type Officer struct {
	Login string
	Name  string
}

// Officers returns the agency's active officers and supervisors, by name: whom a supervisor may
// assign the agency's cases to.
func (s *Service) Officers(ctx context.Context, agency string) ([]Officer, error) {
	rows, err := s.pool.Query(ctx, `SELECT login, full_name FROM staff WHERE agency_code = $1 AND disabled_at IS NULL
		AND roles && ARRAY['officer', 'supervisor'] ORDER BY full_name, login`, agency)
	if err != nil {
		return nil, fmt.Errorf("staff: officers: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Officer, error) {
		var o Officer
		return o, r.Scan(&o.Login, &o.Name)
	})
	if err != nil {
		return nil, fmt.Errorf("staff: officers: %w", err)
	}
	return out, nil
}
