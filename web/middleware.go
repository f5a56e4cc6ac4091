package web

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/motlan/portal/handlers/public"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/views/i18n"
)

const (
	csrfContextKey = "csrf"
	langContextKey = "lang"
	sessionLoaded  = "session_loaded"
	errorKey       = "error"
)

// renderErrors turns a handler's error into the error page inside the session and language
// middleware, so the page knows who is signed in; the request log line still gets the error.
func renderErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Set(errorKey, err)
			c.Error(err)
		}
		return nil
	}
}

// securityHeaders sets the headers every response carries. Dynamic pages are never cached:
// they may hold personal data.
func securityHeaders(cfg Config) echo.MiddlewareFunc {
	formAction := "form-action 'self'" // sign-out moves on to the provider from a page, not by a form's redirect
	if gw := cfg.gatewayOrigin(); gw != "" {
		formAction += " " + gw // "Thanh toán" posts here and is redirected to the payment gateway (config_payment.go)
	}
	csp := strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		formAction,
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"object-src 'none'",
	}, "; ")
	secure := cfg.Secure()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
			if secure {
				h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			}
			if !strings.HasPrefix(c.Request().URL.Path, "/static/") {
				h.Set("Cache-Control", "no-store")
			}
			return next(c)
		}
	}
}

// language picks the page language: the cookie set by the switch, else Vietnamese.
func language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang := i18n.Vi
		if ck, err := c.Cookie(public.LangCookie); err == nil {
			lang, _ = i18n.Parse(ck.Value)
		}
		c.Set(langContextKey, lang)
		return next(c)
	}
}

func langOf(c echo.Context) string {
	if l, ok := c.Get(langContextKey).(string); ok {
		return l
	}
	return i18n.Vi
}

// requestLogger logs one line per request and puts the request ID in the request's context,
// where every log line written with that context picks it up.
func requestLogger(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			id := c.Response().Header().Get(echo.HeaderXRequestID)
			c.SetRequest(c.Request().WithContext(withRequestID(c.Request().Context(), id)))
			err := next(c)
			if err != nil {
				c.Error(err) // only errors raised before renderErrors, e.g. by the session store
			} else if handled, ok := c.Get(errorKey).(error); ok {
				err = handled
			}
			status := c.Response().Status
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			} else if status >= 400 {
				level = slog.LevelWarn
			}
			attrs := []slog.Attr{
				slog.String("method", c.Request().Method),
				slog.String("path", c.Request().URL.Path),
				slog.String("route", c.Path()),
				slog.Int("status", status),
				slog.Duration("duration", time.Since(start)),
			}
			if err != nil {
				attrs = append(attrs, slog.Any("error", err))
			}
			if sent, ok := c.Get(clientRequestIDKey).(string); ok {
				attrs = append(attrs, slog.String("client_request_id", sent))
			}
			log.LogAttrs(c.Request().Context(), level, "request", attrs...)
			return nil
		}
	}
}

// csrf protects every state-changing request: browsers that send Sec-Fetch-Site are checked on
// it (same-origin only), others on a token in the form that must match an HttpOnly cookie.
func csrf(cfg Config) echo.MiddlewareFunc {
	name := "motlan_csrf"
	if cfg.Secure() {
		name = "__Host-motlan_csrf"
	}
	return middleware.CSRFWithConfig(middleware.CSRFConfig{ //nolint:gosec // G101: TokenLookup names where the token is read from, it holds no credential
		Skipper: func(c echo.Context) bool { // public, cacheable GETs: no token cookie to set
			return strings.HasPrefix(c.Request().URL.Path, "/static/") || c.Path() == communesPath || c.Path() == faviconPath ||
				c.Path() == paymentIPNPath // the gateway's server-to-server GET
		},
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		ContextKey:     csrfContextKey,
		CookieName:     name,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   cfg.Secure(),
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   12 * 3600,
		ErrorHandler: func(err error, c echo.Context) error {
			return fault.Wrap(fault.EFORBIDDEN, "error.csrf", "web.csrf", err)
		},
	})
}

// requireCitizen sends signed-out visitors of citizen pages to sign in, and back afterwards.
func (a *App) requireCitizen(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := a.sessions.Current(c); ok {
			return next(c)
		}
		if c.Request().Method != http.MethodGet {
			return fault.New(fault.EUNAUTHORIZED, "error.signedout", "web.requireCitizen")
		}
		return c.Redirect(http.StatusSeeOther, "/auth/login?return_to="+url.QueryEscape(c.Request().URL.RequestURI()))
	}
}
