package staff

import (
	"slices"

	"github.com/motlan/portal/services/casework"
)

// nextActions is the order in which an action is the expected next step of a case: the first of
// them the officer may take now is the case page's one primary action (receive a new case, start
// processing a received one, approve a processed one whose draft is settled, accept a
// withdrawal, record the handover of a decided one). The life cycle's other actions are offered
// under "Thao tác khác".
var nextActions = []casework.Action{casework.Receive, casework.StartProcessing, casework.Approve, casework.AcceptWithdrawal, casework.Deliver}

// confirmed lists the actions that go through the confirm page first (case_confirm.go): they
// sign or end the case, and cannot be undone.
var confirmed = []casework.Action{casework.Approve, casework.Refuse, casework.Stop}

// needsConfirm reports whether action is taken only from its confirm page.
func needsConfirm(a casework.Action) bool { return slices.Contains(confirmed, a) }

// splitActions picks the primary action among those allowed and returns it with the others, in
// the life cycle's order; "" when no allowed action is an expected next step (the citizen is
// awaited, or the draft is to be sent first).
func splitActions(allowed []casework.Action) (primary string, others []string) {
	for _, n := range nextActions {
		if slices.Contains(allowed, n) {
			primary = string(n)
			break
		}
	}
	for _, a := range allowed {
		if a == casework.SendDraft || string(a) == primary {
			continue // the draft is offered with itself (staffDraft)
		}
		others = append(others, string(a))
	}
	return primary, others
}
