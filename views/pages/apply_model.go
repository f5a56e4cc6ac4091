package pages

import (
	"time"

	"github.com/motlan/portal/views/components"
)

// ProcedureItem is a procedure as lists and headings show it.
type ProcedureItem struct {
	Code           string
	Name           components.Text
	Summary        components.Text
	Topic          string // i18n key suffix topic.<Topic>
	AgencyKind     string // i18n key suffix agencykind.<AgencyKind>
	AgencyLevel    string
	ProcessingDays int
	FeeSummary     components.Text // the short form of what applying costs (catalogue.FeeSummary); lists only
	RequiredACR    string
}

// ProceduresPage is the catalogue with its search and filters.
type ProceduresPage struct {
	Query       string
	Topic       string
	AgencyKind  string
	Topics      []string
	AgencyKinds []string
	Items       []ProcedureItem
	// Popular are the most used procedures, shown when a search finds nothing.
	Popular []ProcedureItem
}

// ProcedurePage is one procedure's page.
type ProcedurePage struct {
	Item         ProcedureItem
	LegalBasis   components.Text // the free text of a procedure whose legal bases are not data yet
	LegalBases   []LegalBasisView
	Fees         FeesView
	OfficialName components.Text // the full official name when Item.Name is shortened
	InPerson     components.Text // what must be handed in or done in person
	Inputs       []components.Text
	WhoDecides   components.Text
	Result       components.Text
	SignedIn     bool
	NeedsUpgrade bool // signed in below the required assurance level
	NoPersonalID bool // signed in without a personal ID
}

// StartPage asks consent for exactly what the procedure's form binds.
type StartPage struct {
	Item  ProcedureItem
	Items []ConsentItem // per database, the binding names (i18n keys bind.<name>)
	// Roles asks in what capacity the citizen applies, when the procedure says; RoleError is
	// the i18n key of a refused choice.
	Roles     []RoleView
	RoleLabel components.Text
	Role      string
	RoleError string
}

// StepPage is one step of a draft's form.
type StepPage struct {
	DraftID     string
	Item        ProcedureItem
	Step        int // 0-based
	Steps       []components.Text
	Title       components.Text
	Intro       components.Text
	Fields      []components.FieldView
	Errors      []components.ErrorLink
	Tampered    bool
	Unavailable []string        // databases that did not answer at prefill
	RetryStill  bool            // "Thử lại" was pressed and they still did not answer
	HasFiles    bool            // multipart form
	Notice      string          // i18n key of a notice shown above the form ("" = none)
	Role        components.Text // the capacity the applicant chose, when the procedure asks
	Notices     []string        // i18n keys of what the prefill could not do
}

// CheckRow is one answer on "check your answers" and on the case page.
type CheckRow struct {
	Label        components.Text
	Value        Value
	Source       string // population, land, insurance; "" when typed
	SelfDeclared bool
	Items        [][]CheckRow // a group's items
}

// CheckSection is one step's answers.
type CheckSection struct {
	Step  int
	Title components.Text
	Rows  []CheckRow
}

// CheckPage is "check your answers" before the declaration and the submit.
type CheckPage struct {
	DraftID     string
	Item        ProcedureItem
	Sections    []CheckSection
	Declaration components.Text
	Error       string // i18n key
	// ErrorHref is where the error's link goes: the step and field to change; "" = the declaration.
	ErrorHref   string
	AgencyName  components.Text
	RouteReason components.Text // why that agency: "where you register your new residence"
	Parties     []PartyView
	InPerson    components.Text // what must still be handed in or done in person
}

// ReceiptPage confirms a submission.
type ReceiptPage struct {
	Code          string
	Item          ProcedureItem
	AgencyName    components.Text
	RouteReason   components.Text
	Parties       []PartyView
	SubmittedAt   time.Time
	ExpectedDueOn time.Time
	QRDataURL     string // data:image/png;base64,…
	CaseURL       string
	InPerson      components.Text // what must still be handed in or done in person
	// CountsFromNextDay: submitted after the cut-off (CutOff, 15:00 when zero) or on a day
	// off, the case counts from the next working day.
	CountsFromNextDay bool
	CutOff            time.Duration
}

// DraftItem is a draft in the citizen's list.
type DraftItem struct {
	ID        string
	Item      ProcedureItem
	Step      int
	Steps     int
	UpdatedAt time.Time
	ExpiresAt time.Time
}

// CaseItem is a case in the citizen's list.
type CaseItem struct {
	Code        string
	Item        ProcedureItem
	Status      int
	SubmittedAt time.Time
	DueOn       time.Time // the due date, or the expected one before receipt
	Overdue     bool      // late by the one rule of lateness (services/cases)
	Subject     string    // whom the case is about, when someone else
}

// CasesPage is "Hồ sơ của tôi".
type CasesPage struct {
	Drafts  []DraftItem
	Cases   []CaseItem
	AboutMe []AboutMeItem // cases others filed that name the citizen
	Later   bool          // a page after the first: no drafts, no cases about the citizen
	NextURL string        // the page of older cases, when there are more
}

// AboutMeItem is a case someone else filed about the citizen: who filed it and what the citizen
// is to it.
type AboutMeItem struct {
	CaseItem
	FiledBy string
	As      components.Text // "Cha của trẻ"
}

// TimelineItem is one event of a case.
type TimelineItem struct {
	At     time.Time
	Status int
	Actor  string
	Note   string
	Label  string // i18n key of what the step did when its status does not say (StepLabel)
}

// FileItem is a submitted file.
type FileItem struct {
	Label       components.Text
	Name        string
	SizeBytes   int64
	DownloadURL string
}

// CasePage is the citizen's view of one case.
type CasePage struct {
	Code          string
	Item          ProcedureItem
	AgencyName    components.Text
	RouteReason   components.Text
	Parties       []PartyView
	Status        int
	SubmittedAt   time.Time
	ExpectedDueOn time.Time
	DueOn         *time.Time
	Overdue       bool // late by the one rule of lateness
	Sections      []CheckSection
	Files         []FileItem
	Timeline      []TimelineItem
	Version       int
	Actions       []string // what the citizen may do now
	Request       string   // what the agency asked for (a supplement), or why (a payment)
	PaymentAmount int64
	Outcome       string
	HasResult     bool
	Error         string
	ErrorField    string // the id of the field Error is about, which the error summary links to; "" for none
	CanWithdraw   bool   // the citizen may ask to withdraw: a link to the confirm page
	Rating        RatingView
	Parts         []PartView    // a linked procedure's parts, each with its agency (staff_parts.templ)
	Draft         DraftView     // the draft of the result to confirm (case_draft.templ)
	Pause         PauseView     // paused waiting for the citizen, or resumed (case_pause.templ)
	Documents     CaseDocuments // the notice, the slip, the signed result and apology (case_documents.templ)
	Payments      CasePayments  // the fees, charges and taxes the case owes (payment.templ)
}

// PartyView is a person a case names, with where their identity came from.
type PartyView struct {
	ID         string
	Label      components.Text // "Mẹ của trẻ", "Người nộp hồ sơ"
	Role       components.Text // the applicant's stated capacity ("Mẹ"); empty for others
	Name       string
	PersonalID string
	Source     string // population, vneid, citizen, self_declared
	RecordRef  string
}

// RoleView is one capacity an applicant may apply in, with whose data it reads.
type RoleView struct {
	Value string
	Label components.Text
	Reads string // i18n key role.reads.*
}
