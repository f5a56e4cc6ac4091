package forms

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Answers holds a draft's answers by field name. Values are string (most types, a file's
// attachment id, a parcel's record id), []string (checkbox), Address (address) or []Answers
// (group items). It is stored as JSON, so values read back from the database are decoded into
// the same shapes by Normalize.
type Answers map[string]any

// Address is an address answer.
type Address struct {
	Province string `json:"province"`
	Commune  string `json:"commune"`
	Line     string `json:"line"`
}

// String returns a field's value as a string ("" when absent or not a string).
func (a Answers) String(name string) string {
	s, _ := a[name].(string)
	return s
}

// Strings returns a checkbox field's values.
func (a Answers) Strings(name string) []string {
	switch v := a[name].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Address returns an address field's value.
func (a Answers) Address(name string) Address {
	switch v := a[name].(type) {
	case Address:
		return v
	case map[string]any:
		s := func(k string) string { x, _ := v[k].(string); return x }
		return Address{Province: s("province"), Commune: s("commune"), Line: s("line")}
	}
	return Address{}
}

// Items returns a group field's items.
func (a Answers) Items(name string) []Answers {
	switch v := a[name].(type) {
	case []Answers:
		return v
	case []any:
		out := make([]Answers, 0, len(v))
		for _, x := range v {
			switch m := x.(type) {
			case map[string]any:
				out = append(out, Answers(m))
			case Answers:
				out = append(out, m)
			}
		}
		return out
	case []map[string]any:
		out := make([]Answers, 0, len(v))
		for _, m := range v {
			out = append(out, Answers(m))
		}
		return out
	}
	return nil
}

// Visible reports whether f is asked, given the answers so far.
func Visible(f Field, all Answers) bool {
	if f.ShowIf == nil {
		return true
	}
	v := all[f.ShowIf.Field]
	switch x := v.(type) {
	case string:
		return slices.Contains(f.ShowIf.Equals, x)
	default:
		for _, s := range all.Strings(f.ShowIf.Field) {
			if slices.Contains(f.ShowIf.Equals, s) {
				return true
			}
		}
	}
	return false
}

// Clean trims a typed text, normalises it to NFC (Vietnamese typed on some systems arrives
// decomposed) and drops control characters other than newlines.
func Clean(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// FromForm reads one step's fields from a form post. Files are not read here (their answers
// are attachment ids set by the upload); a group has as many items as the post carries.
func FromForm(step Step, form url.Values) Answers {
	out := Answers{}
	for _, f := range step.Fields {
		readField(f, f.Name, form, out)
	}
	return out
}

func readField(f Field, name string, form url.Values, out Answers) {
	switch f.Type {
	case TypeFile:
		return
	case TypeCheckbox:
		var vals []string
		for _, v := range form[name] {
			if v = value(v, keptRunes); v != "" && !slices.Contains(vals, v) && len(vals) < len(f.Options) {
				vals = append(vals, v)
			}
		}
		out[f.Name] = vals
	case TypeAddress:
		out[f.Name] = Address{
			Province: value(form.Get(name+".province"), keptRunes),
			Commune:  value(form.Get(name+".commune"), keptRunes),
			Line:     value(form.Get(name+".line"), 2*MaxAddressLine),
		}
	case TypeGroup:
		n := groupSize(name, form)
		items := make([]Answers, 0, n)
		for i := 0; i < n; i++ {
			item := Answers{}
			for _, sub := range f.Fields {
				readField(sub, name+"."+strconv.Itoa(i)+"."+sub.Name, form, item)
			}
			items = append(items, item)
		}
		out[f.Name] = items
	case TypeDate:
		out[f.Name] = ReadDate(form.Get, name)
	case TypeMoney, TypeNumber, TypePersonalID:
		// Digits are often typed with spaces or thousands separators.
		v := value(form.Get(name), keptRunes)
		if f.Type != TypeNumber || !strings.ContainsAny(v, ",.") {
			v = strings.NewReplacer(" ", "", ".", "", ",", "").Replace(v)
		}
		out[f.Name] = v
	default:
		n := keptRunes
		if f.Type == TypeText || f.Type == TypeTextarea {
			n = 2 * f.MaxChars()
		}
		out[f.Name] = value(form.Get(name), n)
	}
}

// keptRunes is the longest value kept of a field that is not a text: codes, dates, numbers,
// choices are all much shorter.
const keptRunes = 200

// value reads one value of a post, cut to n characters before it is cleaned (megabytes sent
// into a short field cost no normalisation) and after (what is saved is never longer). A text
// is kept up to twice its field's length: a citizen who typed a little too much loses nothing
// and is told it is too long (Validate), and megabytes sent into it are never stored.
func value(v string, n int) string { return cut(Clean(cut(v, n)), n) }

// cut keeps the first n characters of s.
func cut(s string, n int) string {
	if len(s) <= n { // n runes take n bytes at least
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// groupSize counts the items of group name in a post from the highest "<name>.<i>." index.
func groupSize(name string, form url.Values) int {
	prefix := name + "."
	idx := map[int]bool{}
	for k := range form {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < 100 {
			idx[i] = true
		}
	}
	keys := make([]int, 0, len(idx))
	for i := range idx {
		keys = append(keys, i)
	}
	sort.Ints(keys)
	if len(keys) == 0 {
		return 0
	}
	return keys[len(keys)-1] + 1
}
