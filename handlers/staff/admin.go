package staff

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// AgencyPicker lists the agencies of a province for the staff directory's agency picker
// (services/catalogue). Like LawAdmin, the catalogue that is Handler.Catalogue provides it.
type AgencyPicker interface {
	AgenciesIn(ctx context.Context, provinceCode string) ([]catalogue.Agency, error)
}

var _ AgencyPicker = (*catalogue.Service)(nil)

// Message keys of the add form.
const (
	msgStaffAgency = "admin.staff.error.agency"
	msgStaffLogin  = "admin.staff.error.login"
	msgStaffName   = "admin.staff.error.name"
	msgStaffRoles  = "admin.staff.error.roles"
	msgStaffExists = "admin.staff.error.exists"
)

// loginPattern is the staff table's CHECK on logins, so that a typing mistake gets its own
// message rather than the database's refusal.
var loginPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// ShowStaffAdmin lists the staff directory for an administrator.
func (h *Handler) ShowStaffAdmin(c echo.Context) error {
	return h.renderStaffAdmin(c, pages.StaffForm{}, "", "", http.StatusOK)
}

func (h *Handler) renderStaffAdmin(c echo.Context, form pages.StaffForm, errKey, errField string, status int) error {
	ctx := c.Request().Context()
	members, err := h.Directory.List(ctx)
	if err != nil {
		return err
	}
	p := pages.StaffAdminPage{Form: form, Error: errKey, ErrorField: errField}
	for _, m := range members {
		row := pages.StaffRow{Login: m.Login, Name: m.FullName, Email: m.Email, Agency: m.AgencyCode, Roles: m.Roles, Active: m.Active()}
		if m.AgencyCode != "" {
			a, err := h.Catalogue.Agency(ctx, m.AgencyCode)
			if err != nil {
				return err
			}
			row.AgencyName = components.Text{VI: a.NameVI, EN: a.NameEN}
		}
		p.Members = append(p.Members, row)
	}
	for _, pr := range h.Admin.Provinces.Provinces() {
		p.Provinces = append(p.Provinces, pages.ProvinceOption{Code: pr.Code, Name: components.Text{VI: pr.NameVI, EN: pr.NameEN}})
	}
	if form.Province != "" {
		picker, ok := h.Catalogue.(AgencyPicker)
		if !ok {
			return fault.New(fault.EINTERNAL, "error.internal", "staff.renderStaffAdmin")
		}
		agencies, err := picker.AgenciesIn(ctx, form.Province)
		if err != nil {
			return err
		}
		for _, a := range agencies {
			p.Agencies = append(p.Agencies, pages.AgencyOption{Code: a.Code, Name: components.Text{VI: a.NameVI, EN: a.NameEN},
				Province: a.Level == catalogue.LevelProvince})
		}
	}
	return c.Render(status, "", pages.StaffAdmin(p))
}

// AddStaff adds a member to the directory. Its "pick" button only lists the chosen province's
// agencies, keeping what was typed, so the picker works without JavaScript.
func (h *Handler) AddStaff(c echo.Context) error {
	params, _ := c.FormParams()
	form := pages.StaffForm{Login: strings.ToLower(strings.TrimSpace(c.FormValue("login"))), Name: strings.TrimSpace(c.FormValue("name")),
		Email: strings.TrimSpace(c.FormValue("email")), Province: strings.TrimSpace(c.FormValue("province")),
		Agency: strings.TrimSpace(c.FormValue("agency")), Roles: params["roles"]}
	if c.FormValue("action") == "pick" {
		form.Agency = ""
		return h.renderStaffAdmin(c, form, "", "", http.StatusOK)
	}
	key, field, err := h.checkStaffForm(c.Request().Context(), form)
	if err != nil {
		return err
	}
	if key != "" {
		return h.renderStaffAdmin(c, form, key, field, http.StatusUnprocessableEntity)
	}
	_, err = h.Directory.Add(c.Request().Context(), staff.Member{Login: form.Login, FullName: form.Name, Email: form.Email,
		AgencyCode: form.Agency, Roles: form.Roles})
	switch fault.Code(err) {
	case "":
	case fault.ECONFLICT:
		return h.renderStaffAdmin(c, form, msgStaffExists, "admin-login", http.StatusUnprocessableEntity)
	case fault.EINVALID:
		return h.renderStaffAdmin(c, form, fault.Message(err), "admin-login", http.StatusUnprocessableEntity)
	default:
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/admin/staff", i18n.MsgDoneStaffAdded))
}

// checkStaffForm says what is wrong with the add form and which field it is about; "" when
// nothing is. The agency must be one the portal knows: officers and supervisors need one.
func (h *Handler) checkStaffForm(ctx context.Context, f pages.StaffForm) (key, field string, err error) {
	switch {
	case !loginPattern.MatchString(f.Login):
		return msgStaffLogin, "admin-login", nil
	case f.Name == "":
		return msgStaffName, "admin-name", nil
	case len(f.Roles) == 0 || slices.ContainsFunc(f.Roles, func(r string) bool { return !slices.Contains(staff.Roles, r) }):
		return msgStaffRoles, "role-officer", nil
	}
	agencyField := "admin-agency"
	if f.Province == "" {
		agencyField = "admin-province"
	}
	if f.Agency == "" {
		if slices.Contains(f.Roles, staff.RoleOfficer) || slices.Contains(f.Roles, staff.RoleSupervisor) {
			return msgStaffAgency, agencyField, nil
		}
		return "", "", nil
	}
	_, err = h.Catalogue.Agency(ctx, f.Agency)
	if fault.Code(err) == fault.ENOTFOUND {
		return msgStaffAgency, agencyField, nil
	}
	return "", "", err
}

// DisableStaff stops a member from signing in; their session ends at their next request.
func (h *Handler) DisableStaff(c echo.Context) error {
	if err := h.Directory.Disable(c.Request().Context(), c.FormValue("login")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/admin/staff", i18n.MsgDoneStaffDisabled))
}
