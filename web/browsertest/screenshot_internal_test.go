package browsertest

import (
	"path/filepath"
	"testing"
)

func TestScreenshotDir(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		test, label, want string
	}{
		{"TestJourney", "", "TestJourney"},
		{"TestJourney/Citizen_OK", "", "TestJourney/Citizen_OK"},
		{"TestJourney/a:b*c", "staff", "TestJourney/a_b_c/staff"},
		{"TestJourney/..", "", "TestJourney/_"},
	} {
		got := screenshotDir("/repo", tc.test, tc.label)
		want := filepath.Join("/repo", "test-output", "screenshots", filepath.FromSlash(tc.want))
		if got != want {
			t.Errorf("screenshotDir(%q, %q) = %s, want %s", tc.test, tc.label, got, want)
		}
	}
}

func TestSafeName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"sign-in":       "sign-in",
		"form filled":   "form_filled",
		"../etc/passwd": "_etc_passwd",
		"":              "_",
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}
