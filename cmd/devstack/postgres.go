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
		for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "--no-install-recommends", "postgresql"}} {
			cmd := exec.CommandContext(ctx, "apt-get", args...)
			cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
			cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("apt-get %v: %w", args, err)
			}
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
