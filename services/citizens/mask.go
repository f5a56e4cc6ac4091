package citizens

import "strings"

// MaskPersonalID hides all but the last 4 digits of a personal ID ("********2345"), the form
// in which the portal shows it outside its owner's own data pages.
func MaskPersonalID(pid string) string {
	if len(pid) <= 4 {
		return strings.Repeat("*", len(pid))
	}
	return strings.Repeat("*", len(pid)-4) + pid[len(pid)-4:]
}
