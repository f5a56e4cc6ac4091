package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/motlan/portal/sim/vneid"
)

// Development defaults; every one can be overridden through the environment.
const (
	devDataDir = ".data/postgres"
	devPGPort  = 54329
	devDBName  = "motlan"
)

// runStack brings up the whole development stack and keeps it up until interrupted.
func runStack(ctx context.Context) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	bin := filepath.Dir(self)
	env := os.Environ()
	setDefault := func(k, v string) {
		if os.Getenv(k) == "" {
			env = append(env, k+"="+v)
		}
	}

	ensureFonts(ctx)
	if os.Getenv("DATABASE_URL") == "" {
		c, err := startCluster(ctx, devDataDir, devPGPort)
		if err != nil {
			return err
		}
		defer func() {
			fmt.Println("devstack: stopping PostgreSQL (data kept in " + devDataDir + "; make clean removes it)")
			if err := c.Stop(context.Background()); err != nil {
				fmt.Fprintln(os.Stderr, "devstack:", err)
			}
		}()
		if err := c.CreateDatabase(ctx, devDBName); err != nil {
			return err
		}
		env = append(env, "DATABASE_URL="+c.URL(devDBName))
		fmt.Printf("devstack: PostgreSQL on 127.0.0.1:%d, data in %s\n", devPGPort, devDataDir)
	}
	setDefault("PORTAL_BASE_URL", "http://localhost:8080")
	setDefault("NDXP_URL", "http://localhost:8082")
	setDefault("OIDC_ISSUER", "http://localhost:8081")
	// The simulator keeps its signing key, so sessions that outlive a restart still sign out cleanly.
	setDefault("VNEID_KEY_FILE", ".data/vneid/signing-key.pem")

	migrate := exec.CommandContext(ctx, filepath.Join(bin, "portal"), "migrate")
	migrate.Env, migrate.Stdout, migrate.Stderr = env, os.Stdout, os.Stderr
	if err := migrate.Run(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	seed := exec.CommandContext(ctx, filepath.Join(bin, "portal"), "seed", "demo")
	seed.Env, seed.Stdout, seed.Stderr = env, os.Stdout, os.Stderr
	if err := seed.Run(); err != nil {
		return fmt.Errorf("seed: %w", err)
	}

	var wg sync.WaitGroup
	failed := make(chan error, 3)
	stopAll := []func(){}
	start := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, args[0]), args[1:]...)
		cmd.Env = env
		out, _ := cmd.StdoutPipe()
		cmd.Stderr = cmd.Stdout
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start %s: %w", name, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			prefix(name, out)
			if err := cmd.Wait(); err != nil && ctx.Err() == nil {
				failed <- fmt.Errorf("%s stopped: %w", name, err)
			} else if ctx.Err() == nil {
				failed <- fmt.Errorf("%s stopped", name)
			}
		}()
		stopAll = append(stopAll, func() { _ = cmd.Process.Signal(syscall.SIGTERM) })
		return nil
	}
	defer func() {
		for _, stop := range stopAll {
			stop()
		}
		wg.Wait()
	}()

	if err := start("vneid ", "vneid-sim"); err != nil {
		return err
	}
	if err := waitHealthy(ctx, getenv(env, "OIDC_ISSUER")+"/healthz"); err != nil {
		return fmt.Errorf("vneid-sim: %w", err)
	}
	if err := start("ndxp  ", "ndxp-sim"); err != nil {
		return err
	}
	if err := waitHealthy(ctx, getenv(env, "NDXP_URL")+"/healthz"); err != nil {
		return fmt.Errorf("ndxp-sim: %w", err)
	}
	if err := start("portal", "portal", "serve"); err != nil {
		return err
	}
	base := getenv(env, "PORTAL_BASE_URL")
	if err := waitHealthy(ctx, base+"/readyz"); err != nil {
		return fmt.Errorf("portal: %w", err)
	}
	if err := printWelcome(base, getenv(env, "OIDC_ISSUER"), getenv(env, "NDXP_URL")); err != nil {
		fmt.Fprintln(os.Stderr, "devstack: welcome:", err) // the stack runs on without its banner
	}

	select {
	case <-ctx.Done():
		fmt.Println("\ndevstack: stopping")
		return nil
	case err := <-failed:
		return err
	}
}

func getenv(env []string, k string) string {
	v := ""
	for _, kv := range env { // the last assignment wins, as in exec
		if strings.HasPrefix(kv, k+"=") {
			v = kv[len(k)+1:]
		}
	}
	return strings.TrimRight(v, "/")
}

// prefix copies a child's output line by line, tagged with its name.
func prefix(name string, r io.Reader) {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 64<<10), 1<<20)
	for s.Scan() {
		fmt.Printf("[%s] %s\n", name, s.Text())
	}
}

func waitHealthy(ctx context.Context, url string) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New(resp.Status)
			}
			return fmt.Errorf("%s not healthy after 30 s: %w", url, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func printWelcome(base, issuer, ndxpURL string) error {
	ids := vneid.DefaultIdentities()
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "\nMột Lần is running.\n\n")
	fmt.Fprintf(w, "  Portal\t%s\n  VNeID simulator\t%s\n  NDXP simulator\t%s\n\n", base, issuer, ndxpURL)
	fmt.Fprintf(w, "Demo citizens (password %s):\n", vneid.DemoPassword)
	for _, c := range ids.Citizens() {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", c.Name, c.PersonalID, c.ACR)
	}
	fmt.Fprintf(w, "\nStaff accounts (same password):\n")
	for _, s := range ids.Staff() {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", s.Username, s.Name, s.RoleHint, s.Agency)
	}
	fmt.Fprintf(w, "\nPress Ctrl-C to stop.\n")
	return w.Flush()
}
