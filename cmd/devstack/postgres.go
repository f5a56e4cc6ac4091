package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

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
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	return c, nil
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
