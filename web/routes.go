package web

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/motlan/portal/handlers/citizen"
	helpdeskh "github.com/motlan/portal/handlers/helpdesk"
	"github.com/motlan/portal/handlers/public"
	staffh "github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/forms"
	staffdir "github.com/motlan/portal/services/staff"
	"github.com/motlan/portal/static"
)

// communesPath serves a province's communes to the address field's script; like the static
// files it is public and cacheable, so it runs without a session (no cookie, no database).
const communesPath = "/dia-ban/tinh/:code/xa"

// routes is the portal's routing table: every route and who may use it.
func (a *App) routes(hd *helpdeskh.Handler, st *staffh.Handler, pub *public.Handler, cit *citizen.Handler) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = a.errorHandler
	e.Renderer = renderer{sessions: a.sessions}
	e.IPExtractor = clientIP(a.cfg.TrustedProxies) // TRUSTED_PROXIES (limits.go)

	// The routes that carry files, and their largest post: a step's files, a supplement, a
	// result to verify, each with the form's answers; any other body is 1 MB at most (input.go).
	uploads := bodyLimits{
		http.MethodPost + " /drafts/:id/steps/:step": forms.MaxFilesPerStep*a.cfg.UploadMaxBytes + defaultBodyLimit,
		http.MethodPost + " /cases/:code/actions":    a.cfg.UploadMaxBytes + defaultBodyLimit,
		http.MethodPost + " /verify":                 public.MaxVerifyUpload + defaultBodyLimit,
	}
	isStatic := func(c echo.Context) bool {
		return strings.HasPrefix(c.Request().URL.Path, "/static/") || c.Request().URL.Path == faviconPath
	}
	sessionMW := a.sessions.middleware()
	e.Use(
		canonicalHost(a.cfg.BaseURL, a.cfg.TrustedProxies), // first: a page on another host is redirected before any cookie
		securityHeaders(a.cfg),
		requestID,
		requestLogger(a.log),
		a.metrics.middleware,
		language, // before the session: a session store's failure is shown in the visitor's language
		func(next echo.HandlerFunc) echo.HandlerFunc {
			withSession := sessionMW(func(c echo.Context) error { c.Set(sessionLoaded, true); return next(c) })
			return func(c echo.Context) error {
				if isStatic(c) || c.Path() == "/healthz" || c.Path() == "/readyz" || c.Path() == "/metrics" || c.Path() == communesPath ||
					c.Path() == paymentIPNPath || strings.HasPrefix(c.Path(), "/debug/") || isStaffPath(c) {
					return next(c)
				}
				return withSession(c)
			}
		},
		renderErrors,
		middleware.Recover(),
		readBody(uploads, make(chan struct{}, max(a.cfg.UploadConcurrency, 1))), // bodies within limits, before the CSRF check reads the form (input.go)
		csrf(a.cfg),
		cleanInput,
		renderer{sessions: a.sessions}.pooledRender, // pages render into pooled buffers (render.go)
	)

	// Probes and assets.
	getOrHead := []string{http.MethodGet, http.MethodHead}
	e.Match(getOrHead, "/healthz", pub.Healthz)
	e.Match(getOrHead, "/readyz", pub.Readyz)
	if a.cfg.OperatorAddr == "" { // else on the operator listener only (operator.go)
		e.GET("/metrics", a.metrics.handler(a.cfg.MetricsToken))
		e.GET("/debug/pprof/*", operatorOnly(a.cfg.MetricsToken, profiles()))
	}
	e.GET("/static/*", echo.WrapHandler(http.StripPrefix("/static/", staticFiles(static.FS))))
	e.Match(getOrHead, faviconPath, echo.WrapHandler(favicon(static.FS))) // what every browser asks for by itself

	// Public pages.
	e.Match(getOrHead, "/", cit.ShowHome) // signed in: "Việc cần làm" (handlers/citizen/home.go)
	e.POST("/lang", pub.SetLanguage)
	verifyLimit := a.limit(limitVerify, byAddress) // the limits every replica shares: limits.go
	e.GET("/verify", pub.ShowVerify, verifyLimit)
	e.GET("/verify/ca.crt", pub.VerifyRootCA, verifyLimit) // the root the PDFs' signatures chain to
	trackLimit := a.limit(limitTrack, byAddress)
	e.GET("/tra-cuu", pub.ShowTrack)
	e.POST("/tra-cuu", pub.Track, trackLimit)
	e.POST("/verify", pub.VerifyUpload, verifyLimit)
	e.Match(getOrHead, communesPath, pub.ListCommunes)

	// Citizen sign-in and pages.
	e.GET("/auth/login", cit.StartSignIn, a.limit(limitSignIn, byAddress))
	e.GET("/auth/callback", cit.FinishSignIn)
	e.POST("/auth/logout", cit.SignOut)
	e.GET("/account", cit.ShowAccount, a.requireCitizen)
	e.GET("/account/contact", cit.ShowContact, a.requireCitizen) // e-mail and phone (handlers/citizen/contact.go)
	e.POST("/account/contact", cit.ChangeContact, a.requireCitizen, a.limit(limitContactCode, a.byCitizen))
	e.GET("/account/contact/confirm", cit.ShowContactConfirm, a.requireCitizen)
	e.POST("/account/contact/confirm", cit.ConfirmContact, a.requireCitizen, a.limit(limitContactConfirm, a.byCitizen))
	e.GET("/my-data", cit.ShowMyData, a.requireCitizen)
	e.GET("/my-data/log", cit.ShowMyDataLog, a.requireCitizen)
	a.heldRoutes(e, pub, cit) // "Giấy tờ của tôi" and share links: routes_held.go

	// Catalogue (public) and applications (citizen).
	e.GET("/procedures", cit.ListProcedures)
	e.GET("/procedures/:code", cit.ShowProcedure)
	e.GET("/procedures/:code/start", cit.ShowStart, a.requireCitizen)
	e.POST("/procedures/:code/start", cit.StartDraft, a.requireCitizen)
	e.GET("/drafts/:id", cit.ResumeDraft, a.requireCitizen)
	e.GET("/drafts/:id/steps/:step", cit.ShowStep, a.requireCitizen)
	e.POST("/drafts/:id/steps/:step", cit.SaveStep, a.requireCitizen)
	e.GET("/drafts/:id/check", cit.ShowCheck, a.requireCitizen)
	e.POST("/drafts/:id/submit", cit.SubmitDraft, a.requireCitizen)
	e.GET("/drafts/:id/delete", cit.ShowDeleteDraft, a.requireCitizen) // "Bạn có chắc chắn?" (handlers/citizen/confirm.go)
	e.POST("/drafts/:id/delete", cit.DeleteDraft, a.requireCitizen)
	e.POST("/drafts/:id/report", cit.ReportData, a.requireCitizen)
	e.POST("/drafts/:id/retry", cit.RetryRegistries, a.requireCitizen) // "Thử lại" of the databases that did not answer
	e.GET("/cases", cit.ListCases, a.requireCitizen)
	e.GET("/notifications", cit.ShowNotifications, a.requireCitizen)
	e.POST("/notifications/:id/open", cit.OpenNotification, a.requireCitizen)
	e.GET("/cases/:code", cit.ShowCase, a.requireCitizen)
	e.GET("/cases/:code/receipt", cit.ShowReceipt, a.requireCitizen)
	e.GET("/cases/:code/receipt.pdf", cit.ReceiptPDF, a.requireCitizen)
	e.GET("/cases/:code/result.pdf", cit.DownloadResult, a.requireCitizen)
	e.GET("/cases/:code/receipt-slip.pdf", cit.ReceiptSlipPDF, a.requireCitizen)
	e.GET("/cases/:code/apology.pdf", cit.ApologyPDF, a.requireCitizen)
	e.GET("/cases/:code/draft.pdf", cit.DraftPDF, a.requireCitizen)
	e.POST("/cases/:code/actions", cit.CaseAction, a.requireCitizen)
	e.GET("/cases/:code/withdraw", cit.ShowWithdraw, a.requireCitizen) // asked before the withdrawal action (confirm.go)
	e.POST("/cases/:code/rating", cit.RateCase, a.requireCitizen)      // satisfaction after a result (rating.go)
	e.GET("/attachments/:id", cit.DownloadAttachment, a.requireCitizen)

	// Fees paid through the payment gateway (handlers/citizen/payment*.go): the citizen's
	// "Thanh toán" (a redirect to the gateway), the gateway's browser return, the e-receipt; and
	// the gateway's server-to-server notification (IPN), public: no session, no cookie, answered
	// with JSON on any host (config_payment.go).
	e.POST("/cases/:code/payments/:item/pay", cit.PayItem, a.requireCitizen, a.limit(limitPay, a.byCitizen))
	e.GET("/cases/:code/payments/:item/receipt.pdf", cit.PaymentReceiptPDF, a.requireCitizen)
	e.GET(paymentReturnPath, cit.ShowPaymentReturn, a.requireCitizen)
	e.GET(paymentIPNPath, pub.PaymentIPN)

	// Staff: their own session, never the citizens'.
	sg := e.Group("/staff", a.staffSessions.middleware(), a.loadStaff)
	sg.GET("", st.ShowHome)
	sg.GET("/auth/login", st.StartSignIn, a.limit(limitStaffSignIn, byAddress))
	sg.GET("/auth/callback", st.FinishSignIn)
	sg.POST("/auth/logout", st.SignOut)
	officer := a.requireStaff(staffdir.RoleOfficer, staffdir.RoleSupervisor)
	sg.GET("/queue", st.ShowQueue, officer)
	sg.GET("/cases/:code", st.ShowCase, officer)
	sg.POST("/cases/:code/actions", st.DoAction, officer)
	sg.GET("/cases/:code/confirm", st.ShowConfirm, officer)              // approve, refuse, stop: handlers/staff/case_confirm.go
	sg.GET("/cases/:code/result-preview.pdf", st.PreviewResult, officer) // the case's documents: handlers/staff/documents.go
	sg.GET("/cases/:code/receipt-slip.pdf", st.ReceiptSlipPDF, officer)
	sg.GET("/cases/:code/result.pdf", st.ResultPDF, officer)
	sg.GET("/cases/:code/apology.pdf", st.ApologyPDF, officer)
	sg.GET("/cases/:code/payments/request", st.ShowPaymentRequest, officer) // fees with their items: handlers/staff/payment_request.go
	sg.POST("/cases/:code/payments/request", st.RequestPayment, officer)
	sg.POST("/cases/:code/payments/:item/waive", st.WaiveItem, officer) // handlers/staff/payments.go
	sg.GET("/cases/:code/payments/:item/receipt.pdf", st.PaymentReceiptPDF, officer)
	sg.POST("/cases/:code/notes", st.AddNote, officer)
	sg.POST("/cases/:code/parts/:seq/resend", st.ResendPart, officer)
	sg.GET("/parts/:code", st.ShowPart, officer) // a linked agency's part of a case (handlers/staff/parts.go)
	sg.POST("/parts/:code/:seq/done", st.CompletePart, officer)
	sg.POST("/parts/:code/:seq/return", st.ReturnPart, officer)
	supervisor := a.requireStaff(staffdir.RoleSupervisor)
	sg.GET("/dashboard", st.ShowDashboard, supervisor)
	sg.GET("/dashboard/cases.csv", st.ExportCSV, supervisor)
	sg.GET("/dashboard/payments", st.ShowPaymentsReport, supervisor) // handlers/staff/dashboard_payments.go
	sg.GET("/dashboard/payments.csv", st.ExportPaymentsCSV, supervisor)
	sg.GET("/attachments/:id", st.DownloadAttachment, officer)
	sg.GET("/cases/:code/held/:field", st.DownloadHeld, officer) // a held document a case uses (handlers/staff/case_held.go)
	helpdeskOnly := a.requireStaff(staffdir.RoleHelpdesk)
	perAgent := a.limit(limitHelpdesk, byAgent) // lookups and notes together
	sg.GET("/helpdesk", hd.ShowLookup, helpdeskOnly)
	sg.POST("/helpdesk", hd.Lookup, helpdeskOnly, perAgent)
	sg.POST("/helpdesk/cases/:code/notes", hd.AddNote, helpdeskOnly, perAgent)
	sg.GET("/helpdesk/views/:token", hd.ShowView, helpdeskOnly, perAgent) // the case view kept after a note
	admin := a.requireStaff(staffdir.RoleAdmin)
	sg.GET("/admin/staff", st.ShowStaffAdmin, admin)
	sg.POST("/admin/staff", st.AddStaff, admin)
	sg.POST("/admin/staff/disable", st.DisableStaff, admin)
	sg.GET("/admin/calendar", st.ShowCalendar, admin)
	sg.POST("/admin/calendar", st.SetCalendarDay, admin)
	sg.POST("/admin/calendar/delete", st.DeleteCalendarDay, admin)
	sg.POST("/admin/calendar/hours", st.SetOfficeHours, admin)
	sg.POST("/admin/calendar/hours/delete", st.DeleteOfficeHours, admin)
	sg.GET("/admin/procedures/:code", st.ShowSchema, admin)
	sg.POST("/admin/procedures/:code", st.PublishSchema, admin)
	// A procedure's law: deadline, legal bases, fees (handlers/staff/admin_law.go).
	sg.GET("/admin/procedures", st.ShowProceduresAdmin, admin)
	sg.GET("/admin/procedures/:code/law", st.ShowLaw, admin)
	sg.POST("/admin/procedures/:code/law/days", st.SetProcedureDays, admin)
	sg.POST("/admin/procedures/:code/law/bases", st.SaveProcedureBasis, admin)
	sg.POST("/admin/procedures/:code/law/bases/delete", st.DeleteProcedureBasis, admin)
	sg.POST("/admin/procedures/:code/law/fees", st.SaveProcedureFee, admin)
	sg.POST("/admin/procedures/:code/law/fees/delete", st.DeleteProcedureFee, admin)
	e.POST("/my-data/consent", cit.GrantMyDataConsent, a.requireCitizen)
	e.POST("/my-data/consent/withdraw", cit.WithdrawMyDataConsent, a.requireCitizen)
	return e
}

// isStaffPath matches the staff pages, which use the staff session instead of the citizen's.
func isStaffPath(c echo.Context) bool {
	p := c.Request().URL.Path
	return p == "/staff" || strings.HasPrefix(p, "/staff/")
}

// staticFiles serves the embedded assets with an hour of caching; they change only with a release.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
