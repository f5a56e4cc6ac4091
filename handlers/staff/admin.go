package staff

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/pages"
)

// ShowStaffAdmin lists the staff directory for an administrator.
func (h *Handler) ShowStaffAdmin(c echo.Context) error {
	return h.renderStaffAdmin(c, pages.StaffRow{}, "", http.StatusOK)
}

func (h *Handler) renderStaffAdmin(c echo.Context, form pages.StaffRow, errKey string, status int) error {
	members, err := h.Directory.List(c.Request().Context())
	if err != nil {
		return err
	}
	p := pages.StaffAdminPage{Form: form, Error: errKey}
	for _, m := range members {
		p.Members = append(p.Members, pages.StaffRow{Login: m.Login, Name: m.FullName, Email: m.Email, Agency: m.AgencyCode, Roles: m.Roles, Active: m.Active()})
	}
	return c.Render(status, "", pages.StaffAdmin(p))
}

// AddStaff adds a member to the directory.
func (h *Handler) AddStaff(c echo.Context) error {
	form := pages.StaffRow{Login: strings.TrimSpace(c.FormValue("login")), Name: strings.TrimSpace(c.FormValue("name")),
		Email: strings.TrimSpace(c.FormValue("email")), Agency: strings.TrimSpace(c.FormValue("agency"))}
	params, _ := c.FormParams()
	_, err := h.Directory.Add(c.Request().Context(), staff.Member{Login: form.Login, FullName: form.Name, Email: form.Email,
		AgencyCode: form.Agency, Roles: params["roles"]})
	if code := fault.Code(err); code == fault.EINVALID || code == fault.ECONFLICT {
		return h.renderStaffAdmin(c, form, fault.Message(err), http.StatusUnprocessableEntity)
	} else if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/staff/admin/staff")
}

// DisableStaff stops a member from signing in; their session ends at their next request.
func (h *Handler) DisableStaff(c echo.Context) error {
	if err := h.Directory.Disable(c.Request().Context(), c.FormValue("login")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/staff/admin/staff")
}
