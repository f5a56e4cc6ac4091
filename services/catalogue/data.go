package catalogue

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/services/prefill"
)

// dataFS holds one file per procedure.
//
//go:embed data/procedures/*.json
var dataFS embed.FS

// procedureFile is the format of data/procedures/<code>.json: a procedure's facts and the form
// schema Seed publishes as its version 1.
type procedureFile struct {
	Code           string          `json:"code"`
	Name           forms.Text      `json:"name"`
	Topic          string          `json:"topic"`
	AgencyKind     string          `json:"agency_kind"`
	AgencyLevel    string          `json:"agency_level"`
	LegalBasis     forms.Text      `json:"legal_basis"`
	ProcessingDays int             `json:"processing_days"`
	FeeVND         int64           `json:"fee_vnd"`
	RequiredACR    string          `json:"required_acr"`
	ACRReason      string          `json:"acr_reason"` // for editors: why this level of assurance
	Note           string          `json:"note"`       // for editors: what to verify; never shown
	Details        Details         `json:"details"`
	Schema         json.RawMessage `json:"schema"`
	Status         string          `json:"status"`      // "" is active; "withdrawn" (linked.go)
	ReplacedBy     string          `json:"replaced_by"` // of a withdrawn procedure
	Parts          []Part          `json:"parts"`       // of a linked procedure, the lead's first
	lawFile                        // legal_bases and fees (law_data.go)
}

// seedProcedure is a checked procedure file.
type seedProcedure struct {
	Procedure
	Schema forms.Schema
}

// loadProcedures reads and checks every embedded procedure file, in code order.
func loadProcedures() ([]seedProcedure, error) {
	names, err := fs.Glob(dataFS, "data/procedures/*.json")
	if err != nil {
		return nil, err
	}
	out := make([]seedProcedure, 0, len(names))
	for _, name := range names { // fs.Glob sorts, and file names are codes
		b, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		p, err := parseProcedure(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); p.Code != want {
			return nil, fmt.Errorf("%s: holds procedure %s", name, p.Code)
		}
		out = append(out, p)
	}
	byCode := make(map[string]Procedure, len(out))
	for _, p := range out {
		byCode[p.Code] = p.Procedure
	}
	for _, p := range out {
		if err := checkLinked(p.Procedure, byCode); err != nil {
			return nil, fmt.Errorf("procedure %s: %w", p.Code, err)
		}
	}
	return out, nil
}

// parseProcedure reads one procedure file and checks it: known topic, agency kind and level,
// assurance level, both languages, and a schema that passes forms.Parse and binds only known
// registry attributes to fields of the matching type.
func parseProcedure(b []byte) (seedProcedure, error) {
	var f procedureFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return seedProcedure{}, err
	}
	switch {
	case f.Name.VI == "" || f.Name.EN == "" || len(f.LegalBases) == 0 && (f.LegalBasis.VI == "" || f.LegalBasis.EN == ""):
		return seedProcedure{}, fmt.Errorf("procedure %q: names and legal basis need both languages", f.Code)
	case !validTopic(f.Topic):
		return seedProcedure{}, fmt.Errorf("procedure %s: unknown topic %q", f.Code, f.Topic)
	case !validKind(f.AgencyKind) || kindLevel(f.AgencyKind) != f.AgencyLevel:
		return seedProcedure{}, fmt.Errorf("procedure %s: agency kind %q at level %q", f.Code, f.AgencyKind, f.AgencyLevel)
	case f.RequiredACR != LoA1 && f.RequiredACR != LoA2:
		return seedProcedure{}, fmt.Errorf("procedure %s: required_acr %q", f.Code, f.RequiredACR)
	case f.ProcessingDays <= 0 || f.FeeVND < 0:
		return seedProcedure{}, fmt.Errorf("procedure %s: processing days or fee", f.Code)
	case f.Details.Summary.VI == "" || f.Details.Summary.EN == "" || len(f.Details.Inputs) == 0:
		return seedProcedure{}, fmt.Errorf("procedure %s: details need a summary and inputs", f.Code)
	}
	schema, err := forms.Parse(f.Schema)
	if err != nil {
		return seedProcedure{}, fmt.Errorf("procedure %s: %w", f.Code, err)
	}
	if err := checkBindings(schema); err != nil {
		return seedProcedure{}, fmt.Errorf("procedure %s: %w", f.Code, err)
	}
	sp := seedProcedure{
		Procedure: Procedure{
			Code: f.Code, NameVI: f.Name.VI, NameEN: f.Name.EN, Topic: f.Topic,
			AgencyKind: f.AgencyKind, AgencyLevel: f.AgencyLevel,
			LegalBasisVI: f.LegalBasis.VI, LegalBasisEN: f.LegalBasis.EN,
			ProcessingDays: f.ProcessingDays, FeeVND: f.FeeVND, RequiredACR: f.RequiredACR,
			Details: f.Details, CurrentVersion: 1,
			Status: cmp.Or(f.Status, StatusActive), ReplacedBy: f.ReplacedBy, Parts: f.Parts,
		},
		Schema: schema,
	}
	if err := checkLinked(sp.Procedure, nil); err != nil {
		return seedProcedure{}, fmt.Errorf("procedure %s: %w", f.Code, err)
	}
	return sp, nil
}

// checkBindings reports a field bound to an attribute the prefill package does not know, or to
// one whose value does not fit the field's type, and details of a parcel (land.parcel.*) in a
// form where no parcel is chosen (land.parcels).
func checkBindings(s forms.Schema) error {
	bound := s.Bindings()
	for _, b := range bound {
		if prefill.IsParcelDetail(b) && !slices.Contains(bound, "land.parcels") {
			return fmt.Errorf("%s is bound, but no field chooses a parcel (land.parcels)", b)
		}
	}
	var walk func(fs []forms.Field) error
	walk = func(fs []forms.Field) error {
		for _, f := range fs {
			if f.Prefill != "" {
				b, ok := prefill.Lookup(f.Prefill)
				if !ok {
					return fmt.Errorf("field %q: unknown prefill binding %q", f.Name, f.Prefill)
				}
				if b.FieldType != f.Type {
					return fmt.Errorf("field %q is a %s, but %s fills a %s", f.Name, f.Type, f.Prefill, b.FieldType)
				}
			}
			if err := walk(f.Fields); err != nil {
				return err
			}
		}
		return nil
	}
	for _, st := range s.Steps {
		if err := walk(st.Fields); err != nil {
			return err
		}
	}
	return nil
}

// searchText is what List matches a query against: the code, the names in both languages and
// the keywords, folded and split into words.
func searchText(p Procedure) string {
	parts := append([]string{p.Code, p.NameVI, p.NameEN}, p.Details.Keywords...)
	return strings.Join(searchWords(strings.Join(parts, " ")), " ")
}
