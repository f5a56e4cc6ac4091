package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/motlan/portal/services/audit"
	"github.com/motlan/portal/services/cases"
	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/database"
	"github.com/motlan/portal/services/drafts"
)

// startBare serves the framework-and-database limit of the dashboard: a bare echo handler (no
// middleware, no session, no templ) that runs the dashboard's SQL through the same services
// the portal uses, built as web/app.go builds them on a pool of their own, then writes the
// bytes of the real dashboard page, fetched once with the signed-in citizen's client.
//
// The dashboard's SQL is what one GET /cases runs: the session lookup (scs pgxstore's query,
// with the citizen's own session token), then handlers/citizen ListCases' Drafts.List and
// Cases.Mine (the citizen's cases and those filed about their personal ID, one statement). The
// catalogue reads it makes per procedure come from its in-memory cache.
func startBare(ctx context.Context, s *stack, citizen *http.Client, citizenID int64, personalID string) (string, error) {
	resp, err := citizen.Get(s.portalURL + "/cases")
	if err != nil {
		return "", fmt.Errorf("bare reference: fetch the dashboard: %w", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", fmt.Errorf("bare reference: fetch the dashboard: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("bare reference: GET /cases: status %d", resp.StatusCode)
	}
	contentType := resp.Header.Get(echo.HeaderContentType)
	u, err := url.Parse(s.portalURL)
	if err != nil {
		return "", err
	}
	var token string
	for _, ck := range citizen.Jar.Cookies(u) {
		if strings.HasSuffix(ck.Name, "motlan_session") {
			token = ck.Value
		}
	}
	if token == "" {
		return "", fmt.Errorf("bare reference: the citizen's client holds no session cookie")
	}

	pool, err := database.Open(ctx, s.dbURL)
	if err != nil {
		return "", err
	}
	s.cleanup = append(s.cleanup, pool.Close)
	draftSvc := drafts.New(pool, catalogue.New(pool), nil, nil, audit.New(pool, nil), drafts.Config{}, quiet())
	caseSvc := cases.New(pool, nil, quiet())

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/cases", func(c echo.Context) error {
		ctx := c.Request().Context()
		var data []byte
		if err := pool.QueryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND current_timestamp < expiry`, token).Scan(&data); err != nil {
			return err
		}
		if _, err := draftSvc.List(ctx, citizenID); err != nil {
			return err
		}
		if _, err := caseSvc.Mine(ctx, citizenID, personalID, ""); err != nil {
			return err
		}
		return c.Blob(http.StatusOK, contentType, body)
	})
	ln, addr, err := listen()
	if err != nil {
		return "", err
	}
	serveHTTP(s, ln, e)
	fmt.Printf("bench: bare reference on %s serves the dashboard's %d bytes (%s)\n", addr, len(body), contentType)
	return addr + "/cases", nil
}
