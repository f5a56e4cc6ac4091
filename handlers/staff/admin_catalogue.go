package staff

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/pages"
)

// Admin is what the administration pages need.
type Admin struct {
	Calendar interface {
		Calendar(ctx context.Context) (*calendar.Calendar, error)
		Set(ctx context.Context, d calendar.Day) error
		Delete(ctx context.Context, date time.Time) error
		SetOfficeHours(ctx context.Context, h calendar.OfficeHours) error
		DeleteOfficeHours(ctx context.Context, provinceCode string) error
	}
	// Provinces names the provinces office hours are set for (services/catalogue).
	Provinces interface {
		Provinces() []catalogue.Province
	}
	// Recompute recounts the due dates of open cases after a calendar change (services/casework).
	Recompute func(ctx context.Context) (int, error)
	Schemas   interface {
		Get(ctx context.Context, code string) (catalogue.Procedure, error)
		Version(ctx context.Context, code string, version int) (catalogue.Version, error)
		Publish(ctx context.Context, code string, schema forms.Schema, now time.Time) (int, error)
		// Validate reports what Publish would refuse, for the preview (admin_schema.go).
		Validate(schema forms.Schema) error
	}
	Now func() time.Time
}

// ShowCalendar lists a year of the holiday calendar.
func (h *Handler) ShowCalendar(c echo.Context) error {
	year, err := strconv.Atoi(c.QueryParam("year"))
	if err != nil || year < 2000 || year > 2100 {
		year = h.Admin.Now().In(calendar.Vietnam()).Year()
	}
	return h.renderCalendar(c, year, "", -1, http.StatusOK, pages.OfficeHoursSection{})
}

// renderCalendar shows a year of the calendar, and the office hours with what hours holds of
// the hours form (the values typed, its error or notice).
func (h *Handler) renderCalendar(c echo.Context, year int, errKey string, recomputed, status int, hours pages.OfficeHoursSection) error {
	return h.renderCalendarDate(c, year, errKey, recomputed, status, hours, "", "")
}

// renderCalendarDate is renderCalendar with the added day as typed in its boxes and what is
// wrong with it.
func (h *Handler) renderCalendarDate(c echo.Context, year int, errKey string, recomputed, status int, hours pages.OfficeHoursSection, date, dateErr string) error {
	cal, err := h.Admin.Calendar.Calendar(c.Request().Context())
	if err != nil {
		return err
	}
	p := pages.CalendarAdminPage{Year: year, Error: errKey, Recomputed: recomputed, Hours: h.officeHours(cal, hours),
		Date: date, DateError: dateErr}
	for _, d := range cal.Holidays(year) {
		p.Days = append(p.Days, pages.CalendarDay{Date: d.Date, Kind: d.Kind, NameVI: d.NameVI, NameEN: d.NameEN})
	}
	return c.Render(status, "", pages.CalendarAdmin(p))
}

// SetCalendarDay adds or changes a day, then recounts the open cases' due dates. The day comes
// in three boxes (or as one ISO value); one that is missing or not a real date is refused on
// its day box.
func (h *Handler) SetCalendarDay(c echo.Context) error {
	typed := forms.ReadDate(c.FormValue, "date")
	if msg := dateProblem(typed); msg != "" {
		year := h.Admin.Now().In(calendar.Vietnam()).Year()
		if _, _, y := forms.SplitDate(typed); len(y) == 4 {
			if n, err := strconv.Atoi(y); err == nil && n >= 2000 && n <= 2100 {
				year = n // the year typed, whose list the administrator was most likely looking at
			}
		}
		return h.renderCalendarDate(c, year, "", -1, http.StatusUnprocessableEntity, pages.OfficeHoursSection{}, typed, msg)
	}
	d, err := time.Parse(time.DateOnly, typed)
	if err != nil {
		return err
	}
	err = h.Admin.Calendar.Set(c.Request().Context(), calendar.Day{Date: d, Kind: c.FormValue("kind"),
		NameVI: c.FormValue("name_vi"), NameEN: c.FormValue("name_en")})
	if fault.Code(err) == fault.EINVALID {
		return h.renderCalendar(c, d.Year(), "error.invalid", -1, http.StatusUnprocessableEntity, pages.OfficeHoursSection{})
	}
	if err != nil {
		return err
	}
	return h.afterCalendarChange(c, d.Year())
}

// DeleteCalendarDay removes a day's entry, then recounts the open cases' due dates.
func (h *Handler) DeleteCalendarDay(c echo.Context) error {
	d, err := time.Parse("2006-01-02", c.FormValue("date"))
	if err != nil {
		return fault.New(fault.EINVALID, "error.invalid", "staff.deleteCalendarDay")
	}
	if err := h.Admin.Calendar.Delete(c.Request().Context(), d); err != nil {
		return err
	}
	return h.afterCalendarChange(c, d.Year())
}

func (h *Handler) afterCalendarChange(c echo.Context, year int) error {
	n, err := h.Admin.Recompute(c.Request().Context())
	if err != nil {
		return err
	}
	return h.renderCalendar(c, year, "", n, http.StatusOK, pages.OfficeHoursSection{})
}
