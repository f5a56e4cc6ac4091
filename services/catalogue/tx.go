package catalogue

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
)

// InTx is the catalogue's reads that run in a caller's transaction: a submission routes its
// case and reads its fee schedule in the transaction that writes the case, not in transactions
// of their own on other connections of the pool.
type InTx struct{ q *cataloguedb.Queries }

// In returns the catalogue's reads in tx.
func (s *Service) In(tx pgx.Tx) InTx { return InTx{q: cataloguedb.New(tx)} }

// Route is Service.Route, in the transaction.
func (t InTx) Route(ctx context.Context, p Procedure, provinceCode, communeCode string) (Agency, error) {
	return route(ctx, t.q, p, provinceCode, communeCode)
}

// Fees is Service.Fees, in the transaction.
func (t InTx) Fees(ctx context.Context, code, province, channel string, on time.Time) ([]Fee, error) {
	sch, err := feeSchedule(ctx, t.q, code, province, on)
	if err != nil {
		return nil, err
	}
	return sch.Channel(channel), nil
}
