package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/motlan/portal/sim/vneid"
)

// Development defaults; every one can be overridden through the environment.
const (
	devDataDir = ".data/postgres"
	devPGPort  = 54329
	devDBName  = "motlan"
)

// The streaming replica of the development cluster that DEV_REPLICA=1 starts (below the ports
// of devstack ha's nodes).
const (
	devReplicaDir  = ".data/postgres-replica"
	devReplicaPort = 54328
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

	// One devstack at a time, and nothing left over from one that was killed.
	release, err := lockStack(stateDir)
	if err != nil {
		return err
	}
	defer release()
	if err := cleanStale(stateDir, os.Stdout); err != nil {
		return err
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
		if os.Getenv("DEV_REPLICA") == "1" && os.Getenv("DATABASE_REPLICA_URL") == "" {
			// A streaming replica of it, for the pages that read one (DATABASE_REPLICA_URL).
			r, err := c.Replicate(ctx, devReplicaDir, devReplicaPort)
			if err != nil {
				return err
			}
			defer func() {
				if err := r.Stop(context.Background()); err != nil {
					fmt.Fprintln(os.Stderr, "devstack:", err)
				}
			}()
			env = append(env, "DATABASE_REPLICA_URL="+r.URL(devDBName))
			fmt.Printf("devstack: read replica on 127.0.0.1:%d, data in %s\n", devReplicaPort, devReplicaDir)
		}
	}
	setDefault("PORTAL_BASE_URL", "http://localhost:8080")
	setDefault("NDXP_URL", "http://localhost:8082")
	setDefault("OIDC_ISSUER", simulatorIssuer)
	// The simulator keeps its signing key, so sessions that outlive a restart still sign out cleanly.
	setDefault("VNEID_KEY_FILE", ".data/vneid/signing-key.pem")
	providers := planProviders(env)
	gateway := planPayment(env)
	for _, kv := range gateway.defaults {
		k, v, _ := strings.Cut(kv, "=")
		setDefault(k, v)
	}

	var s3 *s3Plan
	if os.Getenv("DEV_S3") == "1" && os.Getenv("BLOB_STORE") == "" {
		// The portal's files in an S3 bucket of a local SeaweedFS instead of the database.
		if err := weedBinary(bin); err != nil {
			return err
		}
		plan, err := planS3(devS3Dir)
		if err != nil {
			return err
		}
		s3, env = &plan, append(env, plan.env...)
	}

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

	failed := make(chan error, 4)
	var children []*child
	defer func() {
		for _, ch := range children {
			ch.stop()
		}
		for _, ch := range children {
			<-ch.done
		}
	}()
	// start runs one of the stack's programs, once its port is free.
	start := func(name, addrVar, addr string, args ...string) (*child, error) {
		if v := lookup(env, addrVar); v != "" {
			addr = v
		}
		if err := portFree(addr, addrVar); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ch, err := startChild(stateDir, name, env, os.Stdout, filepath.Join(bin, args[0]), args[1:]...)
		if err != nil {
			return nil, err
		}
		children = append(children, ch)
		go func() {
			<-ch.done
			if ctx.Err() == nil {
				failed <- fmt.Errorf("%s stopped: %w", name, exitErr(ch.err))
			}
		}()
		return ch, nil
	}

	var sim *child
	if providers.simulator {
		if sim, err = start("vneid", "VNEID_ADDR", "127.0.0.1:8081", "vneid-sim"); err != nil {
			return err
		}
	}
	if err := defaultWaiter.providers(ctx, providers, sim); err != nil {
		return err
	}
	ndxp, err := start("ndxp", "NDXP_ADDR", "127.0.0.1:8082", "ndxp-sim")
	if err != nil {
		return err
	}
	if err := defaultWaiter.ready(ctx, getenv(env, "NDXP_URL")+"/healthz", ndxp); err != nil {
		return fmt.Errorf("ndxp-sim: %w", err)
	}
	if gateway.simulator {
		vnpaySim, err := start("vnpay", "PAYMENT_SIM_ADDR", defaultPaymentSimAddr, "payment-sim")
		if err != nil {
			return err
		}
		if err := defaultWaiter.ready(ctx, gateway.base+"/healthz", vnpaySim); err != nil {
			return fmt.Errorf("payment-sim: %w", err)
		}
	}
	if s3 != nil {
		weed, err := start("s3", "", devS3Addr, append([]string{"weed"}, s3.args...)...)
		if err != nil {
			return err
		}
		if err := defaultWaiter.ready(ctx, "http://"+devS3Addr+"/healthz", weed); err != nil {
			return fmt.Errorf("seaweedfs: %w", err)
		}
		fmt.Printf("devstack: S3 store (SeaweedFS) on %s, data in %s; files go there (BLOB_STORE=s3)\n", devS3Addr, devS3Dir)
	}
	portal, err := start("portal", "PORTAL_ADDR", "127.0.0.1:8080", "portal", "serve")
	if err != nil {
		return err
	}
	base := getenv(env, "PORTAL_BASE_URL")
	if err := defaultWaiter.ready(ctx, base+"/readyz", portal); err != nil {
		return fmt.Errorf("portal: %w", err)
	}
	if err := printWelcome(ctx, base, getenv(env, "OIDC_ISSUER"), getenv(env, "NDXP_URL"), gatewayLine(env, gateway), lookup(env, "DATABASE_URL"), providers.simulator); err != nil {
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
	return strings.TrimRight(lookup(env, k), "/")
}

// prefix copies a child's output to out line by line, tagged with its name.
func prefix(out io.Writer, name string, r io.Reader) {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 64<<10), 1<<20)
	for s.Scan() {
		_, _ = fmt.Fprintf(out, "[%-6s] %s\n", name, s.Text())
	}
}

func printWelcome(ctx context.Context, base, issuer, ndxpURL, gateway, databaseURL string, simulator bool) error {
	ids := vneid.DefaultIdentities()
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "\nMột Lần is running.\n\n")
	if !simulator {
		fmt.Fprintf(w, "  Portal\t%s\n  Identity provider\t%s\n  NDXP simulator\t%s\n  %s\n\nPress Ctrl-C to stop.\n", base, issuer, ndxpURL, gateway)
		return w.Flush()
	}
	fmt.Fprintf(w, "  Portal\t%s\n  VNeID simulator\t%s\n  NDXP simulator\t%s\n  %s\n\n", base, issuer, ndxpURL, gateway)
	fmt.Fprintf(w, "Demo citizens (password %s):\n", vneid.DemoPassword)
	for _, c := range ids.Citizens() {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", c.Name, c.PersonalID, c.ACR)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	// The staff accounts as the portal's directory has them: its agency codes, not the
	// simulator's (which the portal does not know).
	lines, err := portalStaff(ctx, databaseURL)
	if err != nil {
		return err
	}
	fmt.Println()
	if err := writeStaff(os.Stdout, base, vneid.DemoPassword, lines); err != nil {
		return err
	}
	fmt.Printf("\nThe demo history (cases marked \"Dữ liệu mẫu\") fills the queues; README: A ten-minute walk-through.\nPress Ctrl-C to stop.\n")
	return nil
}
