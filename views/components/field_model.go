package components

import "time"

// Text is a text in both languages; components pick the request's language.
type Text struct{ VI, EN string }

// OptionView is one choice.
type OptionView struct {
	Value string
	Label Text
}

// CommuneView and ProvinceView feed the address field's selects.
type CommuneView struct{ Code, Name string }

// ProvinceView is a province with its communes. The address field lists only the communes of
// the chosen province (at most a few hundred of the 3,321); a script fetches another
// province's from CommunesURL.
type ProvinceView struct {
	Code, Name string
	Communes   []CommuneView
}

// CommunesURL is the public address of a province's communes as JSON ([{code, name}]), which
// the address field's script (static/js/address.js) fetches when the province changes.
func CommunesURL(provinceCode string) string { return "/dia-ban/tinh/" + provinceCode + "/xa" }

// AddressValue is an address as entered or prefilled.
type AddressValue struct{ Province, Commune, Line string }

// FileView is an already uploaded file.
type FileView struct {
	ID, Name    string
	SizeBytes   int64
	DownloadURL string
}

// FieldView is one form field ready to render. Names follow the form post's names: a top-level
// field "child_full_name"; a group item's sub-field "members.0.full_name"; an address's parts
// "<name>.province", "<name>.commune", "<name>.line"; checkboxes post one value per ticked box.
type FieldView struct {
	Name     string
	ID       string // HTML id; the error summary links to it
	Type     string // the services/forms field types
	Label    Text
	Hint     Text
	Required bool

	Value   string       // text, textarea, number, date (YYYY-MM-DD, or "year-month-day" as typed), select, radio, yesno ("yes"/"no"), personal_id, money, parcel
	Values  []string     // checkbox
	Address AddressValue // address
	Options []OptionView // select, radio, checkbox, parcel

	Error     string // i18n key of the field's error; "" = none
	ErrorArgs []any

	// Prefill: a locked value came from a national database and cannot be changed here.
	Locked       bool
	Source       string // database: population, land, insurance
	RecordRef    string
	AsOf         time.Time
	Updated      Text   // the issued result another registry recorded the value from, if one did
	ReportURL    string // where "Báo sai dữ liệu" posts (a form with the field name); "" = no report
	SelfDeclared bool   // the database did not answer: typed by the citizen
	EvidenceNote bool   // a file field required because a database did not answer

	File *FileView // file: the file already uploaded, if any
	// Held are the documents of the citizen's store a file field bound to a document type may use
	// instead of an upload (held.templ); HeldChosen is the ID of the one the draft uses, "" = none.
	Held       []HeldOption
	HeldChosen string
	Items      [][]FieldView // group: one slice of sub-fields per item
	MinItems   int
	MaxItems   int
	ItemLabel  Text

	Provinces []ProvinceView // address: every province; only the chosen one's communes are listed
}

// ErrorLink is one line of the error summary.
type ErrorLink struct {
	FieldID string
	Message string // i18n key
	Args    []any
	Label   Text // the field's label, prefixed to the message
}
