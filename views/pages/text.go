package pages

import (
	"context"

	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
)

// txt picks a bilingual text in the request's language.
func txt(ctx context.Context, t components.Text) string {
	if i18n.Lang(ctx) == i18n.En && t.EN != "" {
		return t.EN
	}
	return t.VI
}

func fee(ctx context.Context, vnd int64) string {
	if vnd == 0 {
		return i18n.T(ctx, "proc.fee.free")
	}
	return i18n.Money(ctx, vnd)
}

func civil(ctx context.Context, t interface{ Format(string) string }) string {
	return i18n.Date(ctx, t.Format("2006-01-02"))
}
