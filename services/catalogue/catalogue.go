// Package catalogue is the administrative procedure catalogue and the agencies that receive
// and decide applications. The catalogue is data: each procedure's facts and versioned form
// schema are embedded JSON files under data/ that Seed writes to PostgreSQL; the agencies and
// the default areas of the land offices' branches are generated from the 34-province
// administrative map (services/adminunits). The tables procedures, procedure_versions, agencies
// and agency_areas are read and written only here, through the named queries of queries/*.sql
// compiled by sqlc into internal/cataloguedb.
package catalogue

import (
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motlan/portal/services/catalogue/internal/cataloguedb"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/readpool"
)

// Procedure is one administrative procedure of the national procedure database.
type Procedure struct {
	Code           string // e.g. "1.001193"
	NameVI         string
	NameEN         string
	Topic          string // one of Topics()
	AgencyKind     string // the kind of agency that decides; one of AgencyKinds()
	AgencyLevel    string // "commune" or "province": where that agency sits
	LegalBasisVI   string // its documents cited in one line (law.go keeps it), or a file's older free text
	LegalBasisEN   string
	ProcessingDays int   // legal processing time, in working days from receipt (an administrator may change it)
	FeeVND         int64 // the older files' fee_vnd, never shown: fees are procedure_fees (law.go)
	RequiredACR    string
	Details        Details
	CurrentVersion int // the form schema version new drafts start on
	// Status is StatusActive or StatusWithdrawn; a withdrawn procedure names the one that
	// replaced it, if any. Parts are a linked procedure's parts, the lead's first (linked.go).
	Status     string
	ReplacedBy string
	Parts      []Part
}

// Name returns the procedure's name in both languages.
func (p Procedure) Name() forms.Text { return forms.Text{VI: p.NameVI, EN: p.NameEN} }

// LegalBasis returns the procedure's legal basis in one line, in both languages: its documents
// not repealed, cited in order (Service.LegalBases has them one by one), or the free text of a
// procedure file not yet converted to legal_bases.
func (p Procedure) LegalBasis() forms.Text {
	return forms.Text{VI: p.LegalBasisVI, EN: p.LegalBasisEN}
}

// Details is what a citizen reads before starting: what the procedure is for, what they need,
// who decides and what they get.
type Details struct {
	Summary    forms.Text   `json:"summary"`
	Inputs     []forms.Text `json:"inputs"`
	WhoDecides forms.Text   `json:"who_decides"`
	Result     forms.Text   `json:"result"`
	// Keywords are extra search words in either language ("khai sinh", "birth certificate").
	Keywords []string `json:"keywords"`
	// OfficialName is the procedure's full name in the national procedure database when Name
	// is a shortened one; empty when Name is the official name.
	OfficialName forms.Text `json:"official_name,omitzero"`
	// InPerson is what must still be handed in or done in person however the case is filed
	// (an original certificate, both partners signing the register): the procedure page, the
	// check page and the receipt say it plainly.
	InPerson forms.Text `json:"in_person,omitzero"`
}

// Version is one published form schema of a procedure. A published version never changes; a
// draft keeps the version it started on.
type Version struct {
	ProcedureCode string
	Version       int
	Schema        forms.Schema
	PublishedAt   time.Time
}

// Agency is an authority that receives and decides applications.
type Agency struct {
	Code         string // e.g. "UBND-00070", "VPDKDD-79"
	Kind         string // one of AgencyKinds()
	Level        string // "commune" or "province"
	NameVI       string
	NameEN       string
	ProvinceCode string
	CommuneCode  string // "" for a province-level agency
}

// Name returns the agency's name in both languages.
func (a Agency) Name() forms.Text { return forms.Text{VI: a.NameVI, EN: a.NameEN} }

// Levels of government since 1 July 2025 (there are no districts any more).
const (
	LevelCommune  = "commune"
	LevelProvince = "province"
)

// Kinds of agency.
const (
	KindCommuneCommittee = "commune_committee" // Ủy ban nhân dân cấp xã
	KindCommunePolice    = "commune_police"    // Công an cấp xã (residence registration)
	KindLandOffice       = "land_office"       // Văn phòng đăng ký đất đai
	KindSocialInsurance  = "social_insurance"  // Bảo hiểm xã hội
	KindEmploymentCentre = "employment_centre" // Trung tâm Dịch vụ việc làm
	KindHomeAffairs      = "home_affairs"      // Sở Nội vụ (Department of Home Affairs)
)

