package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ScreenshotRoot is the folder, under the repository root, that receives the
// screenshots: test-output/screenshots/<TestName>/<NN>-<step>.png.
const ScreenshotRoot = "test-output/screenshots"

// Screenshot saves a full-page PNG of the current page as the next step of the
// test, to <repo root>/test-output/screenshots/<TestName>/<NN>-<step>.png,
// where NN counts the test's screenshots from 01. It fails the test on an error.
func (b *Browser) Screenshot(step string) {
	b.t.Helper()
	path, err := b.saveScreenshot(step)
	if err != nil {
		b.t.Fatalf("browsertest: screenshot %q: %v", step, err)
	}
	b.t.Logf("screenshot %s", path)
}

// ScreenshotDir returns the folder of the test's screenshots.
func (b *Browser) ScreenshotDir() string {
	return b.shotDir
}

func (b *Browser) saveScreenshot(step string) (string, error) {
	if b.ctx.Err() != nil {
		return "", fmt.Errorf("the browser is closed: %w", context.Cause(b.ctx))
	}
	ctx, cancel := context.WithTimeout(b.ctx, max(b.cfg.actionTimeout, 20*time.Second))
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(b.shotDir, 0o750); err != nil {
		return "", err
	}
	b.shots++
	path := filepath.Join(b.shotDir, fmt.Sprintf("%02d-%s.png", b.shots, safeName(step)))
	if err := os.WriteFile(path, png, 0o600); err != nil {
		return "", err
	}
	return path, nil
}

// screenshotDir maps a test name such as "TestJourney/Citizen_OK" to a folder,
// one level per subtest.
func screenshotDir(root, testName, label string) string {
	parts := []string{root, ScreenshotRoot}
	for p := range strings.SplitSeq(testName, "/") {
		parts = append(parts, safeName(p))
	}
	if label != "" {
		parts = append(parts, safeName(label))
	}
	return filepath.Join(parts...)
}

// removeOldScreenshots deletes the PNG files that an earlier run of the same
// test left, so the folder shows this run only. Subtests' folders stay.
func removeOldScreenshots(t testing.TB, dir string) {
	old, err := filepath.Glob(filepath.Join(dir, "*.png"))
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatalf("browsertest: remove an old screenshot: %v", err)
		}
	}
}

// safeName keeps letters, digits, '.', '_' and '-', and turns anything else
// into '_', so a name is one portable path element.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, s)
	s = strings.Trim(s, ".")
	if s == "" {
		return "_"
	}
	return s
}
