package drafts

import (
	"github.com/motlan/portal/services/forms"
)

// Problem is what stops a draft from being submitted.
type Problem struct {
	Step     int                // the first step to go back to; -1 when none
	Errors   []forms.FieldError // validation errors of that step
	Tampered []string           // locked fields whose value no longer equals what was fetched
}

// OK reports whether the draft can be submitted.
func (p Problem) OK() bool { return p.Step < 0 && len(p.Tampered) == 0 }

// Check re-validates every step and re-checks every locked value against what was fetched, as
// the submission must, whatever the earlier posts said.
func (d Draft) Check(rules forms.Rules) Problem {
	p := Problem{Step: -1}
	for field, filled := range d.Prefill.Fields {
		if filled.Locked && !sameValue(d.Answers[field], filled.Value.Value) {
			p.Tampered = append(p.Tampered, field)
		}
	}
	rules = d.Rules(rules)
	for i, st := range d.Schema.Steps {
		if errs := forms.Validate(st, d.Answers, d.Answers, rules); len(errs) > 0 {
			p.Step, p.Errors = i, errs
			return p
		}
	}
	for i := range d.Schema.Steps {
		if !containsInt(d.Completed, i) {
			p.Step = i
			return p
		}
	}
	return p
}

// Rules completes the portal's validation rules with what this draft allows: the evidence its
// unavailable databases require, its uploaded files, its parcels and household members.
func (d Draft) Rules(rules forms.Rules) forms.Rules {
	rules.Evidence = d.EvidenceRequired
	rules.HasFile = func(name string) bool { return d.Answers.String(name) != "" }
	rules.ParcelOptions = nil
	for _, o := range d.Prefill.Parcels {
		rules.ParcelOptions = append(rules.ParcelOptions, o.RecordID)
	}
	rules.PersonOptions = func(f forms.Field) []string {
		var ids []string
		for _, m := range d.PersonOptions(f) {
			ids = append(ids, m.PersonalID)
		}
		return ids
	}
	return rules
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
