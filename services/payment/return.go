package payment

import (
	"context"
	"net/url"

	"github.com/motlan/portal/services/vnpay"
)

// ReturnOf reads what the gateway's browser return is about, for the citizen who owns the
// order. It changes nothing: only HandleIPN and Reconcile mark an order paid. Parameters whose
// signature does not hold give a Return with SignatureOK false and nothing else; an order
// that is not the citizen's is not found, as a missing one.
func (s *Service) ReturnOf(ctx context.Context, citizenID int64, q url.Values) (Return, error) {
	if !vnpay.Verify(s.cfg.HashSecret, q) || q.Get(vnpay.ParamTmnCode) != s.cfg.TmnCode {
		return Return{}, nil
	}
	st := storeOf(s.pool)
	o, err := st.orderByRef(ctx, q.Get(vnpay.ParamTxnRef))
	if err != nil {
		return Return{}, err
	}
	it, err := st.item(ctx, o.ItemID)
	if err != nil {
		return Return{}, err
	}
	if it.CitizenID != citizenID {
		return Return{}, errNotFound
	}
	items, err := s.Items(ctx, it.CaseID)
	if err != nil {
		return Return{}, err
	}
	r := Return{CaseCode: it.CaseCode, OrderState: o.State, GatewayCode: q.Get(vnpay.ParamResponseCode), SignatureOK: true}
	for _, i := range items {
		if i.ID == it.ID {
			r.Item = i
		}
	}
	return r, nil
}
