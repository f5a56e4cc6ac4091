package staff

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// SetOfficeHours sets a province's office hours (or the national ones), on the calendar page.
// The hours time the receipt window and the cut-off of cases submitted from now on; due dates
// count working days, so nothing is recounted.
func (h *Handler) SetOfficeHours(c echo.Context) error {
	form := pages.OfficeHoursForm{Province: strings.TrimSpace(c.FormValue("province")),
		MorningStart: c.FormValue("morning_start"), MorningEnd: c.FormValue("morning_end"),
		AfternoonStart: c.FormValue("afternoon_start"), AfternoonEnd: c.FormValue("afternoon_end"),
		CutOff: c.FormValue("cutoff"), Basis: c.FormValue("basis")}
	year := h.Admin.Now().In(calendar.Vietnam()).Year()
	hours, err := officeHoursOf(form)
	if err == nil {
		err = h.Admin.Calendar.SetOfficeHours(c.Request().Context(), hours)
	}
	if fault.Code(err) == fault.EINVALID {
		return h.renderCalendar(c, year, "", -1, http.StatusUnprocessableEntity,
			pages.OfficeHoursSection{Form: form, Error: calendar.MsgHoursInvalid})
	}
	if err != nil {
		return err
	}
	return h.renderCalendar(c, year, "", -1, http.StatusOK,
		pages.OfficeHoursSection{Form: form, Notice: "admin.hours.saved", NoticeFor: h.provinceName(form.Province)})
}

// DeleteOfficeHours removes a province's own office hours: the national ones apply to it again.
func (h *Handler) DeleteOfficeHours(c echo.Context) error {
	province := c.FormValue("province")
	year := h.Admin.Now().In(calendar.Vietnam()).Year()
	err := h.Admin.Calendar.DeleteOfficeHours(c.Request().Context(), province)
	if fault.Code(err) == fault.EINVALID {
		return h.renderCalendar(c, year, "", -1, http.StatusUnprocessableEntity, pages.OfficeHoursSection{Error: fault.Message(err)})
	}
	if err != nil {
		return err
	}
	return h.renderCalendar(c, year, "", -1, http.StatusOK,
		pages.OfficeHoursSection{Notice: "admin.hours.removed", NoticeFor: h.provinceName(province)})
}

// officeHoursOf reads the form's times ("HH:MM", as a time input sends them).
func officeHoursOf(f pages.OfficeHoursForm) (calendar.OfficeHours, error) {
	out := calendar.OfficeHours{ProvinceCode: f.Province, Basis: f.Basis}
	for _, v := range []struct {
		in  string
		out *time.Duration
	}{{f.MorningStart, &out.MorningStart}, {f.MorningEnd, &out.MorningEnd}, {f.AfternoonStart, &out.AfternoonStart},
		{f.AfternoonEnd, &out.AfternoonEnd}, {f.CutOff, &out.CutOff}} {
		d, err := calendar.ParseClock(strings.TrimSpace(v.in))
		if err != nil {
			return out, fault.Wrap(fault.EINVALID, calendar.MsgHoursInvalid, "staff.setOfficeHours", err)
		}
		*v.out = d
	}
	return out, nil
}

// officeHours completes the office-hours section of the calendar page: the stored hours, the
// provinces, and a form that starts from the national hours unless it holds what was typed.
func (h *Handler) officeHours(cal *calendar.Calendar, s pages.OfficeHoursSection) pages.OfficeHoursSection {
	for _, p := range h.Admin.Provinces.Provinces() {
		s.Provinces = append(s.Provinces, pages.ProvinceOption{Code: p.Code, Name: components.Text{VI: p.NameVI, EN: p.NameEN}})
	}
	for _, o := range cal.OfficeHours() {
		s.Rows = append(s.Rows, pages.OfficeHoursRow{Code: o.ProvinceCode, Name: h.provinceName(o.ProvinceCode),
			National: o.ProvinceCode == calendar.NationalDefault, Basis: o.Basis,
			MorningStart: calendar.FormatClock(o.MorningStart), MorningEnd: calendar.FormatClock(o.MorningEnd),
			AfternoonStart: calendar.FormatClock(o.AfternoonStart), AfternoonEnd: calendar.FormatClock(o.AfternoonEnd),
			CutOff: calendar.FormatClock(o.CutOff)})
	}
	if s.Form == (pages.OfficeHoursForm{}) {
		n := cal.Hours(calendar.NationalDefault)
		s.Form = pages.OfficeHoursForm{Province: calendar.NationalDefault,
			MorningStart: calendar.FormatClock(n.MorningStart), MorningEnd: calendar.FormatClock(n.MorningEnd),
			AfternoonStart: calendar.FormatClock(n.AfternoonStart), AfternoonEnd: calendar.FormatClock(n.AfternoonEnd),
			CutOff: calendar.FormatClock(n.CutOff)}
	}
	return s
}

// provinceName names a province, or the national default.
func (h *Handler) provinceName(code string) components.Text {
	if code == calendar.NationalDefault {
		return components.Text{VI: "Mặc định toàn quốc", EN: "National default"}
	}
	for _, p := range h.Admin.Provinces.Provinces() {
		if p.Code == code {
			return components.Text{VI: p.NameVI, EN: p.NameEN}
		}
	}
	return components.Text{VI: code, EN: code}
}
