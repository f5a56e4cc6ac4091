package pages

import (
	"time"

	"github.com/motlan/portal/views/components"
)

// ConfirmDeletePage asks before a draft is deleted: which draft, how far it got, and that it
// cannot be brought back.
type ConfirmDeletePage struct {
	DraftID   string
	Item      ProcedureItem
	Step      int // the step the draft is at, from 0
	Steps     int
	UpdatedAt time.Time
}

// ConfirmWithdrawPage asks before a request to withdraw a case, and why.
type ConfirmWithdrawPage struct {
	Code       string
	Item       ProcedureItem
	AgencyName components.Text
	Version    int    // the case's version the request answers (optimistic locking)
	Reason     string // as typed, when the page comes back with an error
	Error      string // i18n key of the reason's error; "" for none
}

// RatingView is the satisfaction rating on the citizen's case page, once the case has a
// result: the form, and the rating already given.
type RatingView struct {
	Shown      bool      // the case has a result: the applicant may rate it
	Rating     int       // 1..5 given so far; 0 for none
	Comment    string    // as given, or as typed when the form comes back with an error
	Editable   bool      // the form is offered (no rating yet, or within the time to change it)
	Until      time.Time // the last day the rating may be changed; zero before a rating
	Error      string    // i18n key of the error; "" for none
	ErrorField string    // the id of the field the error is about
}

// RatingLevels are the levels of the rating, most satisfied first, as the national portal
// lists them (Rất hài lòng … Rất không hài lòng).
var RatingLevels = []int{5, 4, 3, 2, 1}
