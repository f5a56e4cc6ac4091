package pages

import "time"

// Kinds of values, formatted for the page's language by the view.
const (
	KindText   = ""       // shown as it is
	KindKey    = "key"    // an i18n key
	KindDate   = "date"   // ISO date
	KindMonth  = "month"  // YYYY-MM
	KindMoney  = "money"  // đồng, decimal integer
	KindArea   = "area"   // square metres, decimal
	KindNumber = "number" // integer
	KindMono   = "mono"   // an identifier, shown in tabular digits
	KindTwo    = "two"    // a text in both languages: Text is Vietnamese, EN English
)

// Value is one value to show, with how to format it.
type Value struct {
	Text string
	Kind string
	EN   string // KindTwo only
}

// DataField is a labelled value.
type DataField struct {
	Label string // i18n key
	Value Value
}

// DataTable is a small table; Head holds i18n keys.
type DataTable struct {
	Caption string // i18n key
	Head    []string
	Rows    [][]Value
	Empty   string // i18n key shown when there are no rows
}

// DataSection is part of a database's group: a heading, fields and tables.
type DataSection struct {
	Title     string // i18n key; "" = no heading
	TitleArgs []any
	Fields    []DataField
	Tables    []DataTable
}

// DataGroup is what one national database answered.
type DataGroup struct {
	Database  string // population, land, insurance
	Status    string // ok, not_found, unavailable
	RecordRef string
	AsOf      time.Time
	Sections  []DataSection
}

// AccessEntry is one line of the data-access log as the citizen sees it.
type AccessEntry struct {
	Seq        int64
	When       time.Time
	ActorName  string
	ActorRole  string // i18n key suffix: citizen, officer, helpdesk, system
	Purpose    string
	Reference  string
	Databases  []string
	Attributes []string
	Outcome    string
}

// ConsentItem is one database and what will be read from it.
type ConsentItem struct {
	Database   string
	Attributes []string // i18n keys under attr.
}

// MyData is the content of the My data page.
type MyData struct {
	HasPersonalID  bool
	Consented      bool
	ConsentExpires time.Time
	ConsentItems   []ConsentItem // shown when not consented
	Groups         []DataGroup   // shown when consented
	Log            []AccessEntry // the newest rows of the data-access log
	MoreLog        bool          // older rows follow: a link to the whole log (MyDataLog)
}

// MyDataLog is a page of the citizen's whole data-access log.
type MyDataLog struct {
	HasPersonalID bool
	Log           []AccessEntry
	Later         bool   // a page after the newest: a link back to it
	NextURL       string // the page of older rows, when there are any
}
