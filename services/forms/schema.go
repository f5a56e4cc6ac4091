// Package forms is the form engine: a procedure's form as data (a schema of steps and fields,
// with per-field prefill bindings to registry attributes), and the server-side parsing and
// validation of what a citizen posts. It knows nothing of HTTP or HTML.
package forms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
)

// documentTypeRE is the shape of a document type code (services/documents' vocabulary).
var documentTypeRE = regexp.MustCompile(`^[a-z][a-z_]{1,40}$`)

// Field types.
const (
	TypeText       = "text"
	TypeTextarea   = "textarea"
	TypeNumber     = "number"
	TypeDate       = "date"
	TypeSelect     = "select"
	TypeRadio      = "radio"
	TypeCheckbox   = "checkbox" // several choices
	TypeYesNo      = "yesno"
	TypeAddress    = "address" // province → commune, plus an address line
	TypePersonalID = "personal_id"
	TypeMoney      = "money" // whole đồng
	TypeFile       = "file"
	TypeGroup      = "group"    // repeating group of sub-fields
	TypeParcel     = "parcel"   // choose one of the applicant's land parcels (options from the land database)
	TypePerson     = "person"   // choose a party's person among the applicant's household (from the population database), or PersonNone
	TypeProvince   = "province" // one of the 34 provinces
)

// PersonNone is the answer of a person field whose party is not in the applicant's household
// (or not established): the party's details are typed.
const PersonNone = "none"

// Text is a text in both languages.
type Text struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

// In returns the text for lang ("vi" or "en"), falling back to Vietnamese.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// Option is one choice of a select, radio or checkbox field.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// Condition shows a field only when another field (in the same step or an earlier one) has a value.
type Condition struct {
	Field  string   `json:"field"`
	Equals []string `json:"equals"`
}

// Field is one question.
type Field struct {
	Name      string     `json:"name"`
	Type      string     `json:"type"`
	Label     Text       `json:"label"`
	Hint      Text       `json:"hint,omitempty"`
	Required  bool       `json:"required,omitempty"`
	Options   []Option   `json:"options,omitempty"`
	Min       *float64   `json:"min,omitempty"`        // number, money
	Max       *float64   `json:"max,omitempty"`        // number, money
	MaxLength int        `json:"max_length,omitempty"` // text, textarea; default 200 / 2000
	NotFuture bool       `json:"not_future,omitempty"` // date
	NotPast   bool       `json:"not_past,omitempty"`   // date
	ShowIf    *Condition `json:"show_if,omitempty"`
	// Prefill binds the field to a registry attribute (see services/prefill); a bound field is
	// filled from the database and locked while the database answered.
	Prefill string `json:"prefill,omitempty"`
	// Party is the party (Schema.Parties) the field describes; "" = the applicant. A bound field
	// of a party is filled from that party's record, as the applicant's role says.
	Party string `json:"party,omitempty"`
	// EvidenceFor makes a file field required when one of these databases did not answer, so a
	// self-declared value comes with proof.
	EvidenceFor []string `json:"evidence_for,omitempty"`
	// Document binds a file field to a document type of the citizen's store (services/documents,
	// e.g. "birth_certificate"): a citizen who holds one may use it instead of an upload.
	Document string `json:"document,omitempty"`
	// Minor makes a person field offer only the household members under 18 on the day the draft
	// starts: a parent or guardian acting for a minor.
	Minor    bool    `json:"minor,omitempty"`
	Fields   []Field `json:"fields,omitempty"`    // group
	MinItems int     `json:"min_items,omitempty"` // group
	MaxItems int     `json:"max_items,omitempty"` // group; default 10
	// ItemLabel names one item of a group ("Thành viên", "Member").
	ItemLabel Text `json:"item_label,omitempty"`
}

// Step is one page of the form.
type Step struct {
	ID     string  `json:"id"`
	Title  Text    `json:"title"`
	Intro  Text    `json:"intro,omitempty"`
	Fields []Field `json:"fields"`
}

// Schema is a procedure version's form.
type Schema struct {
	Steps       []Step `json:"steps"`
	Declaration Text   `json:"declaration"`
	// Parties are the people the case concerns besides the applicant.
	Parties []Party `json:"parties,omitempty"`
	// Roles asks what the applicant is to the case; nil = the applicant is its subject.
	Roles *Roles `json:"roles,omitempty"`
	// Routing finds the competent agency's place: the first route that holds and has a place.
	Routing []Route `json:"routing,omitempty"`
}

// Parse reads and checks a schema.
func Parse(b []byte) (Schema, error) {
	var s Schema
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a misspelt key ("requried") must not pass silently
	if err := dec.Decode(&s); err != nil {
		return Schema{}, fmt.Errorf("forms: schema: %w", err)
	}
	return s, s.Check()
}

