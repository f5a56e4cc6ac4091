package documents

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
)

// Type is a code of the national vocabulary of document types ("birth_certificate").
type Type string

// Types the portal writes itself; the rest of the vocabulary is data (types.json).
const (
	TypeEReceipt Type = "e_receipt"
	TypeOther    Type = "other"
)

// TypeInfo is one type of the vocabulary with its names.
type TypeInfo struct {
	Code Type   `json:"code"`
	VI   string `json:"vi"`
	EN   string `json:"en"`
}

// vocabulary is types.json: the types in the order the pages offer them, and the type of each
// procedure's result (services/results/documents/*.json names the procedures).
type vocabulary struct {
	Types      []TypeInfo      `json:"types"`
	Procedures map[string]Type `json:"procedures"`
}

//go:embed types.json
var vocabularyJSON []byte

// loadVocabulary reads types.json and checks that every procedure maps to a known type.
func loadVocabulary() (vocabulary, error) {
	var v vocabulary
	if err := json.Unmarshal(vocabularyJSON, &v); err != nil {
		return vocabulary{}, fmt.Errorf("documents: types.json: %w", err)
	}
	for p, t := range v.Procedures {
		if !slices.ContainsFunc(v.Types, func(i TypeInfo) bool { return i.Code == t }) {
			return vocabulary{}, fmt.Errorf("documents: types.json: procedure %s has unknown type %q", p, t)
		}
	}
	return v, nil
}

// Types is the vocabulary, in the order the pages offer it.
func (s *Service) Types() []TypeInfo { return slices.Clone(s.vocab.Types) }

// TypeOf is the type of a procedure's result: TypeOther for a procedure the vocabulary does not
// map.
func (s *Service) TypeOf(procedureCode string) Type {
	if t, ok := s.vocab.Procedures[procedureCode]; ok {
		return t
	}
	return TypeOther
}

// TypeName is the type's name (Vietnamese and English); an unknown code is "Giấy tờ khác".
func (s *Service) TypeName(t Type) TypeInfo {
	for _, i := range s.vocab.Types {
		if i.Code == t {
			return i
		}
	}
	return TypeInfo{Code: t, VI: "Giấy tờ khác", EN: "Other document"}
}

// Known reports whether t is a code of the vocabulary.
func (s *Service) Known(t Type) bool {
	return slices.ContainsFunc(s.vocab.Types, func(i TypeInfo) bool { return i.Code == t })
}
