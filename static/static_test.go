package static_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/motlan/portal/static"
)

func TestFSHoldsScript(t *testing.T) {
	t.Parallel()
	b, err := fs.ReadFile(static.FS, "js/app.js")
	if err != nil {
		t.Fatalf("read js/app.js: %v", err)
	}
	// app.js imports GOV.UK Frontend and the portal's modules by their served URLs; each URL
	// must map to a file of FS.
	imports := regexp.MustCompile(`from '/static/([^']+)'`).FindAllSubmatch(b, -1)
	if len(imports) < 2 {
		t.Fatalf("js/app.js imports %d files from /static/, want GOV.UK Frontend and address.js", len(imports))
	}
	requireBuilt(t)
	for _, m := range imports {
		if _, err := fs.Stat(static.FS, string(m[1])); err != nil {
			t.Errorf("js/app.js imports /static/%s, which FS lacks: %v", m[1], err)
		}
	}
}

func TestThemeLeavesOutGOVUKFontAndImages(t *testing.T) {
	t.Parallel()
	requireBuilt(t)
	b, err := fs.ReadFile(static.FS, "dist/app.css")
	if err != nil {
		t.Fatalf("read dist/app.css: %v", err)
	}
	css := string(b)
	for _, banned := range []string{"GDS Transport", "@font-face", "url("} {
		if strings.Contains(css, banned) {
			t.Errorf("dist/app.css contains %q", banned)
		}
	}
	for _, want := range []string{"--govuk-brand-colour: #a4161a", ".app-header", ".app-lang-switch", ".app-user-summary", ".app-hero", ".app-badge"} {
		if !strings.Contains(css, want) {
			t.Errorf("dist/app.css lacks %q", want)
		}
	}
}

// requireBuilt fails the test when `npm run build` has not run (`make test` builds first): a
// theme that was never built is never skipped over.
func requireBuilt(t *testing.T) {
	t.Helper()
	if _, err := fs.Stat(static.FS, "dist/app.css"); err != nil {
		t.Fatal("static/dist is not built: run `make assets` (npm ci && npm run build) before the tests")
	}
}
