package catalogue

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/forms"
)

// AgenciesIn returns every agency of a province, its province-level agencies first, then by
// Vietnamese name: what an administrator chooses a staff member's agency from.
func (s *Service) AgenciesIn(ctx context.Context, provinceCode string) ([]Agency, error) {
	rows, err := s.q.AgenciesInProvince(ctx, provinceCode)
	if err != nil {
		return nil, fmt.Errorf("catalogue: agencies in %s: %w", provinceCode, err)
	}
	out := make([]Agency, len(rows))
	for i, r := range rows {
		out[i] = agencyOf(r)
	}
	return out, nil
}

// Validate reports what Publish would refuse in a schema: the form's own rules (forms.Schema.Check)
// and the registry bindings the portal knows. The administrator's preview asks it before
// offering to publish.
func (s *Service) Validate(schema forms.Schema) error {
	if err := schema.Check(); err != nil {
		return err
	}
	return checkBindings(schema)
}
