package public

import (
	"context"
	"errors"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/documents"
	"github.com/motlan/portal/views/components"
	"github.com/motlan/portal/views/pages"
)

// Shares opens a citizen's document through a share link (services/documents): every opening
// and download is written to the holder's data-access log there.
type Shares interface {
	OpenShare(ctx context.Context, token string) (documents.Shared, error)
	ShareContent(ctx context.Context, token string) (documents.Shared, string, string, []byte, error)
}

var _ Shares = (*documents.Service)(nil)

// maxToken is the longest token a share path may carry; a longer one is no token.
const maxToken = 64

// privateHeaders keep a shared document out of caches and keep its address out of the Referer
// of anything the page links to.
func privateHeaders(c echo.Context) {
	h := c.Response().Header()
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store, private")
	h.Set("X-Robots-Tag", "noindex, nofollow")
}

// shareError answers for a link that does not open: 410 with a clear page for one that expired
// or was revoked, the not-found page for any other token.
func shareError(c echo.Context, err error) error {
	if errors.Is(err, documents.ErrShareGone) {
		return c.Render(http.StatusGone, "", pages.Error("shared.gone.title", "shared.gone.body"))
	}
	return err
}

// ShowShared is the public page of a share link (/chia-se/:token): the document's summary and
// its download, without signing in.
func (h *Handler) ShowShared(c echo.Context) error {
	privateHeaders(c)
	token := c.Param("token")
	if len(token) > maxToken {
		return echo.ErrNotFound
	}
	sd, err := h.Shares.OpenShare(c.Request().Context(), token)
	if err != nil {
		return shareError(c, err)
	}
	d := sd.Document
	return c.Render(http.StatusOK, "", pages.SharedDocument(pages.SharedDocumentPage{
		Doc: pages.HeldDocument{ID: d.ID, Type: string(d.Type), TypeName: components.Text{VI: d.TypeName, EN: d.TypeNameEN},
			Title: d.Title, IssuerName: d.IssuerName, Number: d.Number, IssuedOn: d.IssuedOn, ValidUntil: d.ValidUntil,
			Verified: d.Provenance.Verified(), Provenance: string(d.Provenance)},
		Download: c.Request().URL.Path + "/tai-ve", Label: sd.Share.Label, ExpiresAt: sd.Share.ExpiresAt,
	}))
}

// DownloadShared sends the document of a share link.
func (h *Handler) DownloadShared(c echo.Context) error {
	privateHeaders(c)
	token := c.Param("token")
	if len(token) > maxToken {
		return echo.ErrNotFound
	}
	_, name, ct, body, err := h.Shares.ShareContent(c.Request().Context(), token)
	if err != nil {
		return shareError(c, err)
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, ct, body)
}
