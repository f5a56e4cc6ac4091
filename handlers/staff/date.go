package staff

import (
	"strings"

	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/i18n"
)

// dateProblem is what is wrong with a required date read by forms.ReadDate: nothing typed, a
// part missing, not a real date (an i18n key); "" for a real date.
func dateProblem(v string) string {
	if strings.TrimSpace(v) == "" {
		return i18n.MsgDateRequired
	}
	return forms.DateProblem(v)
}
