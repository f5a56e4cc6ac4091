// Package documents is "Giấy tờ của tôi", the citizen's document store: every document that
// concerns a person — the results issued to them or about them, the e-receipts of the fees they
// paid, the files they uploaded and chose to keep — keyed by their personal ID, so a child named
// in a birth registration sees it once they have an account. A document's content is not copied:
// it is read through its owner (services/results, services/payment, services/attachments).
// Documents can be shared with someone outside the portal through a time-limited link
// (shares.go). The tables held_documents and document_shares are read and written only here.
package documents

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/documents/internal/documentdb"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/results"
)

// Message keys of the faults this package returns (views/i18n).
const (
	MsgNotFound     = "held.error.notfound"
	MsgInvalid      = "held.error.invalid"
	MsgShareGone    = "shared.gone.body"
	MsgUnavailable  = "held.error.unavailable"
	MsgNotWithdrawn = "held.error.notwithdrawable"
)

// ErrNotFound is a document that is not the holder's, or does not exist.
var ErrNotFound = fault.New(fault.ENOTFOUND, MsgNotFound, "documents")

// Provenance says where a document comes from and so how far it can be trusted.
type Provenance string

// Provenances: a result issued here (verified), an e-receipt of a fee paid here, a file the
// citizen uploaded and kept (self-provided).
const (
	ProvenanceIssued   Provenance = "issued"
	ProvenanceEReceipt Provenance = "ereceipt"
	ProvenanceUploaded Provenance = "uploaded"
)

// Verified reports whether the portal vouches for the document: it issued it.
func (p Provenance) Verified() bool { return p != ProvenanceUploaded }

// Roles of the holder in the document.
const (
	RoleApplicant = "applicant" // filed the case
	RoleSubject   = "subject"   // whom the case is about
	RolePayer     = "payer"     // paid the fee
	RoleUploader  = "uploader"  // uploaded the file
)

// Document is one document held by one person.
type Document struct {
	ID               int64
	HolderPersonalID string
	Type             Type
	TypeName         string // Vietnamese
	TypeNameEN       string
	Title            string
	IssuerCode       string
	IssuerName       string
	Number           string // the result's code, the receipt's number, the file's name
	CaseCode         string
	IssuedOn         time.Time // a date (UTC midnight)
	ValidUntil       *time.Time
	Provenance       Provenance
	Role             string
	ConsentedAt      *time.Time // a kept upload: when the citizen agreed to keep it
	RetainUntil      *time.Time // a kept upload: when it leaves the store; nil: until withdrawn
	WithdrawnAt      *time.Time
	CreatedAt        time.Time

	// Where the content is, for the owning service.
	caseID        *int64
	resultCode    *string
	paymentItemID *int64
	attachmentID  *uuid.UUID
	citizenID     *int64
}

// Results serves an issued result's PDF (services/results).
type Results interface {
	ForCase(ctx context.Context, caseID int64) (results.Result, []byte, error)
}

// Receipts serves a paid item's e-receipt to its case's owner (services/payment).
type Receipts interface {
	ReceiptPDF(ctx context.Context, citizenID int64, agencyCode string, itemID int64) ([]byte, error)
}

// Files serves an uploaded file to its owner (services/attachments).
type Files interface {
	Get(ctx context.Context, citizenID int64, id uuid.UUID) (attachments.Attachment, error)
	Open(ctx context.Context, citizenID int64, id uuid.UUID) (attachments.Attachment, []byte, error)
	OfCitizenCases(ctx context.Context, citizenID int64, limit int) ([]attachments.Attachment, error)
}

// Deps are where the contents are; a nil one makes its documents' contents unavailable.
type Deps struct {
	Results  Results
	Receipts Receipts
	Files    Files
	Log      *audit.Log // the holder's data-access log: downloads and share openings
}

// Service is the document store. It is safe for concurrent use.
type Service struct {
	pool  *pgxpool.Pool
	deps  Deps
	vocab vocabulary
	now   func() time.Time
	// onWithdraw are called inside the transaction that withdraws a kept upload (OnWithdraw).
	onWithdraw []WithdrawHook
}

// New returns the document store. now is its clock (shares expire by it).
func New(pool *pgxpool.Pool, deps Deps, now func() time.Time) (*Service, error) {
	v, err := loadVocabulary()
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	return &Service{pool: pool, deps: deps, vocab: v, now: now}, nil
}

// document is a held_documents row as the store shows it.
func (s *Service) document(r documentdb.HeldDocument) Document {
	d := Document{ID: r.ID, HolderPersonalID: r.HolderPid, Type: Type(r.Type), Title: r.Title, IssuerCode: r.IssuerCode,
		IssuerName: r.IssuerName, Number: r.Number, CaseCode: r.CaseCode, IssuedOn: r.IssuedOn, ValidUntil: r.ValidUntil,
		Provenance: Provenance(r.Provenance), Role: r.Role, ConsentedAt: r.ConsentedAt, RetainUntil: r.RetainUntil,
		WithdrawnAt: r.WithdrawnAt, CreatedAt: r.CreatedAt,
		caseID: r.CaseID, resultCode: r.ResultCode, paymentItemID: r.PaymentItemID, attachmentID: r.AttachmentID,
		citizenID: r.CitizenID}
	name := s.TypeName(d.Type)
	d.TypeName, d.TypeNameEN = name.VI, name.EN
	return d
}

func (s *Service) documents(rows []documentdb.HeldDocument, err error) ([]Document, error) {
	if err != nil {
		return nil, fmt.Errorf("documents: list: %w", err)
	}
	out := make([]Document, 0, len(rows))
	for _, r := range rows {
		out = append(out, s.document(r))
	}
	return out, nil
}

// List is what the person holds now (not withdrawn, retention not over), newest first.
func (s *Service) List(ctx context.Context, personalID string) ([]Document, error) {
	return s.documents(documentdb.New(s.pool).DocumentsOfHolder(ctx, personalID, s.now()))
}

// ListByType is List of one type.
func (s *Service) ListByType(ctx context.Context, personalID string, t Type) ([]Document, error) {
	return s.documents(documentdb.New(s.pool).DocumentsOfHolderByType(ctx, personalID, s.now(), string(t)))
}

// Get is one of the person's current documents; anyone else's, a withdrawn one or one past its
// retention is ErrNotFound.
func (s *Service) Get(ctx context.Context, personalID string, id int64) (Document, error) {
	return s.get(ctx, documentdb.New(s.pool), personalID, id)
}

func (s *Service) get(ctx context.Context, q *documentdb.Queries, personalID string, id int64) (Document, error) {
	r, err := q.DocumentOfHolder(ctx, personalID, s.now(), id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Document{}, ErrNotFound
	}
	if err != nil {
		return Document{}, fmt.Errorf("documents: get %d: %w", id, err)
	}
	return s.document(r), nil
}

// WithResults sets where issued results are read, for a caller that builds the results service
// after this one; it returns s. Call it while wiring, before serving.
func (s *Service) WithResults(r Results) *Service {
	s.deps.Results = r
	return s
}

// WithReceipts sets where e-receipts are read: the payment service, which records receipts here
// and so is built after this one. It returns s; call it while wiring, before serving.
func (s *Service) WithReceipts(r Receipts) *Service {
	s.deps.Receipts = r
	return s
}
