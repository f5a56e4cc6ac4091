package citizen

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/feedback"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// Ratings keeps the satisfaction ratings of cases (services/feedback).
type Ratings interface {
	ForCase(ctx context.Context, caseID int64) (feedback.Rating, bool, error)
	Rate(ctx context.Context, k feedback.Subject, level int, comment string) (feedback.Rating, error)
}

var _ Ratings = (*feedback.Service)(nil)

// ratingView is the rating part of the case page: nothing before a result; then the form, or
// the rating given and, while it may be changed, the form again. posted is the form as sent
// back with an error.
func (h *Handler) ratingView(ctx context.Context, k cases.Case, posted *pages.RatingView) (pages.RatingView, error) {
	if h.Ratings == nil || !feedback.Rateable(k.Status) {
		return pages.RatingView{}, nil
	}
	v := pages.RatingView{Shown: true, Editable: true}
	r, found, err := h.Ratings.ForCase(ctx, k.ID)
	if err != nil {
		return v, err
	}
	if found {
		v.Rating, v.Comment, v.Until = r.Level, r.Comment, r.ChangeableUntil()
		v.Editable = !h.Apply.Now().After(v.Until)
	}
	if posted != nil {
		v.Rating, v.Comment, v.Error, v.ErrorField = posted.Rating, posted.Comment, posted.Error, posted.ErrorField
	}
	return v, nil
}

// RateCase records the applicant's satisfaction with their case once it has a result. Only
// the applicant reaches it (someone else's case is a 404, as everywhere); before a result it
// is refused.
func (h *Handler) RateCase(c echo.Context) error {
	_, k, _, _, err := h.caseFor(c)
	if err != nil {
		return err
	}
	if h.Ratings == nil {
		return notFound
	}
	level, _ := strconv.Atoi(c.FormValue("rating"))
	comment := forms.Clean(c.FormValue("comment"))
	_, err = h.Ratings.Rate(c.Request().Context(), feedback.Subject{CaseID: k.ID, CaseCode: k.Code, AgencyCode: k.AgencyCode,
		ProcedureCode: k.ProcedureCode, Status: k.Status}, level, comment)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/cases/"+k.Code, i18n.MsgDoneRated)+"#rating")
	}
	switch fault.Message(err) {
	case feedback.MsgLevel:
		return h.renderCasePage(c, caseError{}, &pages.RatingView{Comment: comment, Error: feedback.MsgLevel, ErrorField: "rating-5"}, http.StatusUnprocessableEntity)
	case feedback.MsgLong:
		return h.renderCasePage(c, caseError{}, &pages.RatingView{Rating: level, Comment: comment, Error: feedback.MsgLong, ErrorField: "rating-comment"}, http.StatusUnprocessableEntity)
	}
	return err
}
