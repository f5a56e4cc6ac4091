package staff

import (
	"slices"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/casefile"
	"github.com/motlan/portal/services/casework"
	"github.com/motlan/portal/views/pages"
)

// draftView is the draft of the case's result on the officer's page, with the button that sends
// it (again, after a correction) while processing. The officer reads it as the case's result
// preview, which the page links to already.
func draftView(f casefile.OfficerFile) pages.DraftView {
	return citizen.DraftView(f.Case.Status, f.Draft, f.Events, "", slices.Contains(f.Actions, casework.SendDraft))
}
