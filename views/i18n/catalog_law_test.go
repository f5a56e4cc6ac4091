package i18n

import (
	"context"
	"strings"
	"testing"

	"github.com/motlan/portal/views/viewctx"
)

// The footer cites the rule that citizens are not asked again for what the State's databases
// hold: Resolution 66.7/2025/NQ-CP (in force since 1 January 2026), no longer Decree 45/2020.
func TestFooterCitesResolution667(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{Vi, En} {
		got := T(viewctx.With(context.Background(), viewctx.Page{Lang: lang}), "app.footer.law")
		if !strings.Contains(got, "66.7/2025/NQ-CP") || strings.Contains(got, "45/2020") {
			t.Errorf("%s footer: %q", lang, got)
		}
	}
}
