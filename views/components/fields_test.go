package components_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/viewctx"
)

const csrfToken = "csrf-test-token"

func pageCtx(lang string) context.Context {
	return viewctx.With(context.Background(), viewctx.Page{Lang: lang, CSRFToken: csrfToken})
}

// renderDoc renders c in a Vietnamese page and parses the markup.
func renderDoc(t *testing.T, c templ.Component) (*goquery.Document, string) {
	t.Helper()
	return renderIn(t, pageCtx("vi"), c)
}

func renderIn(t *testing.T, ctx context.Context, c templ.Component) (*goquery.Document, string) {
	t.Helper()
	var b strings.Builder
	require.NoError(t, c.Render(ctx, &b))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	require.NoError(t, err)
	return doc, b.String()
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

func txt(vi string) components.Text { return components.Text{VI: vi, EN: vi + " (en)"} }

var options = []components.OptionView{
	{Value: "a", Label: txt("Lựa chọn A")},
	{Value: "b", Label: txt("Lựa chọn B")},
	{Value: "c", Label: txt("Lựa chọn C")},
}

var provinces = []components.ProvinceView{
	{Code: "01", Name: "Thành phố Hà Nội", Communes: []components.CommuneView{{Code: "00070", Name: "Phường Hoàn Kiếm"}, {Code: "00004", Name: "Phường Ba Đình"}}},
	{Code: "79", Name: "Thành phố Hồ Chí Minh", Communes: []components.CommuneView{{Code: "26740", Name: "Phường Sài Gòn"}}},
}

func field(name, typ string) components.FieldView {
	return components.FieldView{Name: name, ID: "f-" + strings.ReplaceAll(name, ".", "-"), Type: typ, Label: txt("Nhãn " + name)}
}

func TestFieldRendersEveryType(t *testing.T) {
	t.Parallel()
	cases := []struct {
		typ      string
		value    string
		control  string // selector of the control with id f-x
		attrs    map[string]string
		selector string // another element that must be present
	}{
		{typ: "text", value: "Nguyễn Văn An", control: "input", attrs: map[string]string{"type": "text", "value": "Nguyễn Văn An"}},
		{typ: "personal_id", value: "001099012345", control: "input", attrs: map[string]string{"type": "text", "inputmode": "numeric", "autocomplete": "off", "maxlength": "12", "spellcheck": "false", "value": "001099012345"}},
		{typ: "number", value: "3", control: "input", attrs: map[string]string{"type": "text", "inputmode": "numeric", "value": "3"}},
		{typ: "money", value: "1500000", control: "input", attrs: map[string]string{"inputmode": "numeric", "value": "1500000"}, selector: ".govuk-input__wrapper > .govuk-input__suffix[aria-hidden=true]"},
		{typ: "textarea", value: "Nhiều dòng", control: "textarea", attrs: map[string]string{}},
		{typ: "select", value: "b", control: "select", attrs: map[string]string{}, selector: "select > option:first-child[value='']"},
		{typ: "radio", value: "b", control: "input", attrs: map[string]string{"type": "radio", "value": "a"}, selector: "fieldset.govuk-fieldset > legend.govuk-fieldset__legend"},
		{typ: "yesno", value: "no", control: "input", attrs: map[string]string{"type": "radio", "value": "yes"}, selector: ".govuk-radios--inline"},
		{typ: "parcel", value: "c", control: "input", attrs: map[string]string{"type": "radio", "value": "a"}, selector: ".govuk-radios"},
		{typ: "checkbox", control: "input", attrs: map[string]string{"type": "checkbox", "value": "a"}, selector: ".govuk-checkboxes"},
		{typ: "file", control: "input", attrs: map[string]string{"type": "file", "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}},
	}
	for _, tc := range cases {
		t.Run(tc.typ, func(t *testing.T) {
			t.Parallel()
			f := field("x", tc.typ)
			f.Value = tc.value
			f.Options = options
			doc, html := renderDoc(t, components.Field(f))

			group := doc.Find("[data-testid=field-x]")
			require.Equal(t, 1, group.Length(), html)
			assert.True(t, group.HasClass("govuk-form-group"))
			assert.False(t, group.HasClass("govuk-form-group--error"))

			ctl := doc.Find("#f-x")
			require.Equal(t, 1, ctl.Length(), html)
			assert.Equal(t, tc.control, goquery.NodeName(ctl))
			assert.Equal(t, "x", attr(ctl, "name"))
			for k, v := range tc.attrs {
				assert.Equal(t, v, attr(ctl, k), "attribute %s", k)
			}
			_, readonly := ctl.Attr("readonly")
			assert.False(t, readonly, "an editable field is not read-only")
			if tc.selector != "" {
				assert.Equal(t, 1, doc.Find(tc.selector).Length(), "%s in %s", tc.selector, html)
			}
			// A label names the control (radios and checkboxes: each box has one).
			assert.Equal(t, 1, doc.Find("label[for=f-x]").Length(), html)
		})
	}
}

func TestFieldValues(t *testing.T) {
	t.Parallel()
	t.Run("SelectMarksTheValue", func(t *testing.T) {
		t.Parallel()
		f := field("x", "select")
		f.Options, f.Value = options, "b"
		doc, _ := renderDoc(t, components.Field(f))
		assert.Equal(t, 4, doc.Find("select option").Length(), "an empty first option plus one per option")
		sel := doc.Find("select option[selected]")
		require.Equal(t, 1, sel.Length())
		assert.Equal(t, "b", attr(sel, "value"))
	})
	t.Run("RadioChecksTheValueWithDistinctIDs", func(t *testing.T) {
		t.Parallel()
		f := field("x", "parcel")
		f.Options, f.Value = options, "c"
		doc, _ := renderDoc(t, components.Field(f))
		radios := doc.Find("input[type=radio][name=x]")
		require.Equal(t, 3, radios.Length())
		ids := map[string]bool{}
		radios.Each(func(_ int, s *goquery.Selection) { ids[attr(s, "id")] = true })
		assert.Len(t, ids, 3)
		checked := doc.Find("input[type=radio][checked]")
		require.Equal(t, 1, checked.Length())
		assert.Equal(t, "c", attr(checked, "value"))
		assert.Equal(t, "Lựa chọn C", strings.TrimSpace(doc.Find("label[for="+attr(checked, "id")+"]").Text()))
	})
	t.Run("YesNoPostsYesAndNo", func(t *testing.T) {
		t.Parallel()
		f := field("x", "yesno")
		f.Value = "no"
		doc, _ := renderDoc(t, components.Field(f))
		var values []string
		doc.Find("input[type=radio][name=x]").Each(func(_ int, s *goquery.Selection) { values = append(values, attr(s, "value")) })
		assert.Equal(t, []string{"yes", "no"}, values)
		assert.Equal(t, "no", attr(doc.Find("input[checked]"), "value"))
	})
	t.Run("CheckboxChecksEachValue", func(t *testing.T) {
		t.Parallel()
		f := field("x", "checkbox")
		f.Options, f.Values = options, []string{"a", "c"}
		doc, _ := renderDoc(t, components.Field(f))
		require.Equal(t, 3, doc.Find("input[type=checkbox][name=x]").Length())
		var checked []string
		doc.Find("input[type=checkbox][checked]").Each(func(_ int, s *goquery.Selection) { checked = append(checked, attr(s, "value")) })
		assert.Equal(t, []string{"a", "c"}, checked)
	})
	t.Run("TextareaHoldsTheValue", func(t *testing.T) {
		t.Parallel()
		f := field("x", "textarea")
		f.Value = "Dòng một <b>"
		doc, _ := renderDoc(t, components.Field(f))
		assert.Equal(t, "Dòng một <b>", doc.Find("textarea#f-x").Text())
	})
	t.Run("LabelInEnglish", func(t *testing.T) {
		t.Parallel()
		f := field("x", "text")
		f.Hint = components.Text{VI: "Gợi ý", EN: "Hint"}
		doc, _ := renderIn(t, pageCtx("en"), components.Field(f))
		assert.Equal(t, "Nhãn x (en)", strings.TrimSpace(doc.Find("label[for=f-x]").Text()))
		assert.Equal(t, "Hint", strings.TrimSpace(doc.Find("#f-x-hint").Text()))
	})
}

func TestFieldError(t *testing.T) {
	t.Parallel()
	ctx := pageCtx("vi")
	for _, typ := range []string{"text", "money", "select", "textarea", "radio", "checkbox", "address", "file", "group"} {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			f := field("x", typ)
			f.Options = options
			f.Provinces = provinces
			f.Hint = txt("Gợi ý")
			f.Error = "error.invalid" // an existing key, so the message is known here
			doc, html := renderDoc(t, components.Field(f))

			assert.True(t, doc.Find("[data-testid=field-x]").HasClass("govuk-form-group--error"), html)
			msg := doc.Find("#f-x-error")
			require.Equal(t, 1, msg.Length(), html)
			assert.True(t, msg.HasClass("govuk-error-message"))
			assert.Equal(t, 1, msg.Find(".govuk-visually-hidden").Length(), "the visually hidden prefix")
			assert.Contains(t, msg.Text(), i18n.T(ctx, "error.invalid"))

			described := doc.Find("[aria-describedby*='f-x-error']")
			require.Equal(t, 1, described.Length(), "one control or fieldset points at the error: %s", html)
			ids := strings.Fields(attr(described, "aria-describedby"))
			assert.Contains(t, ids, "f-x-hint")
			for _, id := range ids {
				assert.Equal(t, 1, doc.Find("#"+id).Length(), "aria-describedby names %s", id)
			}
		})
	}
	t.Run("ErrorClassOnTheControl", func(t *testing.T) {
		t.Parallel()
		for typ, class := range map[string]string{"text": "govuk-input--error", "select": "govuk-select--error", "textarea": "govuk-textarea--error", "file": "govuk-file-upload--error"} {
			f := field("x", typ)
			f.Error = "error.invalid"
			doc, _ := renderDoc(t, components.Field(f))
			assert.True(t, doc.Find("#f-x").HasClass(class), "%s has %s", typ, class)
		}
	})
	t.Run("ErrorArgs", func(t *testing.T) {
		t.Parallel()
		f := field("x", "text")
		f.Error, f.ErrorArgs = "home.welcome", []any{"An"}
		doc, _ := renderDoc(t, components.Field(f))
		assert.Contains(t, doc.Find("#f-x-error").Text(), i18n.Tf(ctx, "home.welcome", "An"))
	})
	t.Run("NoErrorNoMessage", func(t *testing.T) {
		t.Parallel()
		doc, _ := renderDoc(t, components.Field(field("x", "text")))
		assert.Equal(t, 0, doc.Find(".govuk-error-message").Length())
		_, has := doc.Find("#f-x").Attr("aria-describedby")
		assert.False(t, has, "no empty aria-describedby")
	})
}

var asOf = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

func locked(f components.FieldView) components.FieldView {
	f.Locked, f.Source, f.AsOf = true, "population", asOf
	return f
}

func TestLockedField(t *testing.T) {
	t.Parallel()
	ctx := pageCtx("vi")
	t.Run("TextIsReadOnlyWithTheSameName", func(t *testing.T) {
		t.Parallel()
		for _, typ := range []string{"text", "personal_id", "number", "money", "textarea"} {
			f := locked(field("x", typ))
			f.Value = "001099012345"
			doc, html := renderDoc(t, components.Field(f))
			ctl := doc.Find("#f-x")
			require.Equal(t, 1, ctl.Length(), html)
			assert.Equal(t, "x", attr(ctl, "name"), typ)
			_, readonly := ctl.Attr("readonly")
			assert.True(t, readonly, typ)
			assert.Equal(t, "true", attr(ctl, "aria-readonly"), typ)
			if typ == "textarea" {
				assert.Equal(t, f.Value, ctl.Text())
			} else {
				assert.Equal(t, f.Value, attr(ctl, "value"), typ)
			}
			badge := doc.Find("[data-testid=source-x]")
			require.Equal(t, 1, badge.Length(), html)
			assert.Equal(t, "verified", attr(badge, "data-prefill"))
			assert.Equal(t, 1, badge.Find(".govuk-tag").Length())
			assert.Contains(t, badge.Text(), i18n.T(ctx, "db.population"))
			assert.Contains(t, badge.Text(), i18n.DateTime(ctx, asOf))
			assert.Contains(t, strings.Fields(attr(ctl, "aria-describedby")), attr(badge, "id"))
		}
	})
	t.Run("ChoiceHasNoControlButAHiddenValue", func(t *testing.T) {
		t.Parallel()
		for _, typ := range []string{"select", "radio", "parcel"} {
			f := locked(field("x", typ))
			f.Options, f.Value = options, "b"
			doc, html := renderDoc(t, components.Field(f))
			assert.Equal(t, 0, doc.Find("select, input:not([type=hidden])").Length(), "%s: %s", typ, html)
			hidden := doc.Find("input[type=hidden][name=x]")
			require.Equal(t, 1, hidden.Length(), html)
			assert.Equal(t, "b", attr(hidden, "value"))
			assert.Equal(t, "Lựa chọn B", strings.TrimSpace(doc.Find("#f-x").Text()))
			assert.Equal(t, 1, doc.Find("[data-testid=source-x] .govuk-tag").Length())
		}
	})
	t.Run("YesNo", func(t *testing.T) {
		t.Parallel()
		f := locked(field("x", "yesno"))
		f.Value = "yes"
		doc, _ := renderDoc(t, components.Field(f))
		assert.Equal(t, 0, doc.Find("input[type=radio]").Length())
		assert.Equal(t, "yes", attr(doc.Find("input[type=hidden][name=x]"), "value"))
		assert.Equal(t, i18n.T(ctx, "form.yes"), strings.TrimSpace(doc.Find("#f-x").Text()))
	})
	t.Run("CheckboxPostsEveryValue", func(t *testing.T) {
		t.Parallel()
		f := locked(field("x", "checkbox"))
		f.Options, f.Values = options, []string{"a", "c"}
		doc, _ := renderDoc(t, components.Field(f))
		assert.Equal(t, 0, doc.Find("input[type=checkbox]").Length())
		var values []string
		doc.Find("input[type=hidden][name=x]").Each(func(_ int, s *goquery.Selection) { values = append(values, attr(s, "value")) })
		assert.Equal(t, []string{"a", "c"}, values)
	})
	t.Run("AddressPostsItsThreeParts", func(t *testing.T) {
		t.Parallel()
		f := locked(field("home", "address"))
		f.Provinces = provinces
		f.Address = components.AddressValue{Province: "01", Commune: "00070", Line: "12 Hàng Bài"}
		doc, html := renderDoc(t, components.Field(f))
		assert.Equal(t, 0, doc.Find("select, input:not([type=hidden])").Length(), html)
		for name, want := range map[string]string{"home.province": "01", "home.commune": "00070", "home.line": "12 Hàng Bài"} {
			assert.Equal(t, want, attr(doc.Find("input[type=hidden][name='"+name+"']"), "value"), name)
		}
		assert.Equal(t, "12 Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội", strings.TrimSpace(doc.Find("#f-home").Text()))
	})
	t.Run("GroupIsATableWithHiddenInputs", func(t *testing.T) {
		t.Parallel()
		f := locked(field("members", "group"))
		f.ItemLabel = txt("Thành viên")
		f.MinItems, f.MaxItems = 0, 5
		for i, name := range []string{"Nguyễn Văn An", "Trần Thị Bình"} {
			n := field("members."+string(rune('0'+i))+".full_name", "text")
			n.Value = name
			b := field("members."+string(rune('0'+i))+".birth_date", "date")
			b.Value = "1990-01-0" + string(rune('1'+i))
			f.Items = append(f.Items, []components.FieldView{n, b})
		}
		doc, html := renderDoc(t, components.Field(f))
		table := doc.Find("table.govuk-table#f-members")
		require.Equal(t, 1, table.Length(), html)
		assert.Equal(t, 2, table.Find("tbody tr").Length())
		assert.Contains(t, table.Find("tbody").Text(), "Trần Thị Bình")
		assert.Contains(t, table.Find("tbody").Text(), i18n.Date(ctx, "1990-01-02"))
		assert.Equal(t, 0, doc.Find("input:not([type=hidden]), button").Length(), "nothing editable, no add or remove")
		assert.Equal(t, "Trần Thị Bình", attr(doc.Find("input[type=hidden][name='members.1.full_name']"), "value"))
		assert.Equal(t, "1990-01-01", attr(doc.Find("input[type=hidden][name='members.0.birth_date']"), "value"))
		assert.Equal(t, 4, doc.Find("input[type=hidden]").Length())
	})
}

func TestSelfDeclaredField(t *testing.T) {
	t.Parallel()
	f := field("x", "text")
	f.SelfDeclared, f.Source = true, "land"
	doc, html := renderDoc(t, components.Field(f))
	ctl := doc.Find("#f-x")
	_, readonly := ctl.Attr("readonly")
	assert.False(t, readonly, "a self-declared field is editable")
	badge := doc.Find("[data-testid=source-x]")
	require.Equal(t, 1, badge.Length(), html)
	assert.Equal(t, "self-declared", attr(badge, "data-prefill"))
	assert.Contains(t, badge.Text(), i18n.T(pageCtx("vi"), "db.land"))
	assert.Contains(t, attr(ctl, "aria-describedby"), "f-x-source")
	assert.Equal(t, 0, doc.Find("details").Length(), "nothing to report on a self-declared value")
}

func TestAddressField(t *testing.T) {
	t.Parallel()
	f := field("home", "address")
	f.Provinces = provinces
	f.Address = components.AddressValue{Province: "01", Commune: "00004", Line: "12 Hàng Bài"}
	doc, html := renderDoc(t, components.Field(f))

	fieldset := doc.Find("fieldset[data-module=app-address]")
	require.Equal(t, 1, fieldset.Length(), html)
	assert.Equal(t, "/dia-ban/tinh/{code}/xa", attr(fieldset, "data-communes-url"), "the script's source of a province's communes")
	for _, a := range []string{"data-text-choose", "data-text-province-first", "data-text-filter", "data-text-matches", "data-text-loading", "data-text-failed"} {
		assert.NotEmpty(t, attr(fieldset, a), a)
	}
	assert.Contains(t, attr(fieldset, "data-text-matches"), "%d")

	province := doc.Find("select[name='home.province']")
	require.Equal(t, 1, province.Length(), html)
	assert.Equal(t, "f-home", attr(province, "id"), "the error summary lands on the first part")
	assert.Equal(t, "01", attr(province.Find("option[selected]"), "value"))
	assert.Equal(t, 3, province.Find("option").Length(), "a blank choice and every province")

	commune := doc.Find("select[name='home.commune']")
	require.Equal(t, 1, commune.Length())
	assert.Equal(t, 0, commune.Find("optgroup").Length())
	opts := commune.Find("option")
	require.Equal(t, 3, opts.Length(), "only the chosen province's communes, after a blank choice")
	assert.Equal(t, "", attr(opts.Eq(0), "value"))
	assert.Equal(t, []string{"00070", "00004"}, []string{attr(opts.Eq(1), "value"), attr(opts.Eq(2), "value")})
	assert.Equal(t, 0, commune.Find("option[value='26740']").Length(), "no commune of another province")
	selected := commune.Find("option[selected]")
	require.Equal(t, 1, selected.Length())
	assert.Equal(t, "00004", attr(selected, "value"))

	show := doc.Find("button[data-testid=communes-home]")
	require.Equal(t, 1, show.Length(), "without JavaScript a button lists another province's communes")
	assert.Equal(t, "save", attr(show, "value"), "it saves the step as typed and comes back to it")
	assert.Equal(t, "action", attr(show, "name"))
	assert.True(t, show.HasClass("govuk-button--secondary"))
	assert.Equal(t, i18n.T(pageCtx("vi"), "form.address.communes.show"), strings.TrimSpace(show.Text()))

	line := doc.Find("input[name='home.line']")
	require.Equal(t, 1, line.Length())
	assert.Equal(t, "12 Hàng Bài", attr(line, "value"))

	for _, id := range []string{"f-home", attr(commune, "id"), attr(line, "id")} {
		assert.Equal(t, 1, doc.Find("label[for='"+id+"']").Length(), "label for %s", id)
	}
	assert.Equal(t, 1, doc.Find("fieldset > legend").Length())

	t.Run("NoProvinceYet", func(t *testing.T) {
		t.Parallel()
		f := field("home", "address")
		f.Provinces = provinces
		doc, html := renderDoc(t, components.Field(f))
		opts := doc.Find("select[name='home.commune'] option")
		require.Equal(t, 1, opts.Length(), html)
		assert.Equal(t, "", attr(opts, "value"))
		assert.Equal(t, i18n.T(pageCtx("vi"), "form.address.province.first"), opts.Text())
		assert.Equal(t, 0, doc.Find("select[name='home.province'] option[selected]").Length())
		assert.Equal(t, 1, doc.Find("button[data-testid=communes-home]").Length())
	})
	t.Run("UnknownProvince", func(t *testing.T) {
		t.Parallel()
		f := field("home", "address")
		f.Provinces = provinces
		f.Address = components.AddressValue{Province: "02", Commune: "00691"} // a province merged away
		doc, _ := renderDoc(t, components.Field(f))
		opts := doc.Find("select[name='home.commune'] option")
		require.Equal(t, 1, opts.Length())
		assert.Equal(t, i18n.T(pageCtx("vi"), "form.address.province.first"), opts.Text())
	})
	t.Run("English", func(t *testing.T) {
		t.Parallel()
		doc, _ := renderIn(t, pageCtx("en"), components.Field(f))
		assert.Equal(t, "Show its communes and wards", strings.TrimSpace(doc.Find("button[data-testid=communes-home]").Text()))
		assert.Equal(t, "Find a commune or ward", attr(doc.Find("fieldset[data-module=app-address]"), "data-text-filter"))
	})
}

func group(n, min, max int) components.FieldView {
	f := field("members", "group")
	f.ItemLabel = txt("Thành viên")
	f.MinItems, f.MaxItems = min, max
	for i := range n {
		f.Items = append(f.Items, []components.FieldView{field("members."+string(rune('0'+i))+".full_name", "text")})
	}
	return f
}

func TestGroupField(t *testing.T) {
	t.Parallel()
	buttons := func(doc *goquery.Document) (add []string, remove []string) {
		doc.Find("button[name=action]").Each(func(_ int, s *goquery.Selection) {
			assert.Equal(t, "submit", attr(s, "type"))
			v := attr(s, "value")
			if strings.HasPrefix(v, "add:") {
				add = append(add, v)
			} else {
				remove = append(remove, v)
			}
		})
		return add, remove
	}
	t.Run("AtMinimumCanOnlyAdd", func(t *testing.T) {
		t.Parallel()
		doc, html := renderDoc(t, components.Field(group(1, 1, 3)))
		add, remove := buttons(doc)
		assert.Equal(t, []string{"add:members"}, add, html)
		assert.Empty(t, remove)
		assert.Equal(t, 1, doc.Find("input[name='members.0.full_name']").Length())
	})
	t.Run("AtMaximumCanOnlyRemove", func(t *testing.T) {
		t.Parallel()
		doc, html := renderDoc(t, components.Field(group(2, 1, 2)))
		add, remove := buttons(doc)
		assert.Empty(t, add, html)
		assert.Equal(t, []string{"remove:members:0", "remove:members:1"}, remove)
	})
	t.Run("InBetweenBoth", func(t *testing.T) {
		t.Parallel()
		doc, html := renderDoc(t, components.Field(group(2, 0, 5)))
		add, remove := buttons(doc)
		assert.Equal(t, []string{"add:members"}, add)
		assert.Len(t, remove, 2)
		items := doc.Find("fieldset.app-group__item")
		require.Equal(t, 2, items.Length(), html)
		assert.Equal(t, "Thành viên 2", strings.TrimSpace(items.Eq(1).ChildrenFiltered("legend").Text()))
		assert.Equal(t, 1, items.Eq(1).Find("input[name='members.1.full_name'][id='f-members-1-full_name']").Length())
		assert.Equal(t, 1, items.Eq(1).Find("[data-testid='field-members.1.full_name']").Length())
		assert.Equal(t, 1, items.Eq(1).Find("button[value='remove:members:1']").Length(), "each item has its own remove button")
	})
	t.Run("EmptyGroup", func(t *testing.T) {
		t.Parallel()
		doc, _ := renderDoc(t, components.Field(group(0, 0, 5)))
		add, remove := buttons(doc)
		assert.Equal(t, []string{"add:members"}, add)
		assert.Empty(t, remove)
		assert.Equal(t, 1, doc.Find("#f-members").Length(), "the error summary can still land on the group")
	})
}

func TestFileField(t *testing.T) {
	t.Parallel()
	t.Run("Empty", func(t *testing.T) {
		t.Parallel()
		doc, html := renderDoc(t, components.Field(field("proof", "file")))
		assert.Equal(t, 1, doc.Find("#f-proof-hint").Length(), "the type and size hint is always there: %s", html)
		assert.Equal(t, 0, doc.Find("[data-testid=uploaded-proof], [data-testid=evidence-proof]").Length())
	})
	t.Run("UploadedAndEvidence", func(t *testing.T) {
		t.Parallel()
		f := field("proof", "file")
		f.File = &components.FileView{ID: "9", Name: "giay-khai-sinh.pdf", SizeBytes: 2049, DownloadURL: "/files/9"}
		f.EvidenceNote, f.Source = true, "population"
		doc, html := renderDoc(t, components.Field(f))
		up := doc.Find("[data-testid=uploaded-proof]")
		require.Equal(t, 1, up.Length(), html)
		link := up.Find("a[href='/files/9']")
		require.Equal(t, 1, link.Length())
		assert.Equal(t, "giay-khai-sinh.pdf", link.Text())
		assert.Contains(t, up.Text(), "3 KB")
		assert.Contains(t, attr(doc.Find("#f-proof"), "aria-describedby"), attr(up, "id"))
		inset := doc.Find("[data-testid=evidence-proof]")
		require.Equal(t, 1, inset.Length())
		assert.True(t, inset.HasClass("govuk-inset-text"))
		assert.Contains(t, inset.Text(), i18n.T(pageCtx("vi"), "db.population"))
	})
}

func TestErrorSummary(t *testing.T) {
	t.Parallel()
	t.Run("Empty", func(t *testing.T) {
		t.Parallel()
		_, html := renderDoc(t, components.ErrorSummary(nil))
		assert.Empty(t, strings.TrimSpace(html))
	})
	t.Run("LinksToFields", func(t *testing.T) {
		t.Parallel()
		ctx := pageCtx("vi")
		doc, html := renderDoc(t, components.ErrorSummary([]components.ErrorLink{
			{FieldID: "f-name", Message: "error.invalid", Label: txt("Họ và tên")},
			{FieldID: "f-members-0-full_name", Message: "home.welcome", Args: []any{"An"}},
		}))
		summary := doc.Find("[data-testid=error-summary]")
		require.Equal(t, 1, summary.Length(), html)
		assert.True(t, summary.HasClass("govuk-error-summary"))
		assert.Equal(t, 1, summary.Find("[role=alert]").Length())
		links := summary.Find("ul.govuk-error-summary__list a")
		require.Equal(t, 2, links.Length())
		assert.Equal(t, "#f-name", attr(links.Eq(0), "href"))
		assert.Equal(t, "#f-members-0-full_name", attr(links.Eq(1), "href"))
		assert.Equal(t, "Họ và tên: "+i18n.T(ctx, "error.invalid"), links.Eq(0).Text())
		assert.Equal(t, i18n.Tf(ctx, "home.welcome", "An"), links.Eq(1).Text())
	})
}

func TestStepProgress(t *testing.T) {
	t.Parallel()
	doc, html := renderDoc(t, components.StepProgress(2, 3, []components.Text{txt("Người khai"), txt("Trẻ em"), txt("Giấy tờ")}))
	caption := doc.Find("[data-testid=step-caption]")
	assert.Contains(t, caption.Text(), "2")
	assert.Contains(t, caption.Text(), "3")
	assert.Contains(t, caption.Text(), "Trẻ em")
	steps := doc.Find("ol > li")
	require.Equal(t, 3, steps.Length(), html)
	current := doc.Find("li[aria-current=step]")
	require.Equal(t, 1, current.Length())
	assert.Equal(t, 1, steps.IndexOfNode(current.Get(0)))
	assert.Contains(t, current.Text(), "Trẻ em")
	assert.NotEmpty(t, attr(doc.Find("ol"), "aria-label"))
}

func reportable() []components.FieldView {
	name := locked(field("full_name", "text"))
	name.Value, name.ReportURL = "Nguyễn Văn An", "/reports/data"
	noURL := locked(field("sex", "select"))
	noURL.Options, noURL.Value = options, "a"
	sub := locked(field("members.0.relation", "select"))
	sub.Options, sub.Value, sub.ReportURL = options, "b", "/reports/data"
	members := field("members", "group")
	members.Items = [][]components.FieldView{{sub}}
	return []components.FieldView{name, noURL, members}
}

func TestReport(t *testing.T) {
	t.Parallel()
	fields := reportable()
	var step strings.Builder
	ctx := pageCtx("vi")
	for _, f := range fields {
		require.NoError(t, components.Field(f).Render(ctx, &step))
	}
	stepDoc, stepHTML := renderDoc(t, templ.Raw(step.String()))
	formsDoc, formsHTML := renderDoc(t, components.ReportForms(fields))

	assert.Equal(t, 0, stepDoc.Find("form").Length(), "the step's fields hold no form, forms cannot nest")
	details := stepDoc.Find("details.govuk-details")
	require.Equal(t, 2, details.Length(), stepHTML)
	assert.Equal(t, 0, stepDoc.Find("[data-testid=report-details-sex]").Length(), "no report address, no report box")

	forms := formsDoc.Find("form")
	require.Equal(t, 2, forms.Length(), formsHTML)
	for _, name := range []string{"full_name", "members.0.relation"} {
		button := stepDoc.Find("button[data-testid='report-" + name + "']")
		require.Equal(t, 1, button.Length(), name)
		formID := attr(button, "form")
		require.NotEmpty(t, formID)
		assert.Equal(t, "submit", attr(button, "type"))
		comment := button.Closest("details").Find("textarea[name=comment]")
		require.Equal(t, 1, comment.Length())
		assert.Equal(t, formID, attr(comment, "form"), "the comment goes with the report, not the step")
		_, required := comment.Attr("required")
		assert.True(t, required)
		assert.Equal(t, 1, stepDoc.Find("label[for='"+attr(comment, "id")+"']").Length())

		form := formsDoc.Find("form#" + formID)
		require.Equal(t, 1, form.Length(), "%s names form %s", name, formID)
		assert.Equal(t, "post", attr(form, "method"))
		assert.Equal(t, "/reports/data", attr(form, "action"))
		assert.Equal(t, name, attr(form.Find("input[type=hidden][name=field]"), "value"))
		assert.Equal(t, csrfToken, attr(form.Find("input[type=hidden][name=_csrf]"), "value"))
	}
}

// TestStepMarkupIsConsistent renders every type together, editable and locked, and checks the
// references a screen reader and the error summary rely on: ids are unique, and every
// label[for], aria-describedby and form attribute names an element that exists.
func TestStepMarkupIsConsistent(t *testing.T) {
	t.Parallel()
	var fields []components.FieldView
	for _, typ := range []string{"text", "personal_id", "number", "money", "textarea", "date", "select", "radio", "yesno", "checkbox", "parcel", "address", "file"} {
		for _, lock := range []bool{false, true} {
			f := field(typ, typ)
			if lock {
				f = locked(field(typ+"_locked", typ))
				f.ReportURL = "/reports/data"
			}
			f.Options, f.Provinces, f.Hint = options, provinces, txt("Gợi ý")
			f.Error = "error.invalid"
			fields = append(fields, f)
		}
	}
	g := group(2, 1, 3)
	g.Items[1][0] = locked(g.Items[1][0])
	g.Items[1][0].ReportURL = "/reports/data"
	fields = append(fields, g)

	var b strings.Builder
	ctx := pageCtx("vi")
	b.WriteString("<form>")
	for _, f := range fields {
		require.NoError(t, components.Field(f).Render(ctx, &b))
	}
	b.WriteString("</form>")
	require.NoError(t, components.ReportForms(fields).Render(ctx, &b))
	doc, html := renderDoc(t, templ.Raw(b.String()))

	seen := map[string]bool{}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		id := attr(s, "id")
		assert.False(t, seen[id], "duplicate id %s", id)
		seen[id] = true
	})
	refs := 0
	check := func(sel, name string, many bool) {
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			ids := []string{attr(s, name)}
			if many {
				ids = strings.Fields(ids[0])
			}
			for _, id := range ids {
				refs++
				assert.True(t, seen[id], "%s=%q names no element", name, id)
			}
		})
	}
	check("label[for]", "for", false)
	check("[aria-describedby]", "aria-describedby", true)
	check("[form]", "form", false)
	assert.Greater(t, refs, 50, html)
	assert.Equal(t, 13, doc.Find("body > form[id^=report-]").Length(), "one report form per locked field but the file, plus the group item's")
	assert.Equal(t, 13, doc.Find("body > form:not([id]) details").Length())
}
