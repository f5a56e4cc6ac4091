package citizen

import (
	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// The staff pages show a case as the citizen's does; these share the builders.

// AnswerSections shows every asked field's answer with where it came from.
func AnswerSections(schema forms.Schema, answers forms.Answers, source func(f forms.Field) (string, bool),
	files map[string]attachments.Attachment, units Units) []pages.CheckSection {
	return answerSections(schema, answers, source, files, nil, nil, units)
}

// ProcedureItem is how pages name a procedure.
func ProcedureItem(p catalogue.Procedure) pages.ProcedureItem { return procedureItem(p) }

// Text is a bilingual text for the views.
func Text(t forms.Text) components.Text { return two(t) }
