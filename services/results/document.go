package results

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Document is what a procedure's result is, as data (documents/*.json): the paper a civil
// servant signs for it — its title, who issues it, what it says in which order with which
// official labels, and who signs. A Document knows field names, never a case: Fill takes the
// case's values, already in Vietnamese, from its caller (services/outcome).
type Document struct {
	// Procedures are the codes of the procedures whose result this is.
	Procedures []string `json:"procedures"`
	// Name is what the document is called in a sentence ("Giấy khai sinh"); NameEN, in English,
	// for the pages.
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	// Issuer is the kind of agency that issues it when that is not the case's own agency: the
	// Department of Home Affairs decides an unemployment benefit on the employment centre's
	// proposal ("home_affairs", in the case agency's province). Empty: the case's agency.
	Issuer     string   `json:"issuer,omitempty"`
	Title      string   `json:"title"`
	Subtitle   string   `json:"subtitle,omitempty"`
	Body       []Block  `json:"body"`
	Signer     []string `json:"signer"`               // the signer's lines, in capitals: "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
	Recipients []string `json:"recipients,omitempty"` // "Nơi nhận" of a decision
}

// Block is one element of a document's body, in order. Exactly one of Text, Heading, Label (a
// row), Group, LegalBases or Blocks (a section) says what it is.
//
// Texts and values may hold placeholders: {applicant}, {agency}… are facts of the case
// (Values.Var); {f:name} is the answer to the field name.
type Block struct {
	Text    string `json:"text,omitempty"`    // a paragraph
	Heading string `json:"heading,omitempty"` // a line in bold; in a section, shown only when one of its rows is
	// A row: the label, and the first answered of Fields, or Value.
	Label  string   `json:"label,omitempty"`
	Fields []string `json:"fields,omitempty"`
	Value  string   `json:"value,omitempty"`
	// Format formats the field: "" as its type says, "date_words" (a date in words), "year" (the
	// year of a date). Suffix follows a value ("tháng", "m²").
	Format string `json:"format,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Bold   bool   `json:"bold,omitempty"`
	Center bool   `json:"center,omitempty"`
	Upper  bool   `json:"upper,omitempty"` // the value (or text) in capitals
	// Inline puts a row on the line of the row before it, as the certificates do ("Giới tính:
	// Nữ   Dân tộc: Kinh   Quốc tịch: Việt Nam").
	Inline bool `json:"inline,omitempty"`
	// Group makes one row per item of a group field: Label with {n} numbering it, Value with
	// {f:sub} placeholders naming the item's answers.
	Group string `json:"group,omitempty"`
	// LegalBases makes one paragraph "Căn cứ …;" per legal basis of the procedure.
	LegalBases bool `json:"legal_bases,omitempty"`
	// ShowIf keeps the block only when a field has one of the values; Only, only for these
	// procedures.
	ShowIf *Condition `json:"show_if,omitempty"`
	Only   []string   `json:"only,omitempty"`
	Blocks []Block    `json:"blocks,omitempty"`
}

// Condition holds when the answer to Field is one of Equals ("" matches no answer).
type Condition struct {
	Field  string   `json:"field"`
	Equals []string `json:"equals"`
}

// Values are the facts of one case a document shows, in Vietnamese.
type Values interface {
	// Answer is the answer to a field as the document shows it: an option's label, a date as
	// dd/mm/yyyy, money in đồng, an address as "line, commune, province", a personal ID masked;
	// formatted as format says (Block.Format). "" when the field was not asked or not answered.
	Answer(field, format string) string
	// Var is a fact of the case: applicant, applicant_role, applicant_id, agency (the case's),
	// issuer (the issuing agency's), case, procedure, date (of issue, dd/mm/yyyy), submitted,
	// received, legal_bases. "" when unknown.
	Var(name string) string
	// Is reports whether the answer to field is one of equals.
	Is(field string, equals []string) bool
	// Items are the items of a group field, each with its own answers.
	Items(group string) []Values
}

// Body is a document filled with one case's values, ready to draw.
type Body struct {
	Name       string // "Giấy khai sinh"
	Title      string
	Subtitle   string
	Lines      []Line
	Signer     []string
	Recipients []string
}

// Line is one element of a filled body: a paragraph (Text), a bold heading, or a labelled row
// (Label and Text), which may go on with more label-value pairs on the same line (More).
type Line struct {
	Label   string
	Text    string
	Heading bool
	Bold    bool
	Center  bool
	More    []Pair
}

// Pair is a label and its value on the line of a row.
type Pair struct{ Label, Text string }

// documentFS holds the documents, one file each.
//
//go:embed documents/*.json
var documentFS embed.FS

// Documents reads the documents of documents/*.json, in file order. A malformed file is a
// build defect, which the tests catch.
func Documents() ([]Document, error) {
	names, err := fs.Glob(documentFS, "documents/*.json")
	if err != nil {
		return nil, err
	}
	out := make([]Document, 0, len(names))
	for _, name := range names {
		b, err := documentFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var d Document
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return nil, fmt.Errorf("results: %s: %w", name, err)
		}
		if err := d.check(); err != nil {
			return nil, fmt.Errorf("results: %s: %w", name, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// DocumentFor returns the document a procedure's result is; false when none is defined, and
// the caller falls back on a generic result.
func DocumentFor(procedureCode string) (Document, bool) {
	ds, err := Documents()
	if err != nil {
		return Document{}, false
	}
	for _, d := range ds {
		if slices.Contains(d.Procedures, procedureCode) {
			return d, true
		}
	}
	return Document{}, false
}

// check reports what a document lacks.
func (d Document) check() error {
	switch {
	case len(d.Procedures) == 0:
		return fmt.Errorf("no procedures")
	case d.Name == "" || d.NameEN == "" || d.Title == "":
		return fmt.Errorf("no name in both languages, or no title")
	case len(d.Signer) == 0:
		return fmt.Errorf("no signer")
	case len(d.Body) == 0:
		return fmt.Errorf("no body")
	}
	var walk func(bs []Block) error
	walk = func(bs []Block) error {
		for _, b := range bs {
			n := 0
			for _, set := range []bool{b.Text != "", b.Heading != "" && len(b.Blocks) == 0, b.Label != "" && b.Group == "",
				b.Group != "", b.LegalBases, len(b.Blocks) > 0} {
				if set {
					n++
				}
			}
			if n != 1 {
				return fmt.Errorf("a block is %d things at once: %+v", n, b)
			}
			if b.Label != "" && b.Group == "" && len(b.Fields) == 0 && b.Value == "" {
				return fmt.Errorf("row %q shows nothing", b.Label)
			}
			if err := walk(b.Blocks); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(d.Body)
}

// Fields lists every field the document names, its groups' sub-fields as "group.sub", in order.
func (d Document) Fields() []string {
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	var walk func(bs []Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			if b.ShowIf != nil {
				add(b.ShowIf.Field)
			}
			for _, f := range b.Fields {
				add(f)
			}
			for _, text := range []string{b.Text, b.Value} {
				for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
					if name, ok := strings.CutPrefix(m[1], "f:"); ok {
						if b.Group != "" {
							name = b.Group + "." + name
						}
						add(name)
					}
				}
			}
			if b.Group != "" {
				add(b.Group)
			}
			walk(b.Blocks)
		}
	}
	walk(d.Body)
	return out
}

// placeholder is {name} or {f:field} in a text.
var placeholder = regexp.MustCompile(`\{([a-z_]+|f:[a-z0-9_]+|n)\}`)

// Fill writes the document for one case: the blocks whose conditions hold, placeholders and
// rows filled with v's values. A row without a value, a paragraph with an unknown placeholder
// and a section heading without a row under it are left out.
func (d Document) Fill(procedureCode string, v Values) Body {
	b := Body{Name: d.Name, Title: d.Title, Subtitle: fill(d.Subtitle, v), Signer: d.Signer, Recipients: d.Recipients}
	b.Lines = fillBlocks(d.Body, procedureCode, v)
	return b
}

func fillBlocks(bs []Block, procedureCode string, v Values) []Line {
	var out []Line
	for _, b := range bs {
		if b.ShowIf != nil && !v.Is(b.ShowIf.Field, b.ShowIf.Equals) {
			continue
		}
		if len(b.Only) > 0 && !slices.Contains(b.Only, procedureCode) {
			continue
		}
		switch {
		case len(b.Blocks) > 0:
			inner := fillBlocks(b.Blocks, procedureCode, v)
			if !slices.ContainsFunc(inner, func(l Line) bool { return l.Label != "" }) {
				continue // a section without a row: not even its heading
			}
			if b.Heading != "" {
				out = append(out, Line{Text: fill(b.Heading, v), Heading: true, Bold: true})
			}
			out = append(out, inner...)
		case b.Heading != "":
			out = append(out, Line{Text: fill(b.Heading, v), Heading: true, Bold: true, Center: b.Center})
		case b.Text != "":
			if text := fill(b.Text, v); text != "" {
				out = append(out, Line{Text: upper(text, b.Upper), Bold: b.Bold, Center: b.Center})
			}
		case b.LegalBases:
			for _, basis := range legalBases(v.Var("legal_bases")) {
				out = append(out, Line{Text: "Căn cứ " + basis + ";"})
			}
		case b.Group != "":
			for i, item := range v.Items(b.Group) {
				label := strings.ReplaceAll(b.Label, "{n}", strconv.Itoa(i+1))
				if value := fill(b.Value, item); value != "" {
					out = append(out, Line{Label: label, Text: upper(value, b.Upper), Bold: b.Bold})
				}
			}
		default:
			value := fill(b.Value, v)
			for _, f := range b.Fields {
				if value = v.Answer(f, b.Format); value != "" {
					break
				}
			}
			if value == "" {
				continue
			}
			value = upper(value, b.Upper) + b.Suffix
			if n := len(out); b.Inline && n > 0 && out[n-1].Label != "" {
				out[n-1].More = append(out[n-1].More, Pair{Label: b.Label, Text: value})
				continue
			}
			out = append(out, Line{Label: b.Label, Text: value, Bold: b.Bold})
		}
	}
	return out
}

// fill replaces the placeholders of text with v's values; a text with a placeholder that has
// no value is left out whole ("" is returned), so no sentence is printed with a hole in it.
func fill(text string, v Values) string {
	missing := false
	out := placeholder.ReplaceAllStringFunc(text, func(m string) string {
		name := m[1 : len(m)-1]
		var s string
		if f, ok := strings.CutPrefix(name, "f:"); ok {
			s = v.Answer(f, "")
		} else {
			s = v.Var(name)
		}
		if s == "" {
			missing = true
		}
		return s
	})
	if missing {
		return ""
	}
	return out
}

// legalBases splits a procedure's legal basis ("Luật …; Nghị định ….") into its instruments.
func legalBases(text string) []string {
	var out []string
	for _, part := range strings.Split(text, ";") {
		if part = strings.TrimRight(strings.TrimSpace(part), "."); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func upper(s string, on bool) string {
	if on {
		return strings.ToUpper(s)
	}
	return s
}
