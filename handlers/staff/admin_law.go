package staff

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// LawAdmin keeps each procedure's law up to date (services/catalogue): its deadline, legal
// bases and charges. The catalogue service that is Handler.Catalogue provides it; it is asked
// for here rather than added to Admin while admin_catalogue.go, which declares Admin, is being
// changed by another part of issue 13.
type LawAdmin interface {
	List(ctx context.Context, f catalogue.Filter) ([]catalogue.Procedure, error)
	Law(ctx context.Context, code string) (catalogue.Law, error)
	SetProcessingDays(ctx context.Context, code string, days int, basis, by string, now time.Time) error
	SaveLegalBasis(ctx context.Context, b catalogue.LegalBasis) (int64, error)
	DeleteLegalBasis(ctx context.Context, code string, id int64) error
	SaveFee(ctx context.Context, f catalogue.Fee) (int64, error)
	DeleteFee(ctx context.Context, code string, id int64) error
}

var _ LawAdmin = (*catalogue.Service)(nil)

func (h *Handler) lawAdmin() (LawAdmin, error) {
	if l, ok := h.Catalogue.(LawAdmin); ok {
		return l, nil
	}
	return nil, fmt.Errorf("staff: the catalogue %T keeps no law", h.Catalogue)
}

// ShowLaw is a procedure's law for editing; ?basis= or ?fee= opens a row in its form.
func (h *Handler) ShowLaw(c echo.Context) error {
	return h.renderLaw(c, lawForms{saved: c.QueryParam("saved") == "1"}, http.StatusOK)
}

// lawForms is what the page's forms hold after a refused post, or the row opened for editing.
type lawForms struct {
	days         *pages.DaysForm
	basis        *pages.BasisForm
	fee          *pages.FeeForm
	err, section string
	field        string // the id of the date's day box the error is about
	saved        bool
}

func (h *Handler) renderLaw(c echo.Context, f lawForms, status int) error {
	svc, err := h.lawAdmin()
	if err != nil {
		return err
	}
	law, err := svc.Law(c.Request().Context(), c.Param("code"))
	if err != nil {
		return err
	}
	p := pages.LawAdminPage{Code: law.Procedure.Code, NameText: components.Text{VI: law.Procedure.NameVI, EN: law.Procedure.NameEN},
		Days: law.Procedure.ProcessingDays, Error: f.err, ErrorSection: f.section, ErrorField: f.field, Saved: f.saved,
		DocTypes: catalogue.DocTypes(), FeeKinds: catalogue.FeeKinds(), Channels: catalogue.Channels(),
		BasisForm: pages.BasisForm{Type: catalogue.DocDecree, Position: strconv.Itoa(len(law.LegalBases))},
		FeeForm:   pages.FeeForm{Channel: catalogue.ChannelOnline, Kind: catalogue.FeeLePhi},
		DaysForm:  pages.DaysForm{Days: strconv.Itoa(law.Procedure.ProcessingDays)}}
	names := map[string]string{}
	for _, pr := range h.Casework.Units.Provinces() {
		names[pr.Code] = pr.NameVI
		p.Provinces = append(p.Provinces, components.OptionView{Value: pr.Code, Label: components.Text{VI: pr.NameVI, EN: pr.NameEN}})
	}
	if d := law.Deadline; d != nil {
		p.Deadline = &pages.DeadlineView{ReleasedDays: d.ReleasedDays, Basis: d.Basis, By: d.UpdatedBy, At: d.UpdatedAt}
		p.DaysForm.Basis = d.Basis
	}
	editBasis, _ := strconv.ParseInt(c.QueryParam("basis"), 10, 64)
	for _, b := range law.LegalBases {
		p.Bases = append(p.Bases, pages.BasisAdminRow{ID: b.ID, Type: b.Type, Number: b.Number, Title: lawText(b.Title),
			Part: lawText(b.Part), IssuedOn: b.IssuedOn, EffectiveFrom: b.EffectiveFrom, Until: b.EffectiveUntil, Note: b.Note,
			Seeded: b.Seeded})
		if b.ID == editBasis {
			p.BasisForm = basisForm(b)
		}
	}
	editFee, _ := strconv.ParseInt(c.QueryParam("fee"), 10, 64)
	for _, fe := range law.Fees {
		p.Fees = append(p.Fees, pages.FeeAdminRow{ID: fe.ID, Item: fe.Item, Province: names[fe.ProvinceCode], Channel: fe.Channel,
			Kind: fe.Kind, Name: lawText(fe.Name), Amount: lawText(fe.Amount()), EffectiveFrom: fe.EffectiveFrom,
			EffectiveUntil: fe.EffectiveUntil, Note: fe.Note, Seeded: fe.Seeded})
		if fe.ID == editFee {
			p.FeeForm = feeForm(fe)
		}
	}
	if f.days != nil {
		p.DaysForm = *f.days
	}
	if f.basis != nil {
		p.BasisForm = *f.basis
	}
	if f.fee != nil {
		p.FeeForm = *f.fee
	}
	return c.Render(status, "", pages.LawAdmin(p))
}

