package i18n_test

import (
	"context"
	"testing"

	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/viewctx"
)

// BenchmarkT looks up a key of the first catalogue and one of the last (payment), as a page does hundreds
// of times.
func BenchmarkT(b *testing.B) {
	ctx := viewctx.With(context.Background(), viewctx.Page{Lang: i18n.Vi})
	for _, key := range []string{"app.name", "payment.title"} {
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				if i18n.T(ctx, key) == key {
					b.Fatalf("%s: not in the catalogues", key)
				}
			}
		})
	}
}
