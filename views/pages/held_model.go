package pages

import (
	"time"

	"github.com/motlan/portal/views/components"
)

// HeldDocument is one document of "Giấy tờ của tôi" as the pages show it.
type HeldDocument struct {
	ID          int64
	Type        string
	TypeName    components.Text
	Title       string
	IssuerName  string
	Number      string
	CaseCode    string
	IssuedOn    time.Time // a civil date
	ValidUntil  *time.Time
	Verified    bool   // issued by the portal (a result, an e-receipt); false: self-provided
	Provenance  string // issued, ereceipt, uploaded
	Role        string // applicant, subject, payer, uploader
	ConsentedAt *time.Time
	RetainUntil *time.Time // nil for a kept upload: until the citizen deletes it
}

// HeldTypeOption is a document type offered by the filter and the keep form.
type HeldTypeOption struct {
	Code     string
	Name     components.Text
	Selected bool
}

// KeepableFile is a file the citizen sent with a case and may keep in their store.
type KeepableFile struct {
	ID         string
	FileName   string
	UploadedAt time.Time
}

// HeldDocumentsPage is "Giấy tờ của tôi": the documents, the type filter, and the files the
// citizen may keep.
type HeldDocumentsPage struct {
	HasPersonalID bool
	Documents     []HeldDocument
	Types         []HeldTypeOption
	Filter        string // the type shown; "" for all
	Files         []KeepableFile
	Retentions    []string // documents.Retentions
}

// HeldShare is a share link of a document.
type HeldShare struct {
	ID        int64
	Label     string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
	Active    bool
}

// CreatedShare is a link just made: its address and QR code, shown once.
type CreatedShare struct {
	URL       string
	QR        string // a data: URI of the PNG
	Label     string
	ExpiresAt time.Time
}

// HeldDocumentPage is one document: its summary, download, shares, and the share form.
type HeldDocumentPage struct {
	Doc     HeldDocument
	Shares  []HeldShare
	Days    []int // the lifetimes a link may have
	Created *CreatedShare
	Label   string // as typed, when the form comes back with an error
	Error   string // i18n key; "" for none
}

// SharedDocumentPage is the public page of a share link.
type SharedDocumentPage struct {
	Doc       HeldDocument
	Download  string // the download's address
	Label     string
	ExpiresAt time.Time
}