// afterLawChange answers a post: the page again with a notice, or the form as typed with what
// is wrong with it.
func (h *Handler) afterLawChange(c echo.Context, err error, f lawForms) error {
	switch fault.Code(err) {
	case "":
		return c.Redirect(http.StatusSeeOther, "/staff/admin/procedures/"+c.Param("code")+"/law?saved=1")
	case fault.EINVALID, fault.ECONFLICT:
		f.err = fault.Message(err)
		return h.renderLaw(c, f, http.StatusUnprocessableEntity)
	}
	return err
}

// SetProcedureDays changes a procedure's legal deadline.
func (h *Handler) SetProcedureDays(c echo.Context) error {
	svc, err := h.lawAdmin()
	if err != nil {
		return err
	}
	form := pages.DaysForm{Days: strings.TrimSpace(c.FormValue("days")), Basis: strings.TrimSpace(c.FormValue("basis"))}
	days, convErr := strconv.Atoi(form.Days)
	if convErr != nil {
		days = 0
	}
	m, _ := Member(c)
	err = svc.SetProcessingDays(c.Request().Context(), c.Param("code"), days, form.Basis, m.Login, h.Admin.Now())
	return h.afterLawChange(c, err, lawForms{days: &form, section: "days"})
}

// SaveProcedureBasis adds or changes a legal basis.
func (h *Handler) SaveProcedureBasis(c echo.Context) error {
	svc, err := h.lawAdmin()
	if err != nil {
		return err
	}
	form := pages.BasisForm{Type: c.FormValue("type"), Number: c.FormValue("number"), TitleVI: c.FormValue("title_vi"),
		TitleEN: c.FormValue("title_en"), IssuerVI: c.FormValue("issuer_vi"), IssuerEN: c.FormValue("issuer_en"),
		PartVI: c.FormValue("part_vi"), PartEN: c.FormValue("part_en"), IssuedOn: forms.ReadDate(c.FormValue, "issued_on"),
		From: forms.ReadDate(c.FormValue, "effective_from"), Until: forms.ReadDate(c.FormValue, "effective_until"), Note: c.FormValue("note"),
		Position: c.FormValue("position")}
	form.ID, _ = strconv.ParseInt(c.FormValue("id"), 10, 64)
	b := catalogue.LegalBasis{ID: form.ID, ProcedureCode: c.Param("code"), Type: form.Type, Number: form.Number,
		Title: forms.Text{VI: form.TitleVI, EN: form.TitleEN}, Issuer: forms.Text{VI: form.IssuerVI, EN: form.IssuerEN},
		Part: forms.Text{VI: form.PartVI, EN: form.PartEN}, Note: form.Note}
	var bad error
	if b.Position, err = strconv.Atoi(strings.TrimSpace(form.Position)); err != nil {
		bad = fault.New(fault.EINVALID, "error.invalid", "staff.saveBasis")
	}
	field, dateErr := formDates(
		lawDate{form.IssuedOn, "law-basis-issued", &b.IssuedOn},
		lawDate{form.From, "law-basis-from", &b.EffectiveFrom},
		lawDate{form.Until, "law-basis-until", &b.EffectiveUntil})
	if dateErr != nil {
		bad = dateErr
	}
	if bad == nil {
		_, bad = svc.SaveLegalBasis(c.Request().Context(), b)
	}
	return h.afterLawChange(c, bad, lawForms{basis: &form, section: "basis", field: field})
}

// DeleteProcedureBasis removes a legal basis an administrator added.
func (h *Handler) DeleteProcedureBasis(c echo.Context) error {
	svc, err := h.lawAdmin()
	if err != nil {
		return err
	}
	id, _ := strconv.ParseInt(c.FormValue("id"), 10, 64)
	return h.afterLawChange(c, svc.DeleteLegalBasis(c.Request().Context(), c.Param("code"), id), lawForms{section: "bases"})
}

