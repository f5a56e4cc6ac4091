package citizen

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/receipt"
	"github.com/motlan/portal/views/i18n"
	"github.com/motlan/portal/views/pages"
	"github.com/motlan/portal/views/viewctx"
)

// SharePath is where a share link opens: the public page of handlers/public.
const SharePath = "/chia-se/"

// ShowHeldDocument is one document of the citizen's store with its share links and the form
// that makes one.
func (h *Handler) ShowHeldDocument(c echo.Context) error {
	return h.renderHeldDocument(c, nil, "", "", http.StatusOK)
}

// renderHeldDocument shows the document of the path; created is the link just made, shown once.
func (h *Handler) renderHeldDocument(c echo.Context, created *pages.CreatedShare, label, errKey string, status int) error {
	s, _ := h.Sessions.Current(c)
	ctx := c.Request().Context()
	id, err := heldID(c, "id")
	if err != nil {
		return err
	}
	d, err := h.Documents.Get(ctx, s.PersonalID, id)
	if err != nil {
		return err
	}
	shares, err := h.Documents.Shares(ctx, s.PersonalID, id)
	if err != nil {
		return err
	}
	page := pages.HeldDocumentPage{Doc: heldDocument(d), Days: documents.ShareDays, Created: created, Label: label, Error: errKey}
	now := h.now()
	for _, sh := range shares {
		page.Shares = append(page.Shares, pages.HeldShare{ID: sh.ID, Label: sh.Label, CreatedAt: sh.CreatedAt,
			ExpiresAt: sh.ExpiresAt, RevokedAt: sh.RevokedAt, Active: sh.Active(now)})
	}
	return c.Render(status, "", pages.HeldDocumentView(page))
}

// now is the handler's clock for what a page shows as expired.
func (h *Handler) now() time.Time {
	if h.Clock != nil {
		return h.Clock()
	}
	return time.Now()
}

// CreateHeldShare makes a time-limited link to the document and shows it once, with its QR
// code: the token is not kept, so the page answers the post instead of redirecting.
func (h *Handler) CreateHeldShare(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	id, err := heldID(c, "id")
	if err != nil {
		return err
	}
	label := strings.TrimSpace(c.FormValue("label"))
	days, _ := strconv.Atoi(c.FormValue("days"))
	sh, token, err := h.Documents.CreateShare(c.Request().Context(), s.PersonalID, id, label, days)
	if fault.Code(err) == fault.EINVALID {
		return h.renderHeldDocument(c, nil, label, "held.share.error.label", http.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	u := strings.TrimRight(h.BaseURL, "/") + SharePath + token
	png, err := receipt.QRPNG(u, 400)
	if err != nil {
		return err
	}
	created := &pages.CreatedShare{URL: u, QR: "data:image/png;base64," + base64.StdEncoding.EncodeToString(png),
		Label: sh.Label, ExpiresAt: sh.ExpiresAt}
	return h.renderHeldDocument(c, created, "", "", http.StatusOK)
}

// RevokeHeldShare stops a link of one of the citizen's documents ("Thu hồi").
func (h *Handler) RevokeHeldShare(c echo.Context) error {
	s, _ := h.Sessions.Current(c)
	shareID, err := heldID(c, "share")
	if err != nil {
		return err
	}
	sh, err := h.Documents.Revoke(c.Request().Context(), s.PersonalID, shareID) // the holder's own only
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, viewctx.DoneURL("/my-documents/"+strconv.FormatInt(sh.DocumentID, 10), i18n.MsgDoneHeldRevoked))
}