// Check reports schema mistakes: unknown types, duplicate names, options missing, conditions
// on unknown fields.
func (s Schema) Check() error {
	if len(s.Steps) == 0 {
		return fmt.Errorf("forms: schema has no steps")
	}
	seen := map[string]bool{}
	fields := map[string]Field{}
	if s.Roles != nil {
		seen[s.Roles.Field] = true // asked before the first step: fields may depend on it
	}
	var check func(f Field, inGroup bool) error
	check = func(f Field, inGroup bool) error {
		if f.Name == "" {
			return fmt.Errorf("forms: a field has no name")
		}
		if seen[f.Name] {
			return fmt.Errorf("forms: duplicate field %q", f.Name)
		}
		seen[f.Name] = true
		fields[f.Name] = f
		if f.Label.VI == "" || f.Label.EN == "" {
			return fmt.Errorf("forms: field %q needs labels in both languages", f.Name)
		}
		switch f.Type {
		case TypeText, TypeTextarea, TypeNumber, TypeDate, TypeYesNo, TypeAddress, TypePersonalID, TypeMoney, TypeFile,
			TypeParcel, TypePerson, TypeProvince:
		case TypeSelect, TypeRadio, TypeCheckbox:
			if len(f.Options) == 0 {
				return fmt.Errorf("forms: field %q has no options", f.Name)
			}
		case TypeGroup:
			if inGroup {
				return fmt.Errorf("forms: group %q inside a group", f.Name)
			}
			if len(f.Fields) == 0 {
				return fmt.Errorf("forms: group %q has no fields", f.Name)
			}
			for _, sub := range f.Fields {
				if err := check(sub, true); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("forms: field %q has unknown type %q", f.Name, f.Type)
		}
		if f.Document != "" && (f.Type != TypeFile || !documentTypeRE.MatchString(f.Document)) {
			return fmt.Errorf("forms: field %q binds document type %q: only a file field binds one, named like birth_certificate", f.Name, f.Document)
		}
		if f.Minor && f.Type != TypePerson {
			return fmt.Errorf("forms: field %q: only a person field offers minors", f.Name)
		}
		if f.ShowIf != nil && !seen[f.ShowIf.Field] {
			return fmt.Errorf("forms: field %q depends on %q, which is not asked before it", f.Name, f.ShowIf.Field)
		}
		return nil
	}
	for _, st := range s.Steps {
		if st.ID == "" {
			return fmt.Errorf("forms: a step has no id")
		}
		files := 0
		for _, f := range st.Fields {
			if err := check(f, false); err != nil {
				return err
			}
			if f.Type == TypeFile {
				files++
			}
		}
		if files > MaxFilesPerStep {
			return fmt.Errorf("forms: step %q asks for %d files, more than %d", st.ID, files, MaxFilesPerStep)
		}
	}
	if s.Declaration.VI == "" {
		return fmt.Errorf("forms: schema has no declaration")
	}
	return s.checkParties(fields)
}

// MaxChars is the longest answer a text or textarea field takes: its MaxLength, else 200 for a
// text and 2000 for a textarea.
func (f Field) MaxChars() int {
	switch {
	case f.MaxLength > 0:
		return f.MaxLength
	case f.Type == TypeTextarea:
		return 2000
	}
	return 200
}

// MaxAddressLine is the longest street line of an address.
const MaxAddressLine = 200

// MaxFilesPerStep is the most file fields a step may ask for: a step's post carries them all,
// so it sizes the largest post the portal takes (web's body limit of a step).
const MaxFilesPerStep = 3

// Bindings lists the prefill bindings of every field, in order, without duplicates.
func (s Schema) Bindings() []string {
	var out []string
	seen := map[string]bool{}
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if f.Prefill != "" && !seen[f.Prefill] {
				seen[f.Prefill] = true
				out = append(out, f.Prefill)
			}
			walk(f.Fields)
		}
	}
	for _, st := range s.Steps {
		walk(st.Fields)
	}
	return out
}

// BindingsFrom lists, in order and without duplicates, the bindings of the fields whose data
// comes from source (SourceSelf, SourceSpouse) when the applicant has the given role.
func (s Schema) BindingsFrom(role, source string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if f.Prefill != "" && !seen[f.Prefill] && s.Source(role, f.Party) == source {
				seen[f.Prefill] = true
				out = append(out, f.Prefill)
			}
			walk(f.Fields)
		}
	}
	for _, st := range s.Steps {
		walk(st.Fields)
	}
	return out
}

// Field returns the top-level field named name and its step index.
func (s Schema) Field(name string) (Field, int, bool) {
	for i, st := range s.Steps {
		for _, f := range st.Fields {
			if f.Name == name {
				return f, i, true
			}
		}
	}
	return Field{}, 0, false
}
