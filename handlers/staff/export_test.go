package staff

import (
	"io"

	"github.com/motlan/portal/services/payment"
)

// ParseAmount reads a typed amount of đồng for the tests: ok false when it is refused.
func ParseAmount(s string) (int64, bool) {
	v, msg := parseAmount(s)
	return v, msg == ""
}

// WriteReconciliation writes the reconciliation CSV for the tests.
func WriteReconciliation(w io.Writer, orders []payment.Order) error {
	return writeReconciliation(w, orders)
}
