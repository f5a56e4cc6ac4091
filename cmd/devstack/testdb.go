package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
)

// withTestDB runs args with TEST_DATABASE_URL set to a throwaway cluster's postgres database.
func withTestDB(ctx context.Context, args []string) (int, error) {
	if len(args) == 0 {
		return 2, errors.New("test-db: no command")
	}
	env := os.Environ()
	if os.Getenv("TEST_DATABASE_URL") == "" {
		dir, err := os.MkdirTemp("", "motlan-test-pg-")
		if err != nil {
			return 1, err
		}
		defer func() {
			if err := os.RemoveAll(dir); err != nil {
				fmt.Fprintln(os.Stderr, "devstack: remove the throwaway cluster:", err)
			}
		}()
		port, err := freePort()
		if err != nil {
			return 1, err
		}
		c, err := startCluster(ctx, dir, port)
		if err != nil {
			return 1, err
		}
		defer func() {
			if err := c.Stop(context.WithoutCancel(ctx)); err != nil {
				fmt.Fprintln(os.Stderr, "devstack: stop the throwaway cluster:", err)
			}
		}()
		env = append(env, "TEST_DATABASE_URL="+c.URL("postgres"))
		fmt.Printf("devstack: throwaway PostgreSQL on 127.0.0.1:%d\n", port)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = env
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), fmt.Errorf("test-db: %s exited with %d", args[0], exit.ExitCode())
	}
	if err != nil {
		return 1, err
	}
	return 0, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}
