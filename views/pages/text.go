package pages

import (
	"context"
	"time"

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

// civil shows a civil date (a due date, a birth date) in the request's language.
func civil(ctx context.Context, t time.Time) string { return i18n.CivilDate(ctx, t) }
