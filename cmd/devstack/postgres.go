package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/motlan/portal/services/database/cluster"
)

// startCluster starts the private cluster in dir, installing the PostgreSQL server package first
// when it is missing and we may (root on Debian/Ubuntu).
func startCluster(ctx context.Context, dir string, port int) (*cluster.Cluster, error) {
	c, err := cluster.New(dir, port)
	if errors.Is(err, cluster.ErrNoServer) {
		if os.Geteuid() != 0 {
			return nil, fmt.Errorf("%w\n(or set DATABASE_URL to an existing PostgreSQL server)", err)
		}
		fmt.Println("devstack: PostgreSQL server binaries missing; installing the postgresql package with apt-get")
		if err := aptInstall(ctx, "postgresql"); err != nil {
			return nil, err
		}
		c, err = cluster.New(dir, port)
	}
	if err != nil {
		return nil, err
	}
	if err := stopStaleCluster(ctx, c); err != nil {
		return nil, err
	}
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// stopStaleCluster stops a server left running on the data folder by a devstack that was killed
// before it could stop it: its postmaster.pid names a live process. Taking it as it is would
// keep whatever state and settings it started with; pg_ctl stops it (fast: sessions are ended,
// data is kept), as the postgres user when we are root.
func stopStaleCluster(ctx context.Context, c *cluster.Cluster) error {
	b, err := os.ReadFile(filepath.Join(c.Dir, "pgdata", "postmaster.pid"))
	if err != nil {
		return nil // no server ran here, or it stopped cleanly
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil || !alive(pid) {
		return nil // a crashed server's file: PostgreSQL itself sees it is stale
	}
	fmt.Printf("devstack: stopping the PostgreSQL an earlier run left on %s (pid %d)\n", c.Dir, pid)
	if err := c.Stop(ctx); err != nil {
		return fmt.Errorf("stop the PostgreSQL left running: %w", err)
	}
	return nil
}

// aptInstall installs Debian packages (we are root).
func aptInstall(ctx context.Context, pkgs ...string) error {
	for _, args := range [][]string{{"update", "-qq"}, append([]string{"install", "-y", "-qq", "--no-install-recommends"}, pkgs...)} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %v: %w", args, err)
		}
	}
	return nil
}

// ensureFonts installs the DejaVu fonts the PDF receipts need, when missing and we may.
func ensureFonts(ctx context.Context) {
	if os.Getenv("RECEIPT_FONT_DIR") != "" {
		return
	}
	if _, err := os.Stat("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err == nil {
		return
	}
	if os.Geteuid() != 0 {
		fmt.Println("devstack: PDF receipts need fonts: sudo apt-get install -y fonts-dejavu-core")
		return
	}
	fmt.Println("devstack: installing fonts-dejavu-core for PDF receipts")
	if err := aptInstall(ctx, "fonts-dejavu-core"); err != nil {
		fmt.Fprintln(os.Stderr, "devstack:", err)
	}
}
