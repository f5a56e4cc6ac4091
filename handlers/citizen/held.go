package citizen

import (
	"context"
	"mime"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/attachments"
	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/personalid"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// Holdings is the citizen's document store, "Giấy tờ của tôi" (services/documents).
type Holdings interface {
	Types() []documents.TypeInfo
	Known(t documents.Type) bool
	List(ctx context.Context, personalID string) ([]documents.Document, error)
	ListByType(ctx context.Context, personalID string, t documents.Type) ([]documents.Document, error)
	Get(ctx context.Context, personalID string, id int64) (documents.Document, error)
	Download(ctx context.Context, personalID string, id int64, who documents.Reader) (documents.Document, string, string, []byte, error)
	Keepable(ctx context.Context, citizenID int64, personalID string) ([]attachments.Attachment, error)
	KeepUpload(ctx context.Context, k documents.Keep) (documents.Document, error)
	Withdraw(ctx context.Context, personalID string, id int64) (documents.Document, error)
	CreateShare(ctx context.Context, personalID string, documentID int64, label string, days int) (documents.Share, string, error)
	Shares(ctx context.Context, personalID string, documentID int64) ([]documents.Share, error)
	Revoke(ctx context.Context, personalID string, shareID int64) (documents.Share, error)
}

var _ Holdings = (*documents.Service)(nil)

// ShowHeldDocuments is "Giấy tờ của tôi": the documents that concern the signed-in citizen, of
// one type with ?type=, and their case files they may keep.
func (h *Handler) ShowHeldDocuments(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	page := pages.HeldDocumentsPage{HasPersonalID: personalid.Valid(s.PersonalID)}
	if !page.HasPersonalID {
		return c.Render(http.StatusOK, "", pages.HeldDocuments(page))
	}
	filter := documents.Type(c.QueryParam("type"))
	if filter != "" && !h.Documents.Known(filter) {
		filter = ""
	}
	var list []documents.Document
	var err error
	if filter != "" {
		list, err = h.Documents.ListByType(ctx, s.PersonalID, filter)
	} else {
		list, err = h.Documents.List(ctx, s.PersonalID)
	}
	if err != nil {
		return err
	}
	files, err := h.Documents.Keepable(ctx, s.CitizenID, s.PersonalID)
	if err != nil {
		return err
	}
	page.Filter = string(filter)
	for _, t := range h.Documents.Types() {
		page.Types = append(page.Types, pages.HeldTypeOption{Code: string(t.Code), Name: components.Text{VI: t.VI, EN: t.EN},
			Selected: t.Code == filter})
	}
	for _, d := range list {
		page.Documents = append(page.Documents, heldDocument(d))
	}
	for _, f := range files {
		page.Files = append(page.Files, pages.KeepableFile{ID: f.ID.String(), FileName: f.FileName, UploadedAt: f.CreatedAt})
	}
	for _, r := range documents.Retentions {
		page.Retentions = append(page.Retentions, string(r))
	}
	return c.Render(http.StatusOK, "", pages.HeldDocuments(page))
}

// heldDocument is a document as the pages show it.
func heldDocument(d documents.Document) pages.HeldDocument {
	return pages.HeldDocument{ID: d.ID, Type: string(d.Type), TypeName: components.Text{VI: d.TypeName, EN: d.TypeNameEN},
		Title: d.Title, IssuerName: d.IssuerName, Number: d.Number, CaseCode: d.CaseCode, IssuedOn: d.IssuedOn,
		ValidUntil: d.ValidUntil, Verified: d.Provenance.Verified(), Provenance: string(d.Provenance), Role: d.Role,
		ConsentedAt: d.ConsentedAt, RetainUntil: d.RetainUntil}
}

// heldID is the document id of the path; anything else is not found.
func heldID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound
	}
	return id, nil
}

// DownloadHeldDocument sends one of the citizen's documents, written to their data-access log.
func (h *Handler) DownloadHeldDocument(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := heldID(c, "id")
	if err != nil {
		return err
	}
	who := documents.Reader{Kind: audit.ActorCitizen, ID: "citizen:" + strconv.FormatInt(s.CitizenID, 10), Name: s.Name,
		Role: audit.ActorCitizen}
	_, name, ct, body, err := h.Documents.Download(c.Request().Context(), s.PersonalID, id, who)
	if err != nil {
		return err
	}
	return sendDocument(c, name, ct, body)
}

// sendDocument writes a document as a download that no cache keeps.
func sendDocument(c echo.Context, name, contentType string, body []byte) error {
	hd := c.Response().Header()
	hd.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentType, body)
}

// KeepHeldUpload keeps one of the citizen's case files in their store, with the type, the
// retention and the consent the form gave.
func (h *Handler) KeepHeldUpload(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	att, err := uuid.Parse(c.FormValue("attachment"))
	if err != nil {
		return notFound
	}
	if c.FormValue("consent") != "yes" { // no consent, nothing kept
		return c.Redirect(http.StatusSeeOther, "/my-documents")
	}
	_, err = h.Documents.KeepUpload(c.Request().Context(), documents.Keep{CitizenID: s.CitizenID, PersonalID: s.PersonalID,
		AttachmentID: att, Type: documents.Type(c.FormValue("type")), Retention: documents.Retention(c.FormValue("retention"))})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/my-documents", i18n.MsgDoneHeldKept))
}

// ShowWithdrawHeld asks "Bạn có chắc chắn?" before a kept upload leaves the store.
func (h *Handler) ShowWithdrawHeld(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := heldID(c, "id")
	if err != nil {
		return err
	}
	d, err := h.Documents.Get(c.Request().Context(), s.PersonalID, id)
	if err != nil {
		return err
	}
	if d.Provenance != documents.ProvenanceUploaded {
		return c.Redirect(http.StatusSeeOther, "/my-documents")
	}
	return c.Render(http.StatusOK, "", pages.ConfirmHeldWithdraw(heldDocument(d)))
}

// WithdrawHeld removes a kept upload from the store ("Xóa khỏi kho"); a post that did not come
// from the confirm page is sent there first.
func (h *Handler) WithdrawHeld(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := heldID(c, "id")
	if err != nil {
		return err
	}
	if !confirmed(c) {
		return c.Redirect(http.StatusSeeOther, "/my-documents/"+strconv.FormatInt(id, 10)+"/withdraw")
	}
	if _, err := h.Documents.Withdraw(c.Request().Context(), s.PersonalID, id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/my-documents", i18n.MsgDoneHeldWithdrawn))
}
