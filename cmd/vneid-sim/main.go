// Command vneid-sim runs the VNeID-style OpenID Provider simulator for local development.
//
// Environment (defaults in brackets):
//
//	VNEID_ADDR                listen address [127.0.0.1:8081]
//	VNEID_ISSUER              issuer URL, no trailing slash [http://localhost:8081]
//	PORTAL_BASE_URL           the portal's base URL [http://localhost:8080]
//	OIDC_CLIENT_ID            citizen client ID [motlan-portal]
//	OIDC_CLIENT_SECRET        citizen client secret [dev-portal-secret]
//	STAFF_OIDC_CLIENT_ID      staff client ID [motlan-staff]
//	STAFF_OIDC_CLIENT_SECRET  staff client secret [dev-staff-secret]
//	VNEID_IDENTITIES          path to an identities file [the embedded demo identities]
//	VNEID_KEY_FILE            PEM file of the signing key, created on first use [a new key per start]
//	LOG_FORMAT                text or json [text]
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/motlan/portal/sim/vneid"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "vneid-sim:", err)
		os.Exit(1)
	}
}

// config is the simulator's environment, with defaults applied.
type config struct {
	Addr, Issuer, PortalBaseURL          string
	CitizenClientID, CitizenClientSecret string
	StaffClientID, StaffClientSecret     string
	IdentitiesFile, LogFormat            string
	KeyFile                              string
}

func loadConfig(getenv func(string) string) config {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	return config{
		Addr:                get("VNEID_ADDR", "127.0.0.1:8081"),
		Issuer:              strings.TrimSuffix(get("VNEID_ISSUER", "http://localhost:8081"), "/"),
		PortalBaseURL:       strings.TrimSuffix(get("PORTAL_BASE_URL", "http://localhost:8080"), "/"),
		CitizenClientID:     get("OIDC_CLIENT_ID", "motlan-portal"),
		CitizenClientSecret: get("OIDC_CLIENT_SECRET", "dev-portal-secret"),
		StaffClientID:       get("STAFF_OIDC_CLIENT_ID", "motlan-staff"),
		StaffClientSecret:   get("STAFF_OIDC_CLIENT_SECRET", "dev-staff-secret"),
		IdentitiesFile:      get("VNEID_IDENTITIES", ""),
		LogFormat:           get("LOG_FORMAT", "text"),
		KeyFile:             get("VNEID_KEY_FILE", ""),
	}
}

func run(ctx context.Context, getenv func(string) string) error {
	cfg := loadConfig(getenv)
	var logger *slog.Logger
	if cfg.LogFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	} else {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	slog.SetDefault(logger) // the op package logs through the default logger

	ids, err := loadIdentities(cfg.IdentitiesFile)
	if err != nil {
		return err
	}
	key, err := loadOrCreateKey(cfg.KeyFile)
	if err != nil {
		return err
	}
	sim, err := vneid.New(vneid.Config{
		Issuer:     cfg.Issuer,
		SigningKey: key,
		Clients: []vneid.Client{
			{
				ID: cfg.CitizenClientID, Secret: cfg.CitizenClientSecret, Audience: vneid.AudienceCitizen,
				RedirectURIs:           []string{cfg.PortalBaseURL + "/auth/callback"},
				PostLogoutRedirectURIs: []string{cfg.PortalBaseURL + "/"},
			},
			{
				ID: cfg.StaffClientID, Secret: cfg.StaffClientSecret, Audience: vneid.AudienceStaff,
				RedirectURIs:           []string{cfg.PortalBaseURL + "/staff/auth/callback"},
				PostLogoutRedirectURIs: []string{cfg.PortalBaseURL + "/staff"},
			},
		},
		Identities: ids,
		Logger:     logger,
	})
	if err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("/", sim)
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	logger.Info("vneid-sim: listening",
		slog.String("addr", ln.Addr().String()),
		slog.String("issuer", cfg.Issuer),
		slog.String("citizen_client", cfg.CitizenClientID),
		slog.String("staff_client", cfg.StaffClientID),
		slog.String("demo_password", vneid.DemoPassword))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("vneid-sim: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func loadIdentities(path string) (*vneid.Identities, error) {
	if path == "" {
		return nil, nil // the embedded demo identities
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("identities: %w", err)
	}
	return vneid.LoadIdentities(bytes.NewReader(b))
}
