package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCatalogHasBothLanguages(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, cat := range catalogues {
		for key := range cat {
			if seen[key] {
				t.Errorf("%s is in two catalogues", key)
			}
			seen[key] = true
		}
	}
	for _, cat := range catalogues {
		for key, m := range cat {
			if strings.TrimSpace(m.vi) == "" || strings.TrimSpace(m.en) == "" {
				t.Errorf("%s: missing a language (vi %q, en %q)", key, m.vi, m.en)
			}
		}
	}
}

// TestEveryUsedKeyExists reads the views, handlers and services for literal message keys, so
// a typo shows up here rather than as a raw key on a page.
func TestEveryUsedKeyExists(t *testing.T) {
	t.Parallel()
	used := regexp.MustCompile(`i18n\.Tf?\(ctx, "([a-z0-9_.A-Z]*[a-zA-Z0-9])"|fault\.(?:New|Wrap)\(fault\.E[A-Z]+, "([a-z0-9_.]+)"|Msg[A-Za-z]+ += "([a-z0-9_.]+)"|pages\.Error\("([a-z.]+)", "([a-z.]+)"`)
	root := filepath.Join("..", "..")
	found := 0
	for _, dir := range []string{"views", "handlers", "services", "web"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_templ.go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			if !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".templ") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range used.FindAllStringSubmatch(string(b), -1) {
				for _, key := range m[1:] {
					if key == "" {
						continue
					}
					found++
					if !Has(key) {
						t.Errorf("%s uses unknown message key %q", path, key)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found < 20 {
		t.Fatalf("found only %d key uses; the scan is broken", found)
	}
}
