package staff

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// diffContext is how many unchanged lines the preview shows around each change.
const diffContext = 3

// ShowSchema shows a procedure's current form schema for editing.
func (h *Handler) ShowSchema(c echo.Context) error {
	return h.renderSchema(c, pages.SchemaAdminPage{}, http.StatusOK)
}

// renderSchema fills p with the procedure and its published version (p.Schema, when empty, is
// that version's text) and renders the editor.
func (h *Handler) renderSchema(c echo.Context, p pages.SchemaAdminPage, status int) error {
	ctx := c.Request().Context()
	pr, err := h.Admin.Schemas.Get(ctx, c.Param("code"))
	if err != nil {
		return err
	}
	p.Code, p.Name, p.Version = pr.Code, components.Text{VI: pr.NameVI, EN: pr.NameEN}, pr.CurrentVersion
	if p.Schema == "" {
		v, err := h.Admin.Schemas.Version(ctx, pr.Code, pr.CurrentVersion)
		if err != nil {
			return err
		}
		p.Schema = forms.Indent(v.Schema)
	}
	return c.Render(status, "", pages.SchemaAdmin(p))
}

// PublishSchema previews a new version (action "preview", the default): what is wrong with it,
// or its diff against the published version with a button to publish it; and publishes it
// (action "publish", the preview's button) unless another version was published since the
// preview. Drafts on older versions keep theirs.
func (h *Handler) PublishSchema(c echo.Context) error {
	ctx := c.Request().Context()
	text := strings.TrimSpace(c.FormValue("schema"))
	base, _ := strconv.Atoi(c.FormValue("base"))
	page := pages.SchemaAdminPage{Schema: text}
	schema, err := forms.Parse([]byte(text))
	if err == nil {
		err = h.Admin.Schemas.Validate(schema)
	}
	if err != nil {
		page.Error, page.ErrorArgs, page.ErrorDetail = schemaProblem(text, err)
		return h.renderSchema(c, page, http.StatusUnprocessableEntity)
	}
	pr, err := h.Admin.Schemas.Get(ctx, c.Param("code"))
	if err != nil {
		return err
	}
	current, err := h.Admin.Schemas.Version(ctx, pr.Code, pr.CurrentVersion)
	if err != nil {
		return err
	}
	page.Schema = forms.Indent(schema)
	page.Preview = true
	page.Diff = diffLines(forms.Diff(current.Schema, schema, diffContext))
	if c.FormValue("action") != "publish" {
		return h.renderSchema(c, page, http.StatusOK)
	}
	if base != pr.CurrentVersion {
		page.Error, page.ErrorArgs = "admin.schema.error.stale", []any{pr.CurrentVersion}
		return h.renderSchema(c, page, http.StatusConflict)
	}
	if len(page.Diff) == 0 {
		return h.renderSchema(c, page, http.StatusOK) // nothing to publish: the preview says so
	}
	_, err = h.Admin.Schemas.Publish(ctx, pr.Code, schema, h.Admin.Now())
	if fault.Code(err) == fault.EINVALID {
		page.Error = "admin.schema.error.rule"
		return h.renderSchema(c, page, http.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/staff/admin/procedures/"+pr.Code, i18n.MsgDoneSchemaPublished))
}

// schemaProblem turns what forms.Parse or Validate refused into the message an administrator
// can act on: where a JSON syntax error is, line and column; otherwise the rule broken, in the
// validator's words as a technical detail.
func schemaProblem(text string, err error) (key string, args []any, detail string) {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		line, col := position(text, se.Offset)
		return "admin.schema.error.syntax", []any{line, col}, ""
	}
	if _, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return "admin.schema.error.json", nil, ""
	}
	msg := err.Error()
	for _, prefix := range []string{"forms: schema: ", "forms: ", "catalogue: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return "admin.schema.error.rule", nil, msg
}

// position is the 1-based line and column of a byte offset in text.
func position(text string, offset int64) (line, col int) {
	b := []byte(text)
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	before := b[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func diffLines(d []forms.DiffLine) []pages.DiffLine {
	out := make([]pages.DiffLine, len(d))
	for i, l := range d {
		out[i] = pages.DiffLine{Change: string(l.Change), Text: l.Text, Line: l.Line}
	}
	return out
}
