package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/handlers/citizen"
	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/services/ratelimit"
)

// limitShare: the public page of a share link and its download, per client address (a page
// and its download are two), so that tokens cannot be guessed at speed.
var limitShare = ratelimit.Rule{Name: "share", Limit: 20, Window: time.Minute}

// heldRoutes are "Giấy tờ của tôi" (the citizen's, signed in; every post under the CSRF check)
// and the public page of a share link (no sign-in, rate-limited like /tra-cuu).
func (a *App) heldRoutes(e *echo.Echo, pub *public.Handler, cit *citizen.Handler) {
	e.GET("/my-documents", cit.ShowHeldDocuments, a.requireCitizen)
	e.POST("/my-documents/keep", cit.KeepHeldUpload, a.requireCitizen)
	e.GET("/my-documents/:id", cit.ShowHeldDocument, a.requireCitizen)
	e.GET("/my-documents/:id/download", cit.DownloadHeldDocument, a.requireCitizen)
	e.GET("/my-documents/:id/withdraw", cit.ShowWithdrawHeld, a.requireCitizen) // "Bạn có chắc chắn?"
	e.POST("/my-documents/:id/withdraw", cit.WithdrawHeld, a.requireCitizen)
	e.POST("/my-documents/:id/shares", cit.CreateHeldShare, a.requireCitizen)
	e.POST("/my-documents/:id/shares/:share/revoke", cit.RevokeHeldShare, a.requireCitizen)
	shareLimit := a.limit(limitShare, byAddress)
	e.GET(citizen.SharePath+":token", pub.ShowShared, shareLimit)
	e.GET(citizen.SharePath+":token/tai-ve", pub.DownloadShared, shareLimit)
}
