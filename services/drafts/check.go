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
	rules.Evidence = d.EvidenceRequired
	rules.HasFile = func(name string) bool { return d.Answers.String(name) != "" }
	for _, o := range d.Prefill.Parcels {
		rules.ParcelOptions = append(rules.ParcelOptions, o.RecordID)
	}
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

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
