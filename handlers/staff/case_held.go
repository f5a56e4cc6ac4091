package staff

import (
	"context"
	"mime"
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/forms"
	"github.com/motlan/portal/views/pages"
)

// HeldDocuments reads the documents of a citizen's store that a case uses instead of uploads
// (services/documents): Download writes the read to the holder's data-access log.
type HeldDocuments interface {
	Get(ctx context.Context, personalID string, id int64) (documents.Document, error)
	Download(ctx context.Context, personalID string, id int64, who documents.Reader) (documents.Document, string, string, []byte, error)
}

// heldFiles lists, for the case page, the held documents the case's file answers name, each with
// where it came from: "Đã xác thực — do <cơ quan> cấp" or "Tự cung cấp".
func (h *Handler) heldFiles(ctx context.Context, k cases.Case, schema forms.Schema) ([]pages.FileItem, error) {
	var names []string
	for name := range k.Data {
		if _, _, ok := k.HeldDocument(name); ok {
			names = append(names, name)
		}
	}
	if len(names) == 0 || h.Casework.Held == nil {
		return nil, nil
	}
	sort.Strings(names)
	var out []pages.FileItem
	for _, name := range names {
		id, _, _ := k.HeldDocument(name)
		label := forms.Text{VI: name, EN: name}
		if f, _, ok := schema.Field(name); ok {
			label = f.Label
		}
		d, err := h.Casework.Held.Get(ctx, k.ApplicantPID, id)
		if fault.Code(err) == fault.ENOTFOUND {
			out = append(out, pages.FileItem{Label: citizen.Text(label), Name: "Giấy tờ không còn trong kho của người nộp"})
			continue
		}
		if err != nil {
			return nil, err
		}
		origin := "Tự cung cấp (tệp công dân đã lưu)"
		if d.Provenance.Verified() {
			origin = "Đã xác thực — do " + d.IssuerName + " cấp"
		}
		out = append(out, pages.FileItem{Label: citizen.Text(label), Name: d.Title + " — số " + d.Number + " — " + origin,
			DownloadURL: "/staff/cases/" + k.Code + "/held/" + name})
	}
	return out, nil
}

// DownloadHeld opens, for an officer of the case's agency, a held document the case uses; the
// read is written to the holder's data-access log as the officer's.
func (h *Handler) DownloadHeld(c echo.Context) error {
	m, _ := Member(c)
	ctx := c.Request().Context()
	f, err := h.Casework.Files.ForOfficer(ctx, actor(m), c.Param("code")) // authorizes: the agency's staff
	if err != nil {
		return err
	}
	id, _, ok := f.Case.HeldDocument(c.Param("field"))
	if !ok || h.Casework.Held == nil {
		return fault.New(fault.ENOTFOUND, "error.notfound.body", "staff.held")
	}
	a := actor(m)
	_, name, ct, body, err := h.Casework.Held.Download(ctx, f.Case.ApplicantPID, id,
		documents.Reader{Kind: audit.ActorStaff, ID: a.ID, Name: a.Name, Role: a.Role})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, ct, body)
}
