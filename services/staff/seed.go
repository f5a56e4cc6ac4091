package staff

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
)

// demo is the development staff directory: the simulator's staff accounts with their agencies
// and roles. Production directories are managed with `portal staff` and the admin page.
//
//go:embed demo.json
var demo []byte

// SeedDemo loads the development directory (idempotent).
func (s *Service) SeedDemo(ctx context.Context) (int, error) {
	var members []struct {
		Login      string   `json:"login"`
		FullName   string   `json:"full_name"`
		Email      string   `json:"email"`
		AgencyCode string   `json:"agency_code"`
		Roles      []string `json:"roles"`
	}
	if err := json.Unmarshal(demo, &members); err != nil {
		return 0, fmt.Errorf("staff: demo directory: %w", err)
	}
	for _, m := range members {
		if err := s.Upsert(ctx, Member{Login: m.Login, FullName: m.FullName, Email: m.Email, AgencyCode: m.AgencyCode, Roles: m.Roles}); err != nil {
			return 0, err
		}
	}
	return len(members), nil
}