// SaveProcedureFee adds or changes a charge.
func (h *Handler) SaveProcedureFee(c echo.Context) error {
	svc, err := h.lawAdmin()
	if err != nil {
		return err
	}
	form := pages.FeeForm{Item: c.FormValue("item"), Province: c.FormValue("province"), Channel: c.FormValue("channel"),
		Kind: c.FormValue("kind"), NameVI: c.FormValue("name_vi"), NameEN: c.FormValue("name_en"),
		Amount: strings.TrimSpace(c.FormValue("amount")), NoteVI: c.FormValue("amount_note_vi"), NoteEN: c.FormValue("amount_note_en"),
		Exempt: c.FormValue("exempt") == "yes", Council: c.FormValue("council_set") == "yes",
		ExemptionVI: c.FormValue("exemption_vi"), ExemptionEN: c.FormValue("exemption_en"),
		RecipientVI: c.FormValue("recipient_vi"), RecipientEN: c.FormValue("recipient_en"),
		BasisVI: c.FormValue("basis_vi"), BasisEN: c.FormValue("basis_en"),
		From: forms.ReadDate(c.FormValue, "effective_from"), Until: forms.ReadDate(c.FormValue, "effective_until"), AdminNote: c.FormValue("note")}
	form.ID, _ = strconv.ParseInt(c.FormValue("id"), 10, 64)
	f := catalogue.Fee{ID: form.ID, ProcedureCode: c.Param("code"), Item: form.Item, ProvinceCode: form.Province,
		Channel: form.Channel, Kind: form.Kind, Name: forms.Text{VI: form.NameVI, EN: form.NameEN},
		AmountNote: forms.Text{VI: form.NoteVI, EN: form.NoteEN}, Exempt: form.Exempt,
		ExemptionBasis: forms.Text{VI: form.ExemptionVI, EN: form.ExemptionEN}, CouncilSet: form.Council,
		Recipient: forms.Text{VI: form.RecipientVI, EN: form.RecipientEN}, LegalBasis: forms.Text{VI: form.BasisVI, EN: form.BasisEN},
		Note: form.AdminNote}
	var bad error
	if form.Amount != "" {
		n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "", " ", "").Replace(form.Amount), 10, 64)
		if err != nil {
			bad = fault.New(fault.EINVALID, "admin.law.error.amount", "staff.saveFee")
		}
		f.AmountVND = &n
	}
	field, dateErr := formDates(
		lawDate{form.From, "law-fee-from", &f.EffectiveFrom},
		lawDate{form.Until, "law-fee-until", &f.EffectiveUntil})
	if dateErr != nil {
		bad = dateErr
	}
	if bad == nil {
		_, bad = svc.SaveFee(c.Request().Context(), f)
	}
	return h.afterLawChange(c, bad, lawForms{fee: &form, section: "fee", field: field})
}

// DeleteProcedureFee removes a charge an administrator added.
func (h *Handler) DeleteProcedureFee(c echo.Context) error {
	svc, err := h.lawAdmin()
	if err != nil {
		return err
	}
	id, _ := strconv.ParseInt(c.FormValue("id"), 10, 64)
	return h.afterLawChange(c, svc.DeleteFee(c.Request().Context(), c.Param("code"), id), lawForms{section: "fees"})
}

// lawDate is a date of a row as posted (forms.ReadDate), the id of its day box, and where it goes.
type lawDate struct {
	in, id string
	out    **time.Time
}

// formDates reads the dates of a row: empty is no date; the first that is not a real date is
// refused with what is wrong with it (services/forms' date messages) and the id of its day box.
func formDates(dates ...lawDate) (string, error) {
	for _, d := range dates {
		s := strings.TrimSpace(d.in)
		if s == "" {
			*d.out = nil
			continue
		}
		if msg := forms.DateProblem(s); msg != "" {
			return d.id, fault.New(fault.EINVALID, msg, "staff.formDates")
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return d.id, fault.New(fault.EINVALID, "admin.law.error.dates", "staff.formDates")
		}
		*d.out = &t
	}
	return "", nil
}

func isoDate(d *time.Time) string {
	if d == nil {
		return ""
	}
	return d.Format(time.DateOnly)
}

func lawText(t forms.Text) components.Text { return components.Text{VI: t.VI, EN: t.EN} }

func basisForm(b catalogue.LegalBasis) pages.BasisForm {
	return pages.BasisForm{ID: b.ID, Type: b.Type, Number: b.Number, TitleVI: b.Title.VI, TitleEN: b.Title.EN,
		IssuerVI: b.Issuer.VI, IssuerEN: b.Issuer.EN, PartVI: b.Part.VI, PartEN: b.Part.EN, IssuedOn: isoDate(b.IssuedOn),
		From: isoDate(b.EffectiveFrom), Until: isoDate(b.EffectiveUntil), Note: b.Note, Position: strconv.Itoa(b.Position)}
}

func feeForm(f catalogue.Fee) pages.FeeForm {
	out := pages.FeeForm{ID: f.ID, Item: f.Item, Province: f.ProvinceCode, Channel: f.Channel, Kind: f.Kind,
		NameVI: f.Name.VI, NameEN: f.Name.EN, NoteVI: f.AmountNote.VI, NoteEN: f.AmountNote.EN, Exempt: f.Exempt,
		Council: f.CouncilSet, ExemptionVI: f.ExemptionBasis.VI, ExemptionEN: f.ExemptionBasis.EN,
		RecipientVI: f.Recipient.VI, RecipientEN: f.Recipient.EN, BasisVI: f.LegalBasis.VI, BasisEN: f.LegalBasis.EN,
		From: isoDate(f.EffectiveFrom), Until: isoDate(f.EffectiveUntil), AdminNote: f.Note}
	if f.AmountVND != nil {
		out.Amount = strconv.FormatInt(*f.AmountVND, 10)
	}
	return out
}
