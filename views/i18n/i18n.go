// Package i18n holds the portal's user-facing texts, Vietnamese first and English second, and
// looks them up for the language of the current request.
package i18n

import (
	"context"
	"fmt"
	"maps"

	"github.com/motlan/portal/views/viewctx"
)

// Languages the portal speaks; Vi is the default.
const (
	Vi = "vi"
	En = "en"
)

// Parse returns the language named by s, and whether s named one.
func Parse(s string) (string, bool) {
	switch s {
	case Vi, En:
		return s, true
	}
	return Vi, false
}

// Lang returns the language of the current request.
func Lang(ctx context.Context) string {
	l, _ := Parse(viewctx.From(ctx).Lang)
	return l
}

// T returns the text for key in the request's language. A missing key shows the key itself, so
// it is seen and fixed (a test checks every key has both languages).
func T(ctx context.Context, key string) string {
	m, ok := lookup(key)
	if !ok {
		return key
	}
	if Lang(ctx) == En {
		return m.en
	}
	return m.vi
}

// Tf formats the text for key with args.
func Tf(ctx context.Context, key string, args ...any) string {
	return fmt.Sprintf(T(ctx, key), args...)
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := lookup(key)
	return ok
}

// lookup finds key in the catalogues.
func lookup(key string) (text, bool) {
	m, ok := texts[key]
	return m, ok
}

// texts is every catalogue in one map, built once: a page looks up hundreds of keys, and
// searching the catalogues in turn cost one map lookup per catalogue before the right one.
var texts = merged(catalogues)

// merged returns the catalogues' keys in one map; where a key is in two (a test forbids it),
// the first catalogue's text wins, as when they were searched in order.
func merged(cats []map[string]text) map[string]text {
	n := 0
	for _, c := range cats {
		n += len(c)
	}
	all := make(map[string]text, n)
	for i := len(cats) - 1; i >= 0; i-- {
		maps.Copy(all, cats[i])
	}
	return all
}

// catalogues are every area's texts, merged into texts; a test checks no key is in two of them.
var catalogues = []map[string]text{catalog, formCatalog, applyCatalog, dashboardCatalog, partiesCatalog, linkedCatalog, caseworkCatalog, calendarCatalog, lawCatalog, documentsCatalog, limitsCatalog, outageCatalog, inputCatalog, signoutCatalog, doneCatalog, searchCatalog, feedbackCatalog, homeCatalog, adminCatalog, contactCatalog, officerCatalog, paymentStaffCatalog, paymentCatalog, reuseCatalog, heldCatalog, signingCatalog}

type text struct{ vi, en string }
