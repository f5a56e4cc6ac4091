package pages

import (
	"time"

	"github.com/motlan/portal/views/components"
)

// LawAdminPage is where an administrator keeps a procedure's law up to date: its deadline, its
// legal bases and its charges.
type LawAdminPage struct {
	Code, Name   string
	NameText     components.Text
	Days         int
	Deadline     *DeadlineView // an administrator's deadline replacing the release's
	Bases        []BasisAdminRow
	Fees         []FeeAdminRow
	BasisForm    BasisForm
	FeeForm      FeeForm
	DaysForm     DaysForm
	Error        string // i18n key
	ErrorSection string // "days", "basis" or "fee": the form the error is about
	ErrorField   string // the id of the date's day box the error is about ("" = the section)
	Saved        bool
	DocTypes     []string
	FeeKinds     []string
	Channels     []string
	Provinces    []components.OptionView
}

// DeadlineView is an administrator's deadline.
type DeadlineView struct {
	ReleasedDays int
	Basis, By    string
	At           time.Time
}

// DaysForm is the deadline form as typed.
type DaysForm struct{ Days, Basis string }

// BasisAdminRow is one document of the procedure, as the administrator sees it.
type BasisAdminRow struct {
	ID            int64
	Type          string
	Number        string
	Title, Part   components.Text
	IssuedOn      *time.Time
	EffectiveFrom *time.Time
	Until         *time.Time
	Note          string
	Seeded        bool
}

// FeeAdminRow is one charge row, national or of a province.
type FeeAdminRow struct {
	ID             int64
	Item           string
	Province       string // its name; "" nationwide
	Channel, Kind  string
	Name, Amount   components.Text
	EffectiveFrom  *time.Time
	EffectiveUntil *time.Time
	Note           string
	Seeded         bool
}

// BasisForm is the form of a document as typed (dates as yyyy-mm-dd, or year-month-day as typed
// in the three boxes when not a real date).
type BasisForm struct {
	ID                                                 int64
	Type, Number, TitleVI, TitleEN, IssuerVI, IssuerEN string
	PartVI, PartEN, IssuedOn, From, Until, Note        string
	Position                                           string
}

// FeeForm is the form of a charge as typed.
type FeeForm struct {
	ID                                         int64
	Item, Province, Channel, Kind              string
	NameVI, NameEN, Amount, NoteVI, NoteEN     string
	Exempt, Council                            bool
	ExemptionVI, ExemptionEN                   string
	RecipientVI, RecipientEN, BasisVI, BasisEN string
	From, Until, AdminNote                     string
}

// lawErrorHref is where the error summary's link goes: the date in error, or its form.
func lawErrorHref(p LawAdminPage) string {
	if p.ErrorField != "" {
		return "#" + p.ErrorField
	}
	return "#law-" + p.ErrorSection
}

// lawDateError is the error of the date whose day box has id id, or "".
func lawDateError(p LawAdminPage, id string) string {
	if p.ErrorField == id {
		return p.Error
	}
	return ""
}
