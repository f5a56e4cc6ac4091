package forms

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motlan/portal/services/personalid"
)

// FieldError is one validation message: the field's path (its post name, e.g. "members.0.full_name"),
// the message key (views/i18n) and its arguments.
type FieldError struct {
	Field   string
	Message string
	Args    []any
}

// Rules gives validation what it cannot know from the schema.
type Rules struct {
	Today time.Time // the civil date for not_future / not_past
	// CommuneInProvince reports whether a commune code belongs to a province code.
	CommuneInProvince func(province, commune string) bool
	// Evidence reports whether a file field is required because a database did not answer.
	Evidence func(f Field) bool
	// HasFile reports whether a file field already has an uploaded file.
	HasFile func(name string) bool
	// ParcelOptions are the record ids the applicant may choose from.
	ParcelOptions []string
	// PersonOptions gives the personal IDs a person field may take (members of the applicant's
	// household who may be that party).
	PersonOptions func(f Field) []string
	// ProvinceExists reports whether a code is one of the provinces.
	ProvinceExists func(code string) bool
}

// Validate checks one step's answers (all holds every answer of the draft, for conditions) and
// returns every error, in field order.
func Validate(step Step, answers, all Answers, r Rules) []FieldError {
	var errs []FieldError
	for _, f := range step.Fields {
		if !Visible(f, all) {
			continue
		}
		errs = append(errs, validateField(f, f.Name, answers, r)...)
	}
	return errs
}

func validateField(f Field, path string, a Answers, r Rules) []FieldError {
	fail := func(msg string, args ...any) []FieldError {
		return []FieldError{{Field: path, Message: msg, Args: args}}
	}
	switch f.Type {
	case TypeFile:
		required := f.Required || (r.Evidence != nil && r.Evidence(f))
		if required && (r.HasFile == nil || !r.HasFile(f.Name)) {
			return fail("validation.file.required")
		}
		return nil
	case TypeCheckbox:
		vals := a.Strings(f.Name)
		if f.Required && len(vals) == 0 {
			return fail("validation.choose")
		}
		for _, v := range vals {
			if !hasOption(f, v) {
				return fail("validation.option")
			}
		}
		return nil
	case TypeAddress:
		ad := a.Address(f.Name)
		if ad == (Address{}) {
			if f.Required {
				return fail("validation.address.required")
			}
			return nil
		}
		switch {
		case ad.Province == "":
			return []FieldError{{Field: path + ".province", Message: "validation.address.province"}}
		case ad.Commune == "":
			return []FieldError{{Field: path + ".commune", Message: "validation.address.commune"}}
		case r.CommuneInProvince != nil && !r.CommuneInProvince(ad.Province, ad.Commune):
			return []FieldError{{Field: path + ".commune", Message: "validation.address.mismatch"}}
		case ad.Line == "" && f.Required:
			return []FieldError{{Field: path + ".line", Message: "validation.address.line"}}
		case utf8.RuneCountInString(ad.Line) > MaxAddressLine:
			return []FieldError{{Field: path + ".line", Message: "validation.too_long", Args: []any{MaxAddressLine}}}
		}
		return nil
	case TypeGroup:
		items := a.Items(f.Name)
		max := f.MaxItems
		if max == 0 {
			max = 10
		}
		if len(items) < f.MinItems {
			return fail("validation.group.min", f.MinItems)
		}
		if len(items) > max {
			return fail("validation.group.max", max)
		}
		var errs []FieldError
		for i, item := range items {
			for _, sub := range f.Fields {
				errs = append(errs, validateField(sub, path+"."+strconv.Itoa(i)+"."+sub.Name, item, r)...)
			}
		}
		return errs
	}

	v := a.String(f.Name)
	if v == "" {
		if f.Required {
			if f.Type == TypeSelect || f.Type == TypeRadio || f.Type == TypeYesNo || f.Type == TypeParcel ||
				f.Type == TypePerson || f.Type == TypeProvince {
				return fail("validation.choose")
			}
			return fail("validation.required")
		}
		return nil
	}
	switch f.Type {
	case TypeText, TypeTextarea:
		max := f.MaxChars()
		if n := utf8.RuneCountInString(v); n > max {
			return fail("validation.too_long", max)
		}
		if f.Type == TypeText && strings.ContainsAny(v, "\n\t") {
			return fail("validation.one_line")
		}
	case TypeNumber:
		n, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil {
			return fail("validation.number")
		}
		if f.Min != nil && n < *f.Min {
			return fail("validation.min", *f.Min)
		}
		if f.Max != nil && n > *f.Max {
			return fail("validation.max", *f.Max)
		}
	case TypeMoney:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return fail("validation.money")
		}
		if f.Min != nil && float64(n) < *f.Min {
			return fail("validation.min", *f.Min)
		}
		if f.Max != nil && float64(n) > *f.Max {
			return fail("validation.max", *f.Max)
		}
	case TypeDate:
		if msg := DateProblem(v); msg != "" {
			return fail(msg)
		}
		d, err := time.Parse(time.DateOnly, v)
		if err != nil || d.Year() < 1900 {
			return fail("validation.date")
		}
		today := r.Today.Truncate(24 * time.Hour)
		if f.NotFuture && !r.Today.IsZero() && d.After(today) {
			return fail("validation.date.future")
		}
		if f.NotPast && !r.Today.IsZero() && d.Before(today) {
			return fail("validation.date.past")
		}
	case TypePersonalID:
		if !personalid.Valid(v) {
			return fail("validation.personal_id")
		}
	case TypeSelect, TypeRadio:
		if !hasOption(f, v) {
			return fail("validation.option")
		}
	case TypeYesNo:
		if v != "yes" && v != "no" {
			return fail("validation.option")
		}
	case TypeParcel:
		if !slices.Contains(r.ParcelOptions, v) {
			return fail("validation.option")
		}
	case TypePerson:
		if v != PersonNone && (r.PersonOptions == nil || !slices.Contains(r.PersonOptions(f), v)) {
			return fail("validation.option")
		}
	case TypeProvince:
		if r.ProvinceExists != nil && !r.ProvinceExists(v) {
			return fail("validation.option")
		}
	}
	return nil
}

func hasOption(f Field, v string) bool {
	for _, o := range f.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}
