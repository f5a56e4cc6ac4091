package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// stateDir holds devstack's lock and the pid files of its children.
const stateDir = ".data/devstack"

// child is a process devstack started (the portal, a simulator): in its own process group, and
// recorded in a pid file, so that after a devstack killed with SIGKILL the next run finds it.
type child struct {
	name    string
	cmd     *exec.Cmd
	pidFile string
	done    chan struct{} // closed once the process has exited and been reaped
	err     error         // its exit status, once done is closed
}

// pidRecord is a pid file: the process and the arguments it was started with, which the next
// run compares with /proc before ending anything, in case the pid has been reused.
type pidRecord struct {
	Pid  int      `json:"pid"`
	Args []string `json:"args"`
}

// startChild starts path with args in its own process group, records it in dir/<name>.pid, and
// copies its output to out line by line, tagged with its name.
func startChild(dir, name string, env []string, out io.Writer, path string, args ...string) (*child, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	cmd := exec.Command(path, args...)
	cmd.Env = env
	cmd.SysProcAttr = childAttr()
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, pidFile: filepath.Join(dir, name+".pid"), done: make(chan struct{})}
	err = writePidFile(c.pidFile, pidRecord{Pid: cmd.Process.Pid, Args: cmd.Args})
	if err != nil { // untracked, it could outlive a killed devstack: end it now
		c.stop()
		out = io.Discard
	}
	go func() {
		prefix(out, name, pipe)
		c.err = cmd.Wait()
		_ = os.Remove(c.pidFile)
		close(c.done)
	}()
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	return c, nil
}

// stop asks the child's process group to end.
func (c *child) stop() { _ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGTERM) }

func writePidFile(path string, r pidRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o600)
}

// cleanStale ends the children that a devstack killed before it could stop them left running:
// the process group of each pid file in dir whose process still runs with the recorded
// arguments (a reused pid runs something else, which is left alone). Then it removes the file.
func cleanStale(dir string, out io.Writer) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.pid"))
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var r pidRecord
		if json.Unmarshal(b, &r) == nil && ours(r) {
			_, _ = fmt.Fprintf(out, "devstack: ending %s (pid %d), left running by an earlier run\n", strings.TrimSuffix(filepath.Base(f), ".pid"), r.Pid)
			endGroup(r.Pid, 5*time.Second)
		}
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// ours reports whether r's process still runs what devstack started, as the leader of its own
// process group.
func ours(r pidRecord) bool {
	if !alive(r.Pid) {
		return false
	}
	args, err := cmdline(r.Pid)
	if err != nil || !slices.Equal(args, r.Args) {
		return false
	}
	pgid, err := getpgid(r.Pid)
	return err == nil && pgid == r.Pid
}

// endGroup sends SIGTERM to process group pgid, waits up to grace for its leader to exit, then
// kills whatever of the group is left.
func endGroup(pgid int, grace time.Duration) {
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	for deadline := time.Now().Add(grace); alive(pgid) && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}

// lockStack makes sure one devstack at a time runs from this folder: a second one would take
// the first's children for stale ones. The kernel drops the lock when its holder dies, even by
// SIGKILL.
func lockStack(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "devstack.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := io.ReadAll(f)
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another devstack is running (pid %s); stop it first", strings.TrimSpace(string(b)))
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() { _ = f.Close() }, nil
}

// portFree fails when something already listens on addr: a health check would then be
// answered by a process left over from an earlier run, not by the child about to start.
func portFree(addr, setting string) error {
	conn, err := net.DialTimeout("tcp", addr, 300*time.Millisecond)
	if err != nil {
		return nil
	}
	_ = conn.Close()
	_, p, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(p)
	if pid := portOwner(port); pid > 0 {
		what := ""
		if args, err := cmdline(pid); err == nil {
			what = " (" + strings.Join(args, " ") + ")"
		}
		return fmt.Errorf("port %d is taken by pid %d%s; stop it or set %s", port, pid, what, setting)
	}
	return fmt.Errorf("port %d is taken by another process; stop it or set %s", port, setting)
}
