package payment

import (
	"context"

	"github.com/motlan/portal/services/cases/status"
)

// Items lists a case's items in order, with the order that paid each. Callers authorize the case.
// A due item of a case that has ended is shown cancelled: nothing is to pay for it any more.
func (s *Service) Items(ctx context.Context, caseID int64) ([]Item, error) {
	items, err := storeOf(s.pool).items(ctx, caseID)
	if err != nil || len(items) == 0 {
		return items, err
	}
	c, err := s.deps.Cases.Get(ctx, s.pool, caseID)
	if err != nil {
		return nil, err
	}
	if status.Finished.Has(c.Status) {
		for i := range items {
			if items[i].State == ItemDue {
				items[i].State = ItemCancelled
			}
		}
	}
	return items, nil
}

// Orders lists a case's orders, newest first, for the officer's page. Callers authorize.
func (s *Service) Orders(ctx context.Context, caseID int64) ([]Order, error) {
	return storeOf(s.pool).ordersOfCase(ctx, caseID)
}
