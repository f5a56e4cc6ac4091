// Command payment-sim runs the VNPAY payment gateway simulator for local development: the
// payer's page, the IPN to the portal, the transaction query and refund API, and the
// reconciliation report. No real money moves.
//
// Environment (defaults in brackets):
//
//	PAYMENT_SIM_ADDR         listen address [127.0.0.1:8083]
//	VNPAY_TMN_CODE           the portal's merchant code [MOTLAN01]
//	VNPAY_HASH_SECRET        the portal's hash secret [dev-vnpay-secret]
//	PAYMENT_SIM_IPN_URL      the portal's IPN URL [http://localhost:8080/payments/vnpay/ipn]
//	PAYMENT_SIM_ADMIN_TOKEN  bearer token of /admin/... [dev-payment-admin]
//	PAYMENT_SIM_FAULTS       IPN faults, comma-separated: lose-ipn, duplicate-ipn[:<n>],
//	                         delay-ipn[:<duration>] (without a duration: held until
//	                         POST /admin/flush), wrong-amount, bad-signature [none]
//	PAYMENT_SIM_IPN_RETRY    how often an IPN without a 00 or 02 answer is sent again, at most
//	                         3 more times [1m]
//	LOG_FORMAT               text or json [text]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	paymentsim "github.com/motlan/portal/sim/payment"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "payment-sim:", err)
		os.Exit(1)
	}
}

// config is the simulator's environment, with defaults applied.
type config struct {
	Addr, LogFormat string
	TmnCode         string
	Merchant        paymentsim.Merchant
	AdminToken      string
	Faults          paymentsim.Faults
	Delay           time.Duration // of delay-ipn:<duration>; 0 = until flushed
	RetryEvery      time.Duration
}

func loadConfig(getenv func(string) string) (config, error) {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	cfg := config{
		Addr:       get("PAYMENT_SIM_ADDR", "127.0.0.1:8083"),
		LogFormat:  get("LOG_FORMAT", "text"),
		TmnCode:    get("VNPAY_TMN_CODE", paymentsim.DefaultTmnCode),
		Merchant:   paymentsim.Merchant{Secret: get("VNPAY_HASH_SECRET", paymentsim.DefaultHashSecret), IPNURL: get("PAYMENT_SIM_IPN_URL", "http://localhost:8080/payments/vnpay/ipn")},
		AdminToken: get("PAYMENT_SIM_ADMIN_TOKEN", paymentsim.DefaultAdminToken),
	}
	u, err := url.Parse(cfg.Merchant.IPNURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return config{}, fmt.Errorf("PAYMENT_SIM_IPN_URL %q: want an absolute http(s) URL", cfg.Merchant.IPNURL)
	}
	if cfg.Faults, cfg.Delay, err = paymentsim.ParseFaults(getenv("PAYMENT_SIM_FAULTS")); err != nil {
		return config{}, fmt.Errorf("PAYMENT_SIM_FAULTS: %w", err)
	}
	if cfg.RetryEvery, err = time.ParseDuration(get("PAYMENT_SIM_IPN_RETRY", "1m")); err != nil || cfg.RetryEvery <= 0 {
		return config{}, fmt.Errorf("PAYMENT_SIM_IPN_RETRY %q: want a positive duration", getenv("PAYMENT_SIM_IPN_RETRY"))
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		return config{}, fmt.Errorf("LOG_FORMAT %q: want text or json", cfg.LogFormat)
	}
	return cfg, nil
}

// run serves until ctx is done. ready, if not nil, is told the address once listening.
func run(ctx context.Context, getenv func(string) string, logOut io.Writer, ready func(net.Addr)) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	var logger *slog.Logger
	if cfg.LogFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(logOut, nil))
	} else {
		logger = slog.New(slog.NewTextHandler(logOut, nil))
	}
	sim, err := paymentsim.New(paymentsim.Config{
		Merchants:  map[string]paymentsim.Merchant{cfg.TmnCode: cfg.Merchant},
		AdminToken: cfg.AdminToken,
		Log:        logger,
	})
	if err != nil {
		return err
	}
	sim.SetFaults(cfg.Faults)

	srv := &http.Server{Addr: cfg.Addr, Handler: sim.Handler(), ReadHeaderTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Addr, err)
	}
	logger.Info("payment-sim: listening",
		slog.String("addr", ln.Addr().String()),
		slog.String("tmn_code", cfg.TmnCode),
		slog.String("ipn_url", cfg.Merchant.IPNURL),
		slog.String("faults", cfg.Faults.String()),
		slog.Duration("ipn_delay", cfg.Delay))
	if ready != nil {
		ready(ln.Addr())
	}

	bg, stopBackground := context.WithCancel(ctx)
	defer stopBackground()
	retry := time.NewTicker(cfg.RetryEvery)
	defer retry.Stop()
	go every(bg, retry.C, func() { sim.RetryIPNs(bg) })
	if cfg.Delay > 0 {
		flush := time.NewTicker(min(time.Second, cfg.Delay))
		defer flush.Stop()
		go every(bg, flush.C, func() { sim.FlushDelayedOlderThan(bg, cfg.Delay) })
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("payment-sim: shutting down")
	stopBackground()
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

// every calls do on each tick until ctx is done: the gateway's own schedule for retrying IPNs
// and releasing delayed ones.
func every(ctx context.Context, ticks <-chan time.Time, do func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
			do()
		}
	}
}
