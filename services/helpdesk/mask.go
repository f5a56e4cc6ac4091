package helpdesk

import (
	"regexp"
	"strings"

	"github.com/motlan/portal/services/citizens"
)

// longDigits are runs of digits long enough to be a personal ID, a phone or an account number.
var longDigits = regexp.MustCompile(`\d{9,}`)

// MaskText masks an officer's free text for the helpdesk as the rest of its view is masked: the
// applicant's full name becomes MaskName's, and every run of nine digits or more keeps only its
// last four ("********2345").
func MaskText(text, applicantName string) string {
	if name := strings.TrimSpace(applicantName); name != "" {
		text = strings.ReplaceAll(text, name, MaskName(name))
	}
	return longDigits.ReplaceAllStringFunc(text, citizens.MaskPersonalID)
}
