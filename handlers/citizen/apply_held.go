package citizen

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/drafts"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// offerHeld gives the step's file fields bound to a document type ("document" in the schema) the
// documents of that type the signed-in citizen holds, and the one the draft uses.
func (h *Handler) offerHeld(c echo.Context, d drafts.Draft, fields []components.FieldView) error {
	s, _ := h.Sessions.Current(c)
	if h.Documents == nil || s.PersonalID == "" {
		return nil
	}
	used := d.HeldIn()
	for i := range fields {
		f, _, ok := d.Schema.Field(fields[i].Name)
		if !ok || f.Type != forms.TypeFile || f.Document == "" {
			continue
		}
		list, err := h.Documents.ListByType(c.Request().Context(), s.PersonalID, documents.Type(f.Document))
		if err != nil {
			return err
		}
		for _, doc := range list {
			fields[i].Held = append(fields[i].Held, components.HeldOption{ID: strconv.FormatInt(doc.ID, 10), Title: doc.Title,
				Number: doc.Number, Issuer: doc.IssuerName, IssuedOn: doc.IssuedOn, Verified: doc.Provenance.Verified()})
		}
		if u, ok := used[f.Name]; ok {
			fields[i].HeldChosen = strconv.FormatInt(u.ID, 10)
		}
	}
	return nil
}

// heldChoices reads the step's choices between a held document and an upload. A chosen document
// must be the citizen's own, current and of the field's type; otherwise the field gets an error.
func (h *Handler) heldChoices(ctx context.Context, personalID string, step forms.Step, post url.Values) (map[string]drafts.Held, []forms.FieldError, error) {
	out := map[string]drafts.Held{}
	var errs []forms.FieldError
	for _, f := range step.Fields {
		if f.Type != forms.TypeFile || f.Document == "" {
			continue
		}
		v := post.Get(f.Name + components.HeldSuffix)
		switch v {
		case "":
			continue
		case components.HeldUpload:
			out[f.Name] = drafts.Held{}
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || h.Documents == nil || personalID == "" {
			errs = append(errs, forms.FieldError{Field: f.Name, Message: "reuse.error.notheld"})
			continue
		}
		doc, err := h.Documents.Get(ctx, personalID, id)
		switch {
		case errors.Is(err, documents.ErrNotFound) || fault.Code(err) == fault.ENOTFOUND:
			errs = append(errs, forms.FieldError{Field: f.Name, Message: "reuse.error.notheld"})
			continue
		case err != nil:
			return nil, nil, err
		}
		if string(doc.Type) != f.Document || doc.WithdrawnAt != nil {
			errs = append(errs, forms.FieldError{Field: f.Name, Message: "reuse.error.notheld"})
			continue
		}
		out[f.Name] = drafts.Held{ID: doc.ID, Verified: doc.Provenance.Verified()}
	}
	return out, errs, nil
}

// heldAnswer shows a file answer that is a held document on the check page and the case page.
func heldAnswer(h drafts.Held) pages.Value {
	if h.Verified {
		return pages.Value{Text: "Giấy tờ đã có trong kho — đã xác thực", EN: "A document you hold — verified", Kind: pages.KindTwo}
	}
	return pages.Value{Text: "Giấy tờ đã có trong kho — tự cung cấp", EN: "A document you hold — self-provided", Kind: pages.KindTwo}
}
