package catalogue

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
)

// Statuses of a procedure in the catalogue.
const (
	StatusActive = "active"
	// StatusWithdrawn is a repealed procedure: it stays readable, since cases were filed on it,
	// but the catalogue lists it no more and it takes no new application.
	StatusWithdrawn = "withdrawn"
)

// MsgWithdrawn is the message key of a new application to a withdrawn procedure (views/i18n).
const MsgWithdrawn = "procedure.withdrawn"

// ErrWithdrawn refuses a new draft, or the submission of an old one, of a withdrawn procedure.
var ErrWithdrawn = fault.New(fault.ECONFLICT, MsgWithdrawn, "catalogue")

// Part is one part of a linked procedure ("liên thông"): one application, several decisions,
// each by its own agency. A linked procedure's first part is the lead's, decided by the agency
// the case goes to (the procedure's own agency kind and level) through the case's normal steps;
// the others go to their agencies when the lead has decided, and each of them completes its part.
type Part struct {
	Kind        string     `json:"kind"` // birth, residence, health_insurance …
	Name        forms.Text `json:"name"`
	AgencyKind  string     `json:"agency_kind"`
	AgencyLevel string     `json:"agency_level"` // commune: the lead's commune; province: its province
	Days        int        `json:"days"`         // working days from when the part reaches its agency
	// Reference names what the agency records when its part is done ("Mã số thẻ bảo hiểm y tế").
	Reference forms.Text `json:"reference,omitzero"`
}

// Withdrawn reports whether the procedure no longer takes applications.
func (p Procedure) Withdrawn() bool { return p.Status == StatusWithdrawn }

// Linked reports whether a case of the procedure has parts decided by several agencies.
func (p Procedure) Linked() bool { return len(p.Parts) > 1 }

// Open refuses a new application to a withdrawn procedure (ErrWithdrawn); its page names the
// procedure that replaced it (ReplacedBy).
func (p Procedure) Open() error {
	if p.Withdrawn() {
		return ErrWithdrawn
	}
	return nil
}

// ChainDays is the longest the parts take one after the other: the lead's days, then the
// longest of the others, which run side by side once the lead has decided.
func (p Procedure) ChainDays() int {
	if !p.Linked() {
		return 0
	}
	longest := 0
	for _, pt := range p.Parts[1:] {
		longest = max(longest, pt.Days)
	}
	return p.Parts[0].Days + longest
}

var partKind = regexp.MustCompile(`^[a-z_]+$`)

// checkLinked checks a procedure file's status and parts: a withdrawn procedure names an
// active one that replaced it (among files, unless nil); a linked procedure has at least two parts, the
// first decided by the procedure's own agency, every one of a known agency kind at its level,
// in both languages, with positive days that chain within the procedure's processing time.
func checkLinked(p Procedure, files map[string]Procedure) error {
	switch p.Status {
	case StatusActive:
		if p.ReplacedBy != "" {
			return fmt.Errorf("an active procedure is replaced by nothing (replaced_by %q)", p.ReplacedBy)
		}
	case StatusWithdrawn:
		if r, ok := files[p.ReplacedBy]; files != nil && p.ReplacedBy != "" && (!ok || r.Withdrawn()) {
			return fmt.Errorf("replaced by %q, which is no active procedure", p.ReplacedBy)
		}
	default:
		return fmt.Errorf("status %q", p.Status)
	}
	if len(p.Parts) == 0 {
		return nil
	}
	if len(p.Parts) == 1 {
		return fmt.Errorf("a linked procedure has several parts")
	}
	if lead := p.Parts[0]; lead.AgencyKind != p.AgencyKind || lead.AgencyLevel != p.AgencyLevel {
		return fmt.Errorf("part %q is the lead's: it is decided by the procedure's own agency", lead.Kind)
	}
	var kinds []string
	for _, pt := range p.Parts {
		switch {
		case !partKind.MatchString(pt.Kind) || slices.Contains(kinds, pt.Kind):
			return fmt.Errorf("part kind %q", pt.Kind)
		case !validKind(pt.AgencyKind) || kindLevel(pt.AgencyKind) != pt.AgencyLevel:
			return fmt.Errorf("part %q: agency kind %q at level %q", pt.Kind, pt.AgencyKind, pt.AgencyLevel)
		case pt.Name.VI == "" || pt.Name.EN == "":
			return fmt.Errorf("part %q: its name needs both languages", pt.Kind)
		case pt.Days <= 0:
			return fmt.Errorf("part %q: days", pt.Kind)
		}
		kinds = append(kinds, pt.Kind)
	}
	if p.ChainDays() > p.ProcessingDays {
		return fmt.Errorf("the parts take %d working days, more than the procedure's %d", p.ChainDays(), p.ProcessingDays)
	}
	return nil
}
