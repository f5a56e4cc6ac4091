package pages

import "time"

// The kinds of a task on the signed-in home page, each with its own wording and link.
const (
	TaskSupplement = "supplement" // answer the agency's request for documents
	TaskPayment    = "payment"    // pay the fee asked for
	TaskResult     = "result"     // download an approved result
	TaskDraft      = "draft"      // finish a draft before it expires
	// TaskDraftResult: confirm the draft of the result the agency sent, or ask to correct it.
	TaskDraftResult = "draft-result"
)

// HomeTask is one thing that waits for the citizen, with where to do it.
type HomeTask struct {
	Kind    string // TaskSupplement, TaskPayment, TaskResult or TaskDraft
	Code    string // the case's code; "" for a draft
	Item    ProcedureItem
	URL     string    // the page where the citizen acts
	DueOn   time.Time // a case's due date; a draft's expiry
	Amount  int64     // VND, for TaskPayment
	DraftID string
}

// HomePage is the signed-in citizen's home: "Việc cần làm" and "Hồ sơ gần đây".
type HomePage struct {
	Name   string
	Tasks  []HomeTask
	Recent []CaseItem
	Total  int // all the citizen's cases, for the link to "Hồ sơ của tôi"
}
