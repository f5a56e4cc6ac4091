package citizen

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/calendar"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/consent"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/receipt"
)

// Catalogue is the procedure catalogue (services/catalogue).
type Catalogue interface {
	List(ctx context.Context, f catalogue.Filter) ([]catalogue.Procedure, error)
	Get(ctx context.Context, code string) (catalogue.Procedure, error)
	Version(ctx context.Context, code string, version int) (catalogue.Version, error)
	Agency(ctx context.Context, code string) (catalogue.Agency, error)
	Route(ctx context.Context, p catalogue.Procedure, provinceCode, communeCode string) (catalogue.Agency, error)
	Topics() []string
	AgencyKinds() []string
}

// Drafts keeps applications in progress (services/drafts).
type Drafts interface {
	Start(ctx context.Context, consents drafts.Consents, a drafts.Applicant, code string, version int, schema forms.Schema, role string) (uuid.UUID, error)
	Get(ctx context.Context, citizenID int64, id uuid.UUID) (drafts.Draft, error)
	List(ctx context.Context, citizenID int64) ([]drafts.Summary, error)
	SaveStep(ctx context.Context, citizenID int64, id uuid.UUID, in drafts.StepInput, rules forms.Rules) (drafts.StepResult, error)
	Delete(ctx context.Context, citizenID int64, id uuid.UUID) error
	Report(ctx context.Context, citizenID int64, id uuid.UUID, field, comment string) error
	Retry(ctx context.Context, consents drafts.ActiveConsents, a drafts.Applicant, id uuid.UUID) (drafts.RetryResult, error)
}

// Submitter turns a draft into a case (services/cases).
type Submitter interface {
	SubmitDraft(ctx context.Context, a drafts.Applicant, d drafts.Draft, declared bool, rules forms.Rules) (cases.Case, error)
}

// Cases reads the citizen's cases (services/cases).
type Cases interface {
	ForCitizen(ctx context.Context, citizenID int64, code string) (cases.Case, error)
	ForDraft(ctx context.Context, citizenID int64, draftID uuid.UUID) (cases.Case, error)
	Mine(ctx context.Context, citizenID int64, personalID, after string) (cases.Mine, error) // "Hồ sơ của tôi", a page
	Home(ctx context.Context, citizenID int64) (cases.CitizenHome, error)
	MostUsed(ctx context.Context, n int) ([]cases.ProcedureUse, error)
}

// Attachments stores uploads (services/attachments).
type Attachments interface {
	Open(ctx context.Context, citizenID int64, id uuid.UUID) (attachments.Attachment, []byte, error)
	ForDraft(ctx context.Context, citizenID int64, draftID uuid.UUID) (map[string]attachments.Attachment, error)
	ForCase(ctx context.Context, citizenID int64, caseID int64) ([]attachments.Attachment, error)
	MaxSize() int64
}

// Receipts renders receipt PDFs (services/receipt).
type Receipts interface {
	PDF(rc receipt.Receipt) ([]byte, error)
	SignedSlipPDF(ctx context.Context, s receipt.Slip) ([]byte, error) // signed by the agency
}

// Calendars gives the working-day calendar (services/calendar).
type Calendars interface {
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// Units knows the administrative map (services/catalogue).
type Units interface {
	Provinces() []catalogue.Province
	Province(code string) (catalogue.Province, bool)
	CommuneInProvince(province, commune string) bool
}

// Apply gathers what the application pages need.
type Apply struct {
	Catalogue   Catalogue
	Drafts      Drafts
	Submitter   Submitter
	Cases       Cases
	Attachments Attachments
	Receipts    Receipts
	Calendar    Calendars // whether a receipt says the case counts from the next working day
	Consents    *consent.Service
	Units       Units
	Now         func() time.Time
}
