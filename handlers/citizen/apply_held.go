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

// MsgHeldGone: at submission, a held document the draft names is no longer the citizen's to use.
const MsgHeldGone = "reuse.error.gone"

// heldGone re-checks, at submission, every held document the draft's asked file fields name:
// still in the citizen's store (theirs, not withdrawn, its retention not over) and of the
// field's type. It returns the first that is not, as the link to its field's step.
func (h *Handler) heldGone(ctx context.Context, personalID string, d drafts.Draft) (string, error) {
	for _, st := range d.Schema.Steps {
		for _, f := range st.Fields {
			held, ok := drafts.ParseHeld(d.Answers.String(f.Name))
			if f.Type != forms.TypeFile || !ok || !forms.Visible(f, d.Answers) {
				continue
			}
			gone := h.Documents == nil || personalID == ""
			if !gone {
				doc, err := h.Documents.Get(ctx, personalID, held.ID)
				switch {
				case errors.Is(err, documents.ErrNotFound) || fault.Code(err) == fault.ENOTFOUND:
					gone = true
				case err != nil:
					return "", err
				default:
					gone = string(doc.Type) != f.Document || doc.WithdrawnAt != nil
				}
			}
			if gone {
				_, n, _ := d.Schema.Field(f.Name)
				return "/drafts/" + d.ID.String() + "/steps/" + strconv.Itoa(n) + "#" + fieldID(f.Name), nil
			}
		}
	}
	return "", nil
}

// heldAnswers names each held document the answers use — its title, number, issuer and date,
// and whether it is verified — as the holder's store has it, for the check page and the case
// page. One the store no longer lists (a kept upload withdrawn since, its retention over) keeps
// the generic words.
func (h *Handler) heldAnswers(ctx context.Context, personalID string, answers forms.Answers) (map[string]pages.Value, error) {
	out := map[string]pages.Value{}
	for name, v := range answers {
		s, ok := v.(string)
		if !ok {
			continue
		}
		held, ok := drafts.ParseHeld(s)
		if !ok {
			continue
		}
		out[name] = heldAnswer(held)
		if h.Documents == nil || personalID == "" {
			continue
		}
		doc, err := h.Documents.Get(ctx, personalID, held.ID)
		switch {
		case errors.Is(err, documents.ErrNotFound) || fault.Code(err) == fault.ENOTFOUND:
			continue
		case err != nil:
			return nil, err
		}
		out[name] = heldDescription(doc)
	}
	return out, nil
}

// heldDescription is "Giấy khai sinh số …, do … cấp ngày … — đã xác thực, từ Giấy tờ của tôi".
func heldDescription(d documents.Document) pages.Value {
	vi, en := d.Title, d.TypeNameEN
	if en == "" || d.Provenance == documents.ProvenanceUploaded {
		en = d.Title // a kept upload's title is the citizen's own words
	}
	if d.Number != "" {
		vi += " số " + d.Number
		en += " No. " + d.Number
	}
	if d.IssuerName != "" {
		vi += ", do " + d.IssuerName + " cấp"
		en += ", issued by " + d.IssuerName
	}
	if !d.IssuedOn.IsZero() {
		vi += " ngày " + d.IssuedOn.Format("02/01/2006")
		en += " on " + d.IssuedOn.Format("02/01/2006")
	}
	if d.Provenance.Verified() {
		vi += " — đã xác thực, từ Giấy tờ của tôi"
		en += " — verified, from My documents"
	} else {
		vi += " — tự cung cấp, từ Giấy tờ của tôi"
		en += " — self-provided, from My documents"
	}
	return pages.Value{Text: vi, EN: en, Kind: pages.KindTwo}
}

// heldAnswer shows a file answer that is a held document the store no longer lists.
func heldAnswer(h drafts.Held) pages.Value {
	if h.Verified {
		return pages.Value{Text: "Giấy tờ đã có trong kho — đã xác thực", EN: "A document you hold — verified", Kind: pages.KindTwo}
	}
	return pages.Value{Text: "Giấy tờ đã có trong kho — tự cung cấp", EN: "A document you hold — self-provided", Kind: pages.KindTwo}
}
