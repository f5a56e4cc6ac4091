package web

import (
	"errors"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	staffh "github.com/motlan/portal/handlers/staff"
	"github.com/motlan/portal/services/ratelimit"
	"github.com/motlan/portal/views/pages"
)

// The portal's rate limits: fixed windows kept in PostgreSQL (services/ratelimit), so every
// replica counts against the same limit. README.md ("Security model") lists them. A window's
// edge may let a client through up to twice a limit in a short span; the limits allow for it.
var (
	// limitVerify: checking a signed result, by code or upload, per client address.
	limitVerify = ratelimit.Rule{Name: "verify", Limit: 30, Window: time.Minute}
	// limitTrack: the public status lookup, per client address.
	limitTrack = ratelimit.Rule{Name: "track", Limit: 10, Window: time.Minute}
	// limitTrackCode: wrong last-4 guesses per case code, whatever the address (services/helpdesk).
	limitTrackCode = ratelimit.Rule{Name: "track.code", Limit: 5, Window: time.Hour}
	// limitSignIn, limitStaffSignIn: starting a sign-in writes a row, per client address. Many
	// citizens share a mobile carrier's address (CGNAT), and an office's staff its own, so the
	// limits bound a flood of rows rather than a person's retries.
	limitSignIn      = ratelimit.Rule{Name: "signin", Limit: 60, Window: 10 * time.Minute}
	limitStaffSignIn = ratelimit.Rule{Name: "signin.staff", Limit: 120, Window: 10 * time.Minute}
	// limitContactCode: codes sent to a new e-mail address or phone number, per citizen: each
	// is a message someone receives (and an SMS costs), so a few an hour.
	limitContactCode = ratelimit.Rule{Name: "contact.code", Limit: 5, Window: time.Hour}
	// limitContactConfirm: codes typed, per citizen, on top of each code's own 5 tries.
	limitContactConfirm = ratelimit.Rule{Name: "contact.confirm", Limit: 20, Window: time.Hour}
	// limitPay: "Thanh toán" presses, per citizen: each may open a gateway order (a double click
	// reuses the live one), so a few dozen bound a script, not a person paying several items.
	limitPay = ratelimit.Rule{Name: "pay", Limit: 30, Window: 10 * time.Minute}
	// limitHelpdesk: a helpdesk agent's lookups and notes together, per agent.
	limitHelpdesk = ratelimit.Rule{Name: "helpdesk", Limit: 30, Window: time.Minute}
)

// clientIP is how the portal tells clients apart (its limits, logs): the peer's address, or,
// when the peer is a proxy of TRUSTED_PROXIES, the right-most address of X-Forwarded-For that is
// not one of them. Nothing else is trusted, not even loopback or private networks: without
// TRUSTED_PROXIES a client's own X-Forwarded-For is ignored.
func clientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// byAddress keys a limit on the client's address.
func byAddress(c echo.Context) string { return c.RealIP() }

// byCitizen keys a limit on the signed-in citizen (after requireCitizen).
func (a *App) byCitizen(c echo.Context) string {
	s, _ := a.sessions.Current(c)
	return strconv.FormatInt(s.CitizenID, 10)
}

// byAgent keys a limit on the signed-in staff member.
func byAgent(c echo.Context) string {
	m, _ := staffh.Member(c)
	return m.Login
}

// limit refuses a request beyond rule for the key that key gives, with the portal's 429 page
// (limited). When the database cannot count, the request goes through and the failure is
// logged as an error: every limited route needs that same database to do its work (the sign-in
// row, the case, the signed result), so failing open lets nothing through that the outage does
// not stop anyway, and a limit never turns a database hiccup into refusals.
func (a *App) limit(rule ratelimit.Rule, key func(echo.Context) string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx := c.Request().Context()
			_, err := a.limiter.Take(ctx, rule, key(c))
			if exceeded := new(ratelimit.Exceeded); errors.As(err, &exceeded) {
				return err
			} else if err != nil {
				a.log.ErrorContext(ctx, "rate limit not counted; request let through", slog.String("rule", rule.Name), slog.Any("error", err))
			}
			return next(c)
		}
	}
}

// limited answers an *ratelimit.Exceeded among err with 429, Retry-After and the localized page
// saying in how many minutes to try again, and reports whether it did.
func (a *App) limited(err error, c echo.Context) bool {
	var exceeded *ratelimit.Exceeded
	if !errors.As(err, &exceeded) {
		return false
	}
	secs := int(math.Ceil(exceeded.RetryAfter.Seconds()))
	c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(http.StatusTooManyRequests)
		return true
	}
	if rerr := c.Render(http.StatusTooManyRequests, "", pages.Limited((secs+59)/60)); rerr != nil {
		a.log.ErrorContext(c.Request().Context(), "render limited page", slog.Any("error", rerr))
		_ = c.String(http.StatusTooManyRequests, "429")
	}
	return true
}