// Assurance levels of a VNeID sign-in (acr).
const (
	LoA1 = "LoA1"
	LoA2 = "LoA2"
)

// Service reads the catalogue and the agencies from PostgreSQL.
type Service struct {
	pool     *pgxpool.Pool
	q        *cataloguedb.Queries
	procs    *cache[string, Procedure]
	agencies *cache[string, Agency]
	versions *cache[versionKey, Version]
	all      *cache[bool, []Procedure] // the unfiltered list, without or with the withdrawn
	reads    readpool.Reader           // where searches read (WithReader); the pool by default
}

// New returns the catalogue service. Seed must have run for it to find anything.
func New(pool *pgxpool.Pool) *Service {
	return &Service{pool: pool, q: cataloguedb.New(pool), procs: newCache[string, Procedure](cacheTTL),
		agencies: newCache[string, Agency](cacheTTL), versions: newCache[versionKey, Version](0),
		all: newCache[bool, []Procedure](cacheTTL), reads: readpool.New(pool, nil, readpool.Config{})}
}

// WithReader sends searches of the catalogue to r, a read replica while it is close enough
// behind (services/readpool). The rest reads the pool: the unfiltered list and single
// procedures are cached, and a publication clears the cache, which a lagging replica would fill
// again with what was there before.
func (s *Service) WithReader(r readpool.Reader) *Service {
	s.reads = r
	return s
}

// Topics lists the catalogue's topics, in the order the catalogue page shows them.
func (s *Service) Topics() []string { return topics() }

// AgencyKinds lists the kinds of agency, in the order the catalogue page shows them.
func (s *Service) AgencyKinds() []string { return agencyKinds() }

func topics() []string {
	return []string{"civil-status", "residence", "land", "social-insurance", "employment", "business"}
}

func agencyKinds() []string {
	return []string{KindCommuneCommittee, KindCommunePolice, KindLandOffice, KindSocialInsurance, KindEmploymentCentre,
		KindHomeAffairs}
}

// TopicName names a topic in both languages; an unknown topic is named by itself.
func TopicName(topic string) forms.Text {
	switch topic {
	case "civil-status":
		return forms.Text{VI: "Hộ tịch", EN: "Civil status"}
	case "residence":
		return forms.Text{VI: "Cư trú", EN: "Residence"}
	case "land":
		return forms.Text{VI: "Đất đai", EN: "Land"}
	case "social-insurance":
		return forms.Text{VI: "Bảo hiểm xã hội", EN: "Social insurance"}
	case "employment":
		return forms.Text{VI: "Việc làm", EN: "Employment"}
	case "business":
		return forms.Text{VI: "Kinh doanh", EN: "Business"}
	}
	return forms.Text{VI: topic, EN: topic}
}

// AgencyKindName names a kind of agency in both languages; an unknown kind is named by itself.
func AgencyKindName(kind string) forms.Text {
	switch kind {
	case KindCommuneCommittee:
		return forms.Text{VI: "Ủy ban nhân dân cấp xã", EN: "Commune People's Committee"}
	case KindCommunePolice:
		return forms.Text{VI: "Công an cấp xã", EN: "Commune police"}
	case KindLandOffice:
		return forms.Text{VI: "Văn phòng đăng ký đất đai", EN: "Land registration office"}
	case KindSocialInsurance:
		return forms.Text{VI: "Bảo hiểm xã hội", EN: "Social insurance"}
	case KindEmploymentCentre:
		return forms.Text{VI: "Trung tâm Dịch vụ việc làm", EN: "Employment service centre"}
	case KindHomeAffairs:
		return forms.Text{VI: "Sở Nội vụ", EN: "Department of Home Affairs"}
	}
	return forms.Text{VI: kind, EN: kind}
}

// kindLevel is the level at which agencies of a kind sit.
func kindLevel(kind string) string {
	switch kind {
	case KindCommuneCommittee, KindCommunePolice:
		return LevelCommune
	}
	return LevelProvince
}

func validKind(kind string) bool   { return slices.Contains(agencyKinds(), kind) }
func validTopic(topic string) bool { return slices.Contains(topics(), topic) }
