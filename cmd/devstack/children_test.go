package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// sleeper is a long-running stand-in for the portal or a simulator.
func sleeper(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("sleep")
	require.NoError(t, err)
	return p
}

// exited waits for the child to end, failing the test if it still runs after a generous while.
func exited(t *testing.T, ch *child) {
	t.Helper()
	select {
	case <-ch.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s (pid %d) still runs", ch.name, ch.cmd.Process.Pid)
	}
}

// TestCleanStaleChildren: a devstack killed with SIGKILL cannot stop its children; the next run
// finds them by their pid files and ends their process groups, and only processes that are
// still what the pid file recorded.
func TestCleanStaleChildren(t *testing.T) {
	t.Parallel()

	t.Run("OKStaleChildEnded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		ch, err := startChild(dir, "portal", os.Environ(), io.Discard, sleeper(t), "600")
		require.NoError(t, err)
		t.Cleanup(ch.stop)
		require.FileExists(t, filepath.Join(dir, "portal.pid"))
		pgid, err := getpgid(ch.cmd.Process.Pid)
		require.NoError(t, err)
		require.Equal(t, ch.cmd.Process.Pid, pgid, "in its own process group")

		// The next devstack run, before it starts anything.
		require.NoError(t, cleanStale(dir, io.Discard))
		exited(t, ch)
		require.ErrorContains(t, ch.err, "signal: terminated")
		require.NoFileExists(t, filepath.Join(dir, "portal.pid"))
	})

	t.Run("OKForeignProcessLeftAlone", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		// A pid file whose process is no longer the one recorded (the pid was reused).
		other := exec.Command(sleeper(t), "600")
		require.NoError(t, other.Start())
		done := make(chan struct{})
		go func() { _ = other.Wait(); close(done) }()
		t.Cleanup(func() { _ = other.Process.Kill(); <-done })
		require.NoError(t, writePidFile(filepath.Join(dir, "portal.pid"), pidRecord{Pid: other.Process.Pid, Args: []string{"/nowhere/bin/portal", "serve"}}))

		require.NoError(t, cleanStale(dir, io.Discard))
		select {
		case <-done:
			t.Fatal("a process that is not devstack's was ended")
		default:
		}
		require.NoFileExists(t, filepath.Join(dir, "portal.pid"), "the stale record is gone")
	})

	t.Run("OKNothingLeft", func(t *testing.T) {
		t.Parallel()
		require.NoError(t, cleanStale(filepath.Join(t.TempDir(), "never-created"), io.Discard))
	})
}

// TestStopEndsChild: the normal stop ends the child's group and removes its pid file.
func TestStopEndsChild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ch, err := startChild(dir, "ndxp", os.Environ(), io.Discard, sleeper(t), "600")
	require.NoError(t, err)
	ch.stop()
	exited(t, ch)
	require.NoFileExists(t, filepath.Join(dir, "ndxp.pid"))
}

// TestOneDevstackPerFolder: a second devstack on the same folder would take the first's children
// for stale ones; it stops at once instead.
func TestOneDevstackPerFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	release, err := lockStack(dir)
	require.NoError(t, err)
	_, err = lockStack(dir)
	require.ErrorContains(t, err, "another devstack is running (pid "+strconv.Itoa(os.Getpid())+")")
	release()
	again, err := lockStack(dir)
	require.NoError(t, err)
	again()
}

// TestPortFree: before starting a child devstack checks its port is free, so a healthy answer
// afterwards comes from the child and not from a process left over.
func TestPortFree(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	err = portFree(ln.Addr().String(), "PORTAL_ADDR")
	require.ErrorContains(t, err, fmt.Sprintf("port %d is taken by ", port))
	require.ErrorContains(t, err, "PORTAL_ADDR")
	// Naming the owner is best effort (/proc/net/tcp can miss a socket under load); when a pid
	// is named, it is this process.
	if strings.Contains(err.Error(), "by pid") {
		require.ErrorContains(t, err, fmt.Sprintf("by pid %d", os.Getpid()))
	}
	require.NoError(t, ln.Close())
	require.NoError(t, portFree(ln.Addr().String(), "PORTAL_ADDR"))
}

// TestWaitNoticesExitedChild: a child that exits while devstack waits for it fails the wait at
// once, with its exit, rather than after the timeout (or a stale process answering for it).
func TestWaitNoticesExitedChild(t *testing.T) {
	t.Parallel()
	ch, err := startChild(t.TempDir(), "portal", os.Environ(), io.Discard, "/bin/sh", "-c", "exit 3")
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + ln.Addr().String() + "/readyz"
	require.NoError(t, ln.Close()) // nothing answers there
	w := waiter{timeout: 10 * time.Minute, interval: 10 * time.Millisecond}
	err = w.ready(context.Background(), url, ch)
	require.ErrorContains(t, err, "portal exited: exit status 3")
}
